"""Measure a full recompute of every score over the large generated dataset.

    python bench/scoring.py [--engagements 50] [--initiatives 5000] [--opportunities 100000]
                            [--batch 500] [--runs 1] [--mode both|inprocess|worker] [--no-warm]
                            [--profile] [--out bench/results/scoring.json]

Uses the benchmark database of bench/dataset.py (BENCH_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/api_human_bench): creates and migrates it, generates the dataset
once, then for every run clears all scores (current scores, snapshots, runs, dirty marks), marks every
subject dirty with ``services.mark_all_dirty()`` and recomputes everything, measured two ways:

- in-process: ``services.run_recompute(kind="nightly")`` in a fresh child process (so the peak memory
  is the recompute's, not the generator's), counting every SQL statement, timing every batch, metric,
  rubric evaluation and table written; reports subjects per second, queries per batch and peak RSS.
  Then ("warm", unless --no-warm) the same again over the unchanged data: the usual nightly run, where
  every subject is evaluated and no snapshot is written;
- worker: a real ``celery worker --pool=solo`` on Redis (BENCH_REDIS_URL, default redis://127.0.0.1:6379/13)
  and a queue of its own runs ``scoring.recompute`` for a ScoreRun (it hands over to a continuation task
  every 240 s); its RSS is sampled every 0.5 s from /proc (and its VmHWM read), and the subjects per
  second are reported.

``--profile`` adds a cProfile of one in-process recompute (bench/results/scoring-profile.txt; slower,
not used for the figures). Results are printed and written to bench/results/scoring.json (--out).
Timings are measured here, never asserted in tests.
"""

import argparse
import contextlib
import dataclasses
import json
import os
import platform
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter, defaultdict
from pathlib import Path

import dataset  # sets DATABASE_URL and DJANGO_SETTINGS_MODULE before Django is set up

ROOT = dataset.ROOT
RESULTS = dataset.RESULTS
BENCH_REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
TABLE = re.compile(r'\b(?:FROM|INTO|UPDATE)\s+"?([\w.]+)"?', re.IGNORECASE)


# ------------------------------------------------------------------------------------------------
# Shared steps
# ------------------------------------------------------------------------------------------------
def setup_django(*, redis: bool = False, queue: str = "") -> None:
    import django

    if redis:  # tasks sent from this process go to Redis, on the benchmark's own queue
        os.environ["REDIS_URL"] = BENCH_REDIS
        os.environ["CELERY_TASK_DEFAULT_QUEUE"] = queue
    django.setup()
    from django.conf import settings

    settings.DEBUG = False


def clear_scores() -> None:
    """Every score, snapshot, run and dirty mark goes (snapshots refuse delete(), so TRUNCATE)."""
    from django.db import connection

    from api_human.scoring.models import CurrentScore, DirtySubject, ScoreRun, ScoreSnapshot

    tables = ", ".join(
        connection.ops.quote_name(m._meta.db_table)
        for m in (CurrentScore, ScoreSnapshot, ScoreRun, DirtySubject)
    )
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {tables}")


def mark_everything() -> dict:
    from api_human.scoring import services

    start = time.perf_counter()
    marked = services.mark_all_dirty()
    return {"marked": marked, "mark_all_dirty_s": round(time.perf_counter() - start, 2)}


def scored_subjects() -> dict:
    """Distinct subjects with a current score, per subject type (after a full recompute: all of them)."""
    from django.db.models import Count

    from api_human.scoring.models import CurrentScore, ScoreSnapshot

    rows = CurrentScore.objects.values("subject_type").annotate(n=Count("subject_id", distinct=True))
    found = {row["subject_type"]: row["n"] for row in rows}
    found["total"] = sum(found.values())
    found["snapshots_in_table"] = ScoreSnapshot.objects.count()
    return found


def rss_kib(pid="self") -> dict:
    """VmRSS (now) and VmHWM (peak since start, or since the last reset) of a process, in KiB."""
    found = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(("VmRSS:", "VmHWM:")):
                key, value = line.split(":", 1)
                found[key] = int(value.split()[0])
    except (FileNotFoundError, ProcessLookupError):
        pass
    return found


