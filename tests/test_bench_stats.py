"""The benchmarks' figures (bench/stats.py): a p95 that is never the fastest sample."""

import importlib.util
from pathlib import Path

import pytest

spec = importlib.util.spec_from_file_location(
    "bench_stats", Path(__file__).resolve().parents[1] / "bench" / "stats.py"
)
stats = importlib.util.module_from_spec(spec)
spec.loader.exec_module(stats)


@pytest.mark.parametrize(
    ("values", "q", "expected"),
    [
        ([10, 20], 0.95, 20),  # two samples: the slower one (the old formula gave the faster)
        ([5], 0.95, 5),
        (list(range(1, 101)), 0.95, 95),
        (list(range(1, 21)), 0.95, 19),
        ([3, 1, 2], 0.5, 2),  # unsorted input
    ],
)
def test_the_percentile_is_the_nearest_rank(values, q, expected):
    assert stats.percentile(values, q) == expected


def test_the_machine_record_has_the_load():
    record = stats.machine()
    assert record["cpus"] >= 1 and {"load_1", "load_5", "load_15"} <= set(record)
