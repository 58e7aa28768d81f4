"""Figures every benchmark writes the same way (no side effects: tests import this module)."""

import math
import os


def percentile(values, q: float) -> float:
    """The ``q``-th percentile by the nearest-rank method: the smallest sample that at least ``q`` of all
    samples do not exceed — for two samples, the p95 is the slower one (never the faster)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def machine() -> dict:
    """What else the machine was doing: its load averages and CPUs, written beside every result."""
    load1, load5, load15 = os.getloadavg()
    return {
        "cpus": os.cpu_count(),
        "load_1": round(load1, 2),
        "load_5": round(load5, 2),
        "load_15": round(load15, 2),
    }