def reset_peak_rss(pid="self") -> bool:
    """Reset VmHWM (Linux: writing 5 to clear_refs), so the next peak is this measurement's."""
    try:
        Path(f"/proc/{pid}/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def mib(kib) -> float | None:
    return None if kib is None else round(kib / 1024, 1)


# ------------------------------------------------------------------------------------------------
# In-process mode (runs in a child process)
# ------------------------------------------------------------------------------------------------
class QueryCounter:
    """``connection.execute_wrapper``: counts and times every statement by verb and table.

    CaptureQueriesContext is not used for the full run: it keeps at most 9,000 queries (the
    connection's ``queries_log`` is a bounded deque) and keeps every SQL text, which would inflate the
    memory being measured."""

    def __init__(self):
        self.count = 0
        self.seconds = 0.0
        self.by_statement = Counter()
        self.seconds_by_statement = defaultdict(float)

    def __call__(self, execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            elapsed = time.perf_counter() - start
            verb = sql.lstrip().split(None, 1)[0].upper() if sql.strip() else "?"
            match = TABLE.search(sql)
            key = f"{verb} {match.group(1) if match else ''}".strip()
            self.count += 1
            self.seconds += elapsed
            self.by_statement[key] += 1
            self.seconds_by_statement[key] += elapsed


class Timers:
    """Wall time of named steps, accumulated (wrapping module functions in place, for this process)."""

    def __init__(self):
        self.seconds = defaultdict(float)
        self.calls = Counter()

    def wrap(self, name, fn):
        def timed(*args, **kwargs):
            start = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.seconds[name] += time.perf_counter() - start
                self.calls[name] += 1

        return timed


def instrument(queries: QueryCounter):
    """Time batches, metrics, rubric evaluation, subject lookup and ratings inside run_recompute."""
    from api_human.scoring import engine, registry, services

    timers = Timers()
    batches = []
    claim, compute_rows = services._claim, services.compute_rows

    def timed_claim(limit):
        now = time.perf_counter()
        if batches and "end" not in batches[-1]:
            batches[-1]["end"], batches[-1]["q_end"] = now, queries.count
        rows = claim(limit)
        if rows:
            batches.append({"start": now, "q_start": queries.count, "rows": len(rows)})
            batches[-1]["kinds"] = dict(Counter(row.kind for row in rows))
        return rows

    def timed_compute(rows, *, run, plans):
        start, q = time.perf_counter(), queries.count
        written = compute_rows(rows, run=run, plans=plans)
        batch = batches[-1] if batches else {}
        batch["compute_s"] = time.perf_counter() - start
        batch["compute_queries"] = queries.count - q
        batch["snapshots"] = written
        return written

    services._claim = timed_claim
    services.compute_rows = timed_compute
    services.subjects_of = timers.wrap("subjects_of", services.subjects_of)
    services._latest_ratings = timers.wrap("latest_ratings", services._latest_ratings)
    engine.evaluate = timers.wrap("engine.evaluate", engine.evaluate)
    for key, metric in list(registry.METRICS.items()):
        registry.METRICS.register(
            dataclasses.replace(metric, compute=timers.wrap(f"metric {key}", metric.compute)),
            key=key,
            order=0,
            replace=True,
        )
    return timers, batches


def child_inprocess(args) -> dict:
    """Measured full recomputes in this (fresh) process: "cold" after clearing every score (every
    subject gets a snapshot), then, with --warm, "warm" over the same unchanged data (the usual
    nightly run: every subject is evaluated, no new snapshot is written)."""
    setup_django()
    from django.conf import settings

    settings.SCORING_BATCH_SIZE = args.batch
    queries = QueryCounter()
    timers, batches = instrument(queries)
    clear_scores()
    figures = {"cold": measure_recompute(queries, timers, batches, profile=args.child == "profile")}
    if args.warm and args.child != "profile":
        figures["warm"] = measure_recompute(queries, timers, batches)
        figures["warm"]["mode"] = "warm"
    return figures


def measure_recompute(queries, timers, batches, profile=False) -> dict:
    """mark_all_dirty, then run_recompute(kind="nightly") with every statement and step counted."""
    from django.conf import settings
    from django.db import connection

    from api_human.scoring import services
    from api_human.scoring.models import ScoreRun

    reset_peak_rss()
    result = mark_everything()
    mark_peak = rss_kib().get("VmHWM")  # mark_all_dirty builds every mark in memory at once
    queries.__init__()
    timers.__init__()
    batches.clear()
    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
    before = rss_kib()
    reset = reset_peak_rss()
    start = time.perf_counter()
    with connection.execute_wrapper(queries):
        if profiler:
            profiler.enable()
        outcome = services.run_recompute(kind=ScoreRun.Kind.NIGHTLY)
        if profiler:
            profiler.disable()
    wall = time.perf_counter() - start
    if batches and "end" not in batches[-1]:
        batches[-1]["end"], batches[-1]["q_end"] = time.perf_counter(), queries.count
    after = rss_kib()
    run = ScoreRun.objects.get(pk=outcome["run"])
    subjects = scored_subjects()
    if profiler:
        import io
        import pstats

        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out)
        stats.sort_stats("cumulative").print_stats(45)
        stats.sort_stats("tottime").print_stats(30)
        (RESULTS / "scoring-profile.txt").write_text(out.getvalue())

    n = len(batches) or 1
    batch_seconds = [b["end"] - b["start"] for b in batches]
    compute_seconds = [b.get("compute_s", 0) for b in batches]
    batch_queries = [b["q_end"] - b["q_start"] for b in batches]
    by_kind = defaultdict(lambda: {"batches": 0, "rows": 0, "seconds": 0.0, "compute_s": 0.0, "queries": 0})
    for b in batches:
        kind = "+".join(sorted(b["kinds"]))  # a batch at a boundary holds two kinds
        agg = by_kind[kind]
        agg["batches"] += 1
        agg["rows"] += b["rows"]
        agg["seconds"] += b["end"] - b["start"]
        agg["compute_s"] += b.get("compute_s", 0)
        agg["queries"] += b["q_end"] - b["q_start"]
    for agg in by_kind.values():  # per kind of batch
        agg["rows_per_s"] = round(agg["rows"] / agg["seconds"], 1) if agg["seconds"] else None
        agg["queries_per_batch"] = round(agg["queries"] / agg["batches"], 1)
        agg["seconds"], agg["compute_s"] = round(agg["seconds"], 2), round(agg["compute_s"], 2)
    top_statements = sorted(queries.by_statement.items(), key=lambda kv: -queries.seconds_by_statement[kv[0]])
    metric_time = sorted(
        ((k, v) for k, v in timers.seconds.items() if k.startswith("metric ")), key=lambda kv: -kv[1]
    )
    result |= {
        "mode": "profile" if profiler else "inprocess",
        "batch_size": settings.SCORING_BATCH_SIZE,
        "seconds": round(wall, 2),
        "dirty_rows_done": run.done,
        "snapshots": run.snapshots,
        "scored_subjects": subjects,
        "rows_per_s": round(run.done / wall, 1),
        "subjects_per_s": round(subjects["total"] / wall, 1),
        "batches": len(batches),
        "queries": queries.count,
        "queries_per_batch": round(queries.count / n, 1),
        "queries_per_batch_max": max(batch_queries, default=0),
        "queries_per_batch_in_compute_rows": round(sum(b.get("compute_queries", 0) for b in batches) / n, 1),
        "batch_seconds_mean": round(sum(batch_seconds) / n, 3),
        "batch_seconds_max": round(max(batch_seconds, default=0), 3),
        "compute_rows_share": round(sum(compute_seconds) / sum(batch_seconds), 3) if batch_seconds else None,
        "db_seconds": round(queries.seconds, 2),
        "db_share": round(queries.seconds / wall, 3),
        "by_batch_kind": dict(by_kind),
        "statements": [
            {"statement": k, "count": c, "seconds": round(queries.seconds_by_statement[k], 2)}
            for k, c in top_statements[:15]
        ],
        "steps_s": {
            "subjects_of": round(timers.seconds["subjects_of"], 2),
            "latest_ratings": round(timers.seconds["latest_ratings"], 2),
            "engine.evaluate": round(timers.seconds["engine.evaluate"], 2),
            "engine.evaluate_calls": timers.calls["engine.evaluate"],
            "metrics_total": round(sum(v for _, v in metric_time), 2),
        },
        "slowest_metrics_s": {k.removeprefix("metric "): round(v, 2) for k, v in metric_time[:10]},
        "memory": {
            "rss_before_mib": mib(before.get("VmRSS")),
            "rss_after_mib": mib(after.get("VmRSS")),
            "peak_rss_mib": mib(after.get("VmHWM")) if reset else None,
            "mark_all_dirty_peak_rss_mib": mib(mark_peak),
            "ru_maxrss_mib": mib(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss),
        },
        "run_status": run.status,
    }
    return result


def run_inprocess(args, mode="inprocess") -> dict:
    """Start this script again as a child that measures one recompute; returns its figures."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        out = Path(handle.name)
    try:
        command = [
            sys.executable,
            __file__,
            "--child",
            mode,
            "--child-out",
            str(out),
            "--batch",
            str(args.batch),
            "--warm" if args.warm else "--no-warm",
        ]
        subprocess.run(command, check=True, cwd=ROOT)
        return json.loads(out.read_text())
    finally:
        out.unlink(missing_ok=True)


# ------------------------------------------------------------------------------------------------
# Worker mode
# ------------------------------------------------------------------------------------------------
class Worker:
    """``celery worker --pool=solo`` on a queue of its own; its output is drained in the background."""

    def __init__(self, queue: str, batch: int):
        env = os.environ | {
            "DJANGO_SETTINGS_MODULE": "api_human.settings.dev",
            "DJANGO_DEBUG": "false",  # as in production: no query log kept in the worker
            "DATABASE_URL": dataset.BENCH_DB,
            "REDIS_URL": BENCH_REDIS,
            "CELERY_TASK_DEFAULT_QUEUE": queue,  # the continuation tasks it sends stay on this queue
            "SCORING_BATCH_SIZE": str(batch),
        }
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "api_human",
                "worker",
                "--pool=solo",
                "--concurrency=1",
                "-Q",
                queue,
                "-n",
                f"{queue}@%h",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "--loglevel=INFO",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.output = []
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            line = self.process.stdout.readline()
            if not line and self.process.poll() is not None:
                break
            self.output.append(line)
            if " ready." in line:
                break
        if self.process.poll() is not None or not any(" ready." in line for line in self.output):
            self.stop()
            raise SystemExit("The Celery worker did not start:\n" + "".join(self.output[-40:]))
        threading.Thread(target=lambda: self.output.extend(self.process.stdout), daemon=True).start()

    @property
    def pid(self) -> int:
        return self.process.pid

    def tasks_succeeded(self) -> int:
        return sum(1 for line in list(self.output) if "scoring.recompute" in line and "succeeded" in line)

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def forget_queue(queue: str) -> None:
    """Remove the benchmark queue's bindings from Redis once its worker stopped."""
    import redis

    with contextlib.suppress(redis.RedisError):
        redis.Redis.from_url(BENCH_REDIS).delete(
            queue, f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}"
        )


