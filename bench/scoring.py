"""Measure a full recompute of every score over the large generated dataset.

    python bench/scoring.py [--engagements 50] [--initiatives 5000] [--opportunities 100000]
                            [--batch 500] [--lanes N] [--runs 1] [--mode both|inprocess|worker] [--no-warm]
                            [--workers 1,2] [--latency 20] [--burst 5]
                            [--profile] [--out bench/results/scoring.json]

Uses the benchmark database of bench/dataset.py (BENCH_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/api_human_bench): creates and migrates it, generates the dataset
once, then for every run clears all scores (current scores, snapshots, runs, dirty marks), marks every
subject dirty with ``services.mark_all_dirty()`` and recomputes everything, measured two ways:

- in-process: ``services.run_recompute(kind="nightly")`` in a fresh child process (so the peak memory
  is the recompute's, not the generator's), counting every SQL statement, timing every batch, metric,
  rubric evaluation and table written; reports subjects per second, queries per batch and peak RSS.
  A task works on two batches at once (``services._lanes``: the second in a thread, on a connection of
  its own; ``--lanes 1``: one at a time): every lane's statements are counted, each batch's queries
  and time are its lane's, and the step timers add the lanes' times up (they may exceed the wall time);
  Then ("warm", unless --no-warm) the same again over the unchanged data: the usual nightly run, where
  every subject is evaluated and no snapshot is written;
- worker: real ``celery worker --pool=solo`` processes on Redis (BENCH_REDIS_URL, default
  redis://127.0.0.1:6379/13) and a queue of their own — one, then two (``--workers 1,2``) — run
  ``scoring.recompute`` for a ScoreRun: the first task asks ``SCORING_PARALLEL_TASKS`` (= the number of
  workers) tasks in all to share the run, each claiming its own batches (it hands over to a
  continuation task every 240 s); each worker's RSS is sampled every 0.5 s from /proc (and its VmHWM
  read), and the subjects per second and the speed-up over one worker are reported;
- latency (``--latency N``, with one worker): N times, one change (a change focus added to an engagement
  whose stage A is under way, committed as the web would) until its new score snapshot is visible
  (polled every 10 ms): p50 and p95 (nearest rank) — the debounce, the broker, the worker and the
  recompute of the engagement's stages. Then ``--burst M`` changes in M transactions committed back to
  back: the new snapshots and recompute runs they made (one each when the debounce merged them).

``--profile`` adds a cProfile of one in-process recompute (bench/results/scoring-profile.txt; slower,
not used for the figures; one lane, as cProfile sees the main thread only). Results are printed and written to bench/results/scoring.json (--out).
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


def cpu_seconds(pid) -> float:
    """User + system CPU time a process has used so far (from /proc/<pid>/stat)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


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
        self.by_thread = Counter()  # a task's lanes (services._lanes) run their batches in threads
        self.lock = threading.Lock()

    def here(self) -> int:
        """Statements run so far by this thread (a batch's queries, whatever the other lanes do)."""
        return self.by_thread[threading.get_ident()]

    def __call__(self, execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            elapsed = time.perf_counter() - start
            verb = sql.lstrip().split(None, 1)[0].upper() if sql.strip() else "?"
            match = TABLE.search(sql)
            key = f"{verb} {match.group(1) if match else ''}".strip()
            with self.lock:
                self.count += 1
                self.seconds += elapsed
                self.by_statement[key] += 1
                self.seconds_by_statement[key] += elapsed
                self.by_thread[threading.get_ident()] += 1


class DatabaseCpu:
    """CPU time of the PostgreSQL backends serving a recompute (one per lane), read from /proc — the
    benchmark's database runs on this machine; 0 where it does not. With the process's own CPU time it
    says what a run costs whatever else the (shared) machine is doing."""

    def __init__(self):
        self.seconds = 0.0
        self.lock = threading.Lock()

    @contextlib.contextmanager
    def measure(self):
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            pid = cursor.fetchone()[0]
        start = cpu_seconds(pid)
        try:
            yield
        finally:
            used = cpu_seconds(pid) - start
            with self.lock:
                self.seconds += max(used, 0.0)


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
                self.seconds[name] += time.perf_counter() - start  # summed over the lanes
                self.calls[name] += 1

        return timed


def instrument(queries: QueryCounter, database: DatabaseCpu):
    """Time batches, metrics, rubric evaluation, subject lookup and ratings inside run_recompute.

    A task may work on two batches at once (``services._lanes``: the second in a thread, on a connection
    of its own): every lane's statements are counted, and each batch's time and queries are its lane's."""
    from django.db import connection

    from api_human.scoring import engine, registry, services

    timers = Timers()
    batches = []
    lane = threading.local()  # the batch this thread works on
    claim, compute_rows = services._claim, services.compute_rows
    work = getattr(services, "_work", None)  # (older code worked on one batch at a time)

    def close_batch(now):
        batch = getattr(lane, "batch", None)
        if batch is not None and "end" not in batch:
            batch["end"], batch["q_end"] = now, queries.here()

    def timed_claim(limit, **kwargs):
        now = time.perf_counter()
        close_batch(now)
        rows = claim(limit, **kwargs)
        lane.batch = None
        if rows:
            lane.batch = {"start": now, "q_start": queries.here(), "rows": len(rows)}
            lane.batch["kinds"] = dict(Counter(row.kind for row in rows))
            batches.append(lane.batch)
        return rows

    def timed_compute(rows, *, run, plans):
        start, q = time.perf_counter(), queries.here()
        written = compute_rows(rows, run=run, plans=plans)
        batch = getattr(lane, "batch", None) or {}
        batch["compute_s"] = time.perf_counter() - start
        batch["compute_queries"] = queries.here() - q
        batch["snapshots"] = written
        return written

    def counted_work(*args, **kwargs):
        try:
            if threading.current_thread() is threading.main_thread():
                return work(*args, **kwargs)
            with database.measure(), connection.execute_wrapper(queries):  # a lane's own connection
                return work(*args, **kwargs)
        finally:
            close_batch(time.perf_counter())

    services._claim = timed_claim
    services.compute_rows = timed_compute
    if work is not None:
        services._work = counted_work
    # COPY does not pass through connection.execute_wrapper: timed here as a step
    services._copy_snapshots = timers.wrap("snapshots COPY + current scores", services._copy_snapshots)
    services.subjects_of = timers.wrap("subjects_of", services.subjects_of)
    services._latest_ratings = timers.wrap("latest_ratings", services._latest_ratings)
    engine.evaluate = timers.wrap("engine.evaluate", engine.evaluate)  # a plan whose criterion keys repeat
    if hasattr(engine, "Evaluator"):
        engine.Evaluator.__call__ = timers.wrap("engine.Evaluator", engine.Evaluator.__call__)
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
    if args.lanes:
        settings.SCORING_LANES = args.lanes
    if args.child == "profile":
        settings.SCORING_LANES = 1  # cProfile sees the main thread only: every batch there
    queries = QueryCounter()
    database = DatabaseCpu()
    timers, batches = instrument(queries, database)
    clear_scores()
    figures = {"cold": measure_recompute(queries, timers, batches, database, profile=args.child == "profile")}
    if args.warm and args.child != "profile":
        figures["warm"] = measure_recompute(queries, timers, batches, database)
        figures["warm"]["mode"] = "warm"
    return figures


def measure_recompute(queries, timers, batches, database, profile=False) -> dict:
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
    database.__init__()
    batches.clear()
    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
    before = rss_kib()
    reset = reset_peak_rss()
    start, cpu_start = time.perf_counter(), time.process_time()
    with database.measure(), connection.execute_wrapper(queries):
        if profiler:
            profiler.enable()
        outcome = services.run_recompute(kind=ScoreRun.Kind.NIGHTLY)
        if profiler:
            profiler.disable()
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    for batch in batches:  # every lane closes its last batch; this is in case one could not
        if "end" not in batch:
            batch["end"], batch["q_end"] = time.perf_counter(), batch["q_start"]
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
        "lanes": services._lanes(run, settings.SCORING_BATCH_SIZE) if hasattr(services, "_lanes") else 1,
        "seconds": round(wall, 2),
        "dirty_rows_done": run.done,
        "snapshots": run.snapshots,
        "scored_subjects": subjects,
        "rows_per_s": round(run.done / wall, 1),
        "subjects_per_s": round(subjects["total"] / wall, 1),
        # this process's CPU time (Python; the database's work is in db_seconds): on a machine shared
        # with other work, subjects per CPU second say more than per wall second
        "process_cpu_s": round(cpu, 2),
        "subjects_per_cpu_s": round(subjects["total"] / cpu, 1) if cpu else None,
        # the database's CPU time (its backends, every lane's) and the two together: what a run costs
        "database_cpu_s": round(database.seconds, 2),
        "process_and_database_cpu_s": round(cpu + database.seconds, 2),
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
            "engine.Evaluator": round(timers.seconds["engine.Evaluator"], 2),
            "engine.Evaluator_calls": timers.calls["engine.Evaluator"],
            "metrics_total": round(sum(v for _, v in metric_time), 2),
            "snapshots_copy_and_current": round(timers.seconds["snapshots COPY + current scores"], 2),
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
            "--lanes",
            str(args.lanes),
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

    def __init__(self, queue: str, batch: int, *, name: str = "", parallel: int = 1):
        env = os.environ | {
            "DJANGO_SETTINGS_MODULE": "api_human.settings.dev",
            "DJANGO_DEBUG": "false",  # as in production: no query log kept in the worker
            "DATABASE_URL": dataset.BENCH_DB,
            "REDIS_URL": BENCH_REDIS,
            "CELERY_TASK_DEFAULT_QUEUE": queue,  # the continuation tasks it sends stay on this queue
            "SCORING_BATCH_SIZE": str(batch),
            "SCORING_PARALLEL_TASKS": str(parallel),  # a run is shared by as many tasks as workers
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
                f"{queue}{name}@%h",
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


def start_workers(queue: str, batch: int, count: int) -> list[Worker]:
    workers = []
    try:
        for i in range(count):
            workers.append(Worker(queue, batch, name=f"-{count}-{i}", parallel=count))
    except BaseException:
        stop_workers(workers)
        raise
    return workers


def stop_workers(workers) -> None:
    for worker in workers:
        worker.stop()


def run_workers(workers: list[Worker], queue: str, timeout: float) -> dict:
    """Clear, mark everything dirty, start a ScoreRun on the workers' queue and wait for it (the first
    task asks the others to share it)."""
    from api_human.scoring import services
    from api_human.scoring.models import ScoreRun
    from api_human.scoring.tasks import recompute

    clear_scores()
    result = mark_everything()
    run = services.run_create(kind=ScoreRun.Kind.NIGHTLY)
    idle = [rss_kib(worker.pid) for worker in workers]
    reset = [reset_peak_rss(worker.pid) for worker in workers]
    tasks_before = sum(worker.tasks_succeeded() for worker in workers)
    samplers = [RssSampler(worker.pid) for worker in workers]
    for sampler in samplers:
        sampler.start()
    cpu_before = [cpu_seconds(worker.pid) for worker in workers]
    start = time.perf_counter()
    recompute.apply_async(kwargs={"run_id": run.pk}, queue=queue)
    try:
        while True:
            run.refresh_from_db()
            if run.is_finished:
                break
            for worker in workers:
                if worker.process.poll() is not None:
                    raise SystemExit("A Celery worker died:\n" + "".join(worker.output[-40:]))
            if time.perf_counter() - start > timeout:
                raise SystemExit(f"The run did not finish in {timeout} s ({run.done}/{run.total} done)")
            time.sleep(0.2)
    finally:
        wall = time.perf_counter() - start
        for sampler in samplers:
            sampler.stop()
    peaks = [rss_kib(worker.pid) for worker in workers]
    cpu = [
        round(cpu_seconds(worker.pid) - before, 2) for worker, before in zip(workers, cpu_before, strict=True)
    ]
    processing = (run.finished_at - run.started_at).total_seconds() if run.started_at else None
    subjects = scored_subjects()
    time.sleep(1)  # the last task's "succeeded" line
    memory = [
        {
            "worker_pid": worker.pid,
            "rss_idle_mib": mib(idle_rss.get("VmRSS")),
            "peak_rss_sampled_mib": mib(max(sampler.samples, default=None)),
            "peak_rss_vmhwm_mib": mib(peak.get("VmHWM")) if was_reset else None,
            "rss_after_mib": mib(peak.get("VmRSS")),
            "samples": len(sampler.samples),
        }
        for worker, idle_rss, was_reset, sampler, peak in zip(
            workers, idle, reset, samplers, peaks, strict=True
        )
    ]
    result |= {
        "mode": "worker",
        "workers": len(workers),
        "queue": queue,
        "run_status": run.status,
        "errors": run.errors,
        "seconds": round(wall, 2),
        "processing_seconds": round(processing, 2) if processing else None,
        "dirty_rows_done": run.done,
        "snapshots": run.snapshots,
        "scored_subjects": subjects,
        "rows_per_s": round(run.done / wall, 1),
        "subjects_per_s": round(subjects["total"] / wall, 1),
        # the workers' CPU time (the database's is not in it): on a shared machine, per CPU second
        # says more than per wall second
        "worker_cpu_s": cpu,
        "subjects_per_worker_cpu_s": round(subjects["total"] / sum(cpu), 1) if sum(cpu) else None,
        # the first task, the ones it asked to share the run, and any continuations
        "tasks": sum(worker.tasks_succeeded() for worker in workers) - tasks_before,
        "tasks_per_worker": [worker.tasks_succeeded() for worker in workers],
        "memory": max(memory, key=lambda m: m["peak_rss_vmhwm_mib"] or m["peak_rss_sampled_mib"] or 0),
        "memory_per_worker": memory,
    }
    return result


# ------------------------------------------------------------------------------------------------
# One change → its new snapshot, on a real worker
# ------------------------------------------------------------------------------------------------
def stage_a_under_way():
    """An engagement whose stage A is active (its exit criteria, which count change foci, apply)."""
    from stages.models import StagePhase

    phase = StagePhase.objects.filter(stage="A", status=StagePhase.Status.ACTIVE).order_by("pk").first()
    if phase is None:
        raise SystemExit("no engagement with stage A under way in the dataset")
    return phase


def current_snapshot(phase) -> int | None:
    from api_human.scoring.models import CurrentScore

    return (
        CurrentScore.objects.filter(subject_type="stage", subject_id=phase.pk, rubric_key="stage-a-exit")
        .values_list("snapshot_id", flat=True)
        .first()
    )


def wait_for_new_snapshot(phase, before, timeout: float = 30) -> float | None:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if current_snapshot(phase) != before:
            return time.perf_counter() - start
        time.sleep(0.01)
    return None


def add_change_focus(phase, title: str) -> None:
    """A change as the web makes it: its own transaction; the watcher marks the engagement dirty and the
    commit schedules the recompute through the outbox (debounced)."""
    from django.db import transaction

    from stages.models import ChangeFocus

    with transaction.atomic():
        ChangeFocus.objects.create(engagement_id=phase.engagement_id, title=title)


def measure_latency(samples: int, burst: int) -> dict:
    """One change at a time: commit → new snapshot visible; then a burst of changes."""
    from django.db import transaction

    from api_human.core.models import OutboxMessage
    from api_human.core.outbox import dispatch
    from api_human.scoring import services
    from api_human.scoring.models import DirtySubject, ScoreRun, ScoreSnapshot
    from stages.models import ChangeFocus

    phase = stage_a_under_way()
    # A recompute message still pending from an earlier run (its queue and worker gone) would take in
    # every change (the debounce): sent again now, as the outbox dispatcher (beat) would.
    waiting = OutboxMessage.objects.filter(task=services.RECOMPUTE_TASK, state=OutboxMessage.State.PENDING)
    dispatch(list(waiting.values_list("pk", flat=True)))
    with transaction.atomic():  # its scores first, on the worker (nothing else is dirty then)
        ChangeFocus.objects.filter(engagement_id=phase.engagement_id, title__startswith="bench ").delete()
        services.mark_dirty([("engagement", phase.engagement_id)])
    deadline = time.monotonic() + 120
    while (DirtySubject.objects.exists() or current_snapshot(phase) is None) and time.monotonic() < deadline:
        time.sleep(0.1)
    latencies, lost = [], 0
    for _ in range(samples):
        before = current_snapshot(phase)
        start = time.perf_counter()
        add_change_focus(phase, f"bench {uuid.uuid4().hex[:8]}")
        seen = wait_for_new_snapshot(phase, before)
        if seen is None:
            lost += 1
        else:
            latencies.append(time.perf_counter() - start)
        time.sleep(services.debounce_seconds() + 0.05)  # past the debounce: the next change is its own
    figures = {
        "engagement": phase.engagement_id,
        "debounce_s": services.debounce_seconds(),
        "samples": len(latencies),
        "not_seen_in_30_s": lost,
        "p50_s": round(dataset.percentile(latencies, 0.5), 3) if latencies else None,
        "p95_s": round(dataset.percentile(latencies, 0.95), 3) if latencies else None,
        "max_s": round(max(latencies), 3) if latencies else None,
        "all_s": [round(x, 3) for x in latencies],
    }
    if burst:
        time.sleep(1)
        snapshots = ScoreSnapshot.objects.filter(engagement_id=phase.engagement_id).count()
        runs = ScoreRun.objects.count()
        before = current_snapshot(phase)
        start = time.perf_counter()
        for i in range(burst):
            add_change_focus(phase, f"bench burst {i} {uuid.uuid4().hex[:6]}")
        committed = time.perf_counter() - start
        wait_for_new_snapshot(phase, before)
        time.sleep(2)  # anything a second recompute would still write
        figures["burst"] = {
            "changes": burst,
            "committed_in_s": round(committed, 3),
            "new_snapshots": ScoreSnapshot.objects.filter(engagement_id=phase.engagement_id).count()
            - snapshots,
            "recompute_runs": ScoreRun.objects.count() - runs,
        }
    ChangeFocus.objects.filter(engagement_id=phase.engagement_id, title__startswith="bench ").delete()
    return figures


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
        f"{'batches':>7} {'q/batch':>8} {'peak MiB':>9} {'cpu s':>6} {'db cpu s':>8}"
    )
    print(header)
    print("-" * len(header))
    for i, run in enumerate(results["runs"], 1):
        for row in run.values():
            if "mode" not in row:  # the speed-up of the workers
                continue
            memory = row["memory"]
            peak = (
                memory.get("peak_rss_mib")
                or memory.get("ru_maxrss_mib")
                or memory.get("peak_rss_sampled_mib")
            )
            mode = row["mode"]
            if mode == "worker":
                peak = memory.get("peak_rss_vmhwm_mib") or memory.get("peak_rss_sampled_mib")
                mode = f"worker×{row['workers']}"
            cpu = row.get("process_cpu_s")
            if cpu is None and row.get("worker_cpu_s"):
                cpu = round(sum(row["worker_cpu_s"]), 2)
            print(
                f"{i:>3} {mode:<9} {row['mark_all_dirty_s']:>7} {row['seconds']:>8} {row['rows_per_s']:>8} "
                f"{row['subjects_per_s']:>8} {row['snapshots']:>9} {row.get('batches', row.get('tasks', '')):>7} "
                f"{row.get('queries_per_batch', ''):>8} {peak:>9} {cpu if cpu is not None else '':>6} "
                f"{row.get('database_cpu_s', ''):>8}"
            )
    print("inprocess: after clearing every score (each subject gets a snapshot); warm: the same again over")
    print("unchanged data (no new snapshot); worker: like inprocess, on the Celery worker, where 'batches'")
    print("is the number of tasks (the first, those sharing the run, continuations); peak: VmHWM of the")
    print("measuring process (workers: the largest worker's); cpu: the process's CPU time (workers: all of")
    print("theirs); db cpu: the database backends' (in-process, every lane's) — the cost whatever the load")
    for i, run in enumerate(results["runs"], 1):
        if "speed_up" in run:
            print(f"run {i}: speed-up over one worker: {run['speed_up']}")
    latency = results.get("latency")
    if latency:
        print(
            f"one change → new snapshot ({latency['samples']} changes, debounce {latency['debounce_s']} s): "
            f"p50 {latency['p50_s']} s, p95 {latency['p95_s']} s, max {latency['max_s']} s"
        )
        if "burst" in latency:
            burst = latency["burst"]
            print(
                f"burst of {burst['changes']} changes in {burst['committed_in_s']} s: "
                f"{burst['new_snapshots']} new snapshot(s), {burst['recompute_runs']} recompute run(s)"
            )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engagements", type=int, default=50)
    parser.add_argument("--initiatives", type=int, default=5000)
    parser.add_argument("--opportunities", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--batch", type=int, default=500, help="SCORING_BATCH_SIZE")
    parser.add_argument(
        "--lanes",
        type=int,
        default=0,
        help="in-process: SCORING_LANES, batches a task works on at once (0: the code's default)",
    )
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--mode", choices=["both", "inprocess", "worker"], default="both")
    parser.add_argument(
        "--warm",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="in-process: also recompute again over the unchanged data (the usual nightly run)",
    )
    parser.add_argument("--workers", default="1,2", help="worker processes to measure, e.g. 1,2")
    parser.add_argument(
        "--latency", type=int, default=20, help="changes timed to their new snapshot (0: none)"
    )
    parser.add_argument("--burst", type=int, default=5, help="changes committed back to back (0: none)")
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
    setup_django(redis=args.mode != "inprocess" or bool(args.latency or args.burst), queue=queue)
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
    counts = [int(n) for n in args.workers.split(",") if n.strip()] if args.mode != "inprocess" else []
    workers = []
    try:
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
            for count in counts:
                workers = start_workers(queue, args.batch, count)
                print(f"run {i + 1}: recompute on {count} Celery worker(s)...", flush=True)
                run[f"worker_{count}"] = run_workers(workers, queue, args.timeout)
                print(f"  {run[f'worker_{count}']['seconds']} s", flush=True)
                results["worker_log_tail"] = [line.rstrip() for line in workers[0].output[-5:]]
                stop_workers(workers)
                workers = []
            if 1 in counts and len(counts) > 1:
                one = run["worker_1"]["subjects_per_s"]
                run["speed_up"] = {
                    f"worker_{count}": round(run[f"worker_{count}"]["subjects_per_s"] / one, 2)
                    for count in counts
                }
            results["runs"].append(run)
        if args.latency or args.burst:
            workers = start_workers(queue, args.batch, 1)
            print(f"one change → new snapshot, {args.latency} times, on one worker...", flush=True)
            results["latency"] = measure_latency(args.latency, args.burst)
            print(f"  p95 {results['latency']['p95_s']} s", flush=True)
            stop_workers(workers)
            workers = []
        if args.profile:
            print("profiling one in-process recompute...", flush=True)
            results["profile"] = run_inprocess(args, mode="profile")["cold"]
            results["profile"]["report"] = "bench/results/scoring-profile.txt"
    finally:
        stop_workers(workers)
        if counts or args.latency or args.burst:
            forget_queue(queue)
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