class RssSampler(threading.Thread):
    """Samples a process's VmRSS every ``interval`` seconds until stopped."""

    def __init__(self, pid: int, interval: float = 0.5):
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.samples = []
        self.halt = threading.Event()

    def run(self):
        while not self.halt.is_set():
            rss = rss_kib(self.pid).get("VmRSS")
            if rss is not None:
                self.samples.append(rss)
            self.halt.wait(self.interval)

    def stop(self):
        self.halt.set()
        self.join()


def run_worker(worker: Worker, queue: str, timeout: float) -> dict:
    """Clear, mark everything dirty, start a ScoreRun on the worker's queue and wait for it."""
    from api_human.scoring import services
    from api_human.scoring.models import ScoreRun
    from api_human.scoring.tasks import recompute

    clear_scores()
    result = mark_everything()
    run = services.run_create(kind=ScoreRun.Kind.NIGHTLY)
    idle = rss_kib(worker.pid)
    reset = reset_peak_rss(worker.pid)
    tasks_before = worker.tasks_succeeded()
    sampler = RssSampler(worker.pid)
    sampler.start()
    start = time.perf_counter()
    recompute.apply_async(kwargs={"run_id": run.pk}, queue=queue)
    try:
        while True:
            run.refresh_from_db()
            if run.is_finished:
                break
            if worker.process.poll() is not None:
                raise SystemExit("The Celery worker died:\n" + "".join(worker.output[-40:]))
            if time.perf_counter() - start > timeout:
                raise SystemExit(f"The run did not finish in {timeout} s ({run.done}/{run.total} done)")
            time.sleep(0.5)
    finally:
        wall = time.perf_counter() - start
        sampler.stop()
    peak = rss_kib(worker.pid)
    processing = (run.finished_at - run.started_at).total_seconds() if run.started_at else None
    subjects = scored_subjects()
    time.sleep(1)  # the last task's "succeeded" line
    result |= {
        "mode": "worker",
        "queue": queue,
        "worker_pid": worker.pid,
        "run_status": run.status,
        "errors": run.errors,
        "seconds": round(wall, 2),
        "processing_seconds": round(processing, 2) if processing else None,
        "dirty_rows_done": run.done,
        "snapshots": run.snapshots,
        "scored_subjects": subjects,
        "rows_per_s": round(run.done / wall, 1),
        "subjects_per_s": round(subjects["total"] / wall, 1),
        "tasks": worker.tasks_succeeded() - tasks_before,  # the first task and its continuations
        "memory": {
            "rss_idle_mib": mib(idle.get("VmRSS")),
            "peak_rss_sampled_mib": mib(max(sampler.samples, default=None)),
            "peak_rss_vmhwm_mib": mib(peak.get("VmHWM")) if reset else None,
            "rss_after_mib": mib(peak.get("VmRSS")),
            "samples": len(sampler.samples),
        },
    }
    return result


# ------------------------------------------------------------------------------------------------
# Report
# ------------------------------------------------------------------------------------------------
def machine() -> dict:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    memory = None
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            memory = round(int(line.split()[1]) / 1024 / 1024, 1)
    cpu = ""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    return {
        "cpu_count": os.cpu_count(),
        "cpu": cpu,
        "memory_gib": memory,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "postgresql": postgres,
    }


def code_version() -> dict:
    """Which scoring code was measured (others may be changing it): the commit and the files' digests."""
    import hashlib

    try:
        commit = subprocess.run(
            ["git", "rev-parse", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
    except OSError:
        commit = ""
    files = ["api_human/scoring/services.py", "api_human/scoring/engine.py", "api_human/scoring/tasks.py"]
    return {
        "commit": commit,
        "sha256": {name: hashlib.sha256((ROOT / name).read_bytes()).hexdigest()[:16] for name in files},
    }


def print_report(results: dict) -> None:
    counts = results["dataset"]["counts"]
    print()
    print(
        f"dataset: {counts['core.Engagement']:,} engagements, {counts['stages.StagePhase']:,} stage phases, "
        f"{counts['initiatives.Initiative']:,} initiatives, {counts['opportunities.Opportunity']:,} "
        f"opportunities, {counts['scoring.Rating']:,} ratings; generation: {results['dataset']['generation_s']} s"
    )
    print(
        f"batch size {results['batch_size']}; {results['machine']['cpu_count']} CPUs, Python {results['machine']['python']}"
    )
    header = (
        f"{'run':>3} {'mode':<9} {'mark s':>7} {'total s':>8} {'rows/s':>8} {'subj/s':>8} {'snapshots':>9} "
        f"{'batches':>7} {'q/batch':>8} {'peak MiB':>9}"
    )
    print(header)
    print("-" * len(header))
    for i, run in enumerate(results["runs"], 1):
        for row in run.values():
            memory = row["memory"]
            peak = (
                memory.get("peak_rss_mib")
                or memory.get("ru_maxrss_mib")
                or memory.get("peak_rss_sampled_mib")
            )
            if row["mode"] == "worker":
                peak = memory.get("peak_rss_vmhwm_mib") or memory.get("peak_rss_sampled_mib")
            print(
                f"{i:>3} {row['mode']:<9} {row['mark_all_dirty_s']:>7} {row['seconds']:>8} {row['rows_per_s']:>8} "
                f"{row['subjects_per_s']:>8} {row['snapshots']:>9} {row.get('batches', row.get('tasks', '')):>7} "
                f"{row.get('queries_per_batch', ''):>8} {peak:>9}"
            )
    print("inprocess: after clearing every score (each subject gets a snapshot); warm: the same again over")
    print("unchanged data (no new snapshot); worker: like inprocess, on the Celery worker, where 'batches'")
    print("is the number of tasks (the first and its continuations); peak: VmHWM of the measuring process")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engagements", type=int, default=50)
    parser.add_argument("--initiatives", type=int, default=5000)
    parser.add_argument("--opportunities", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--batch", type=int, default=500, help="SCORING_BATCH_SIZE")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--mode", choices=["both", "inprocess", "worker"], default="both")
    parser.add_argument(
        "--warm",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="in-process: also recompute again over the unchanged data (the usual nightly run)",
    )
    parser.add_argument("--profile", action="store_true", help="also profile one in-process recompute")
    parser.add_argument("--out", default=str(RESULTS / "scoring.json"), help="where the JSON goes")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds to wait for a worker run")
    parser.add_argument("--child", choices=["inprocess", "profile"], help=argparse.SUPPRESS)
    parser.add_argument("--child-out", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child:
        Path(args.child_out).write_text(json.dumps(child_inprocess(args)))
        return

    dataset.ensure_database()
    queue = f"bench-scoring-{uuid.uuid4().hex[:8]}"
    setup_django(redis=args.mode != "inprocess", queue=queue)
    from django.conf import settings
    from django.core.management import call_command

    settings.SCORING_BATCH_SIZE = args.batch
    call_command("migrate", verbosity=0)
    print("generating the dataset (skipped if it is there)...", flush=True)
    info = dataset.generate_large(
        args.engagements, args.initiatives, args.opportunities, args.seed, verbose=True
    )
    record = info if info["generated"] else dataset.generation_record(info["marker"])
    results = {
        "machine": machine(),
        "load_before": dataset.machine(),
        "code": code_version(),
        "dataset": {
            "marker": info["marker"],
            "generation_s": record["seconds"] if record else None,
            "generated_now": info["generated"],
            "counts": info["counts"],
        },
        "batch_size": args.batch,
        "runs": [],
    }
    worker = None
    try:
        if args.mode != "inprocess":
            worker = Worker(queue, args.batch)
        for i in range(args.runs):
            run = {}
            if args.mode != "worker":
                print(f"run {i + 1}: in-process recompute...", flush=True)
                figures = run_inprocess(args)
                run["inprocess"] = figures["cold"]
                print(f"  {run['inprocess']['seconds']} s", flush=True)
                if "warm" in figures:
                    run["inprocess_warm"] = figures["warm"]
                    print(f"  again over unchanged data: {figures['warm']['seconds']} s", flush=True)
            if worker:
                print(f"run {i + 1}: recompute on the Celery worker (pid {worker.pid})...", flush=True)
                run["worker"] = run_worker(worker, queue, args.timeout)
                print(f"  {run['worker']['seconds']} s", flush=True)
            results["runs"].append(run)
        if args.profile:
            print("profiling one in-process recompute...", flush=True)
            results["profile"] = run_inprocess(args, mode="profile")["cold"]
            results["profile"]["report"] = "bench/results/scoring-profile.txt"
    finally:
        if worker:
            worker.stop()
            forget_queue(queue)
            results["worker_log_tail"] = [line.rstrip() for line in worker.output[-5:]]
    if code_version() != results["code"]:
        results["code_changed_during_run"] = code_version()
        print("warning: the scoring code changed while this benchmark ran; the runs are not comparable")
    results["load_after"] = dataset.machine()
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, default=str))
    print_report(results)
    print(f"written to {out}")


if __name__ == "__main__":
    main()
