"""Partner writes under load, and the matching behind them, on the large dataset.

    python bench/partner_writes.py [--seconds 40] [--partners 8] [--connections 16] [--workers 2]
                                   [--concurrency 2]
    python bench/partner_writes.py --matching [--sample 200]

Writes (the default): a ``redis-server`` of its own (free port, no persistence), gunicorn (production
settings, ``--workers`` sync workers, bench/lists.py's ``start_gunicorn``) and a real Celery worker
(prefork, ``--concurrency`` processes, as docker-compose.yml runs it) on that Redis. ``--partners``
partner organisations, each with its API key, write through ``wrk`` (bench/partner_writes.lua): every
connection starts a draft (``POST /api/v1/partner/opportunities/``, answering an open broadcast) and
submits it (``POST …/<id>/submit/``), each request with its own ``Idempotency-Key``. The partner
throttle stays on (its counters in Redis), with a rate no run reaches. It reports requests per
second, errors (any answer but 201/200, or none), the p95 latency, the queue's depth and the outbox
messages still waiting when the load stops, and how long the worker then took to match every
submission. What the run wrote is taken out again afterwards (and what an interrupted run left,
before), so the other benchmarks keep measuring the generated dataset. Results:
bench/results/partner_writes.json.

Matching (``--matching``): ``opportunity_match`` in this process for ``--sample`` submitted
opportunities of the dataset, each in a transaction rolled back afterwards (nothing changes, runs
compare); the first call builds the index of needs and initiatives (reported apart), the others find
it. Reports p50/p95 ms per opportunity, queries per opportunity and matches kept. Results:
bench/results/matching.json.

Both print the machine's load average with the figures: the machine is small and shared.
"""

import argparse
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import dataset  # first: it sets DATABASE_URL and DJANGO_SETTINGS_MODULE
import lists  # the gunicorn helpers (and the SECRET_KEY both processes sign with)

ROOT = dataset.ROOT
BENCH = ROOT / "bench"
LUA = BENCH / "partner_writes.lua"
PATH = "/api/v1/partner/opportunities/"


# ------------------------------------------------------------------------------------------------
# Matching, in this process
# ------------------------------------------------------------------------------------------------
def measure_matching(sample: int, seed: int) -> dict:
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from opportunities import matching
    from opportunities.models import Opportunity

    ids = list(Opportunity.objects.filter(revision__gt=0).values_list("pk", flat=True))
    chosen = random.Random(seed).sample(ids, min(sample, len(ids)))
    opportunities = list(Opportunity.objects.filter(pk__in=chosen))

    def once(opportunity):
        with transaction.atomic():
            with CaptureQueriesContext(connection) as queries:
                started, cpu = time.perf_counter(), time.process_time()
                added = matching.opportunity_match(opportunity=opportunity)
                elapsed = (time.perf_counter() - started) * 1000
                cpu = (time.process_time() - cpu) * 1000
            transaction.set_rollback(True)
        return elapsed, len(queries), added, cpu

    matching.forget_index()
    cold_ms, cold_queries, _, _ = once(opportunities[0])
    started = time.perf_counter()
    matching.current_index()
    stamp_ms = (time.perf_counter() - started) * 1000
    runs = [once(o) for o in opportunities]
    times = [r[0] for r in runs]
    index = matching.current_index()
    return {
        "sample": len(runs),
        "p50_ms": round(statistics.median(times), 2),
        "p95_ms": round(dataset.percentile(times, 0.95), 2),
        "max_ms": round(max(times), 2),
        "cpu_p50_ms (this process)": round(statistics.median(r[3] for r in runs), 2),
        "first_call_ms (builds the index)": round(cold_ms, 1),
        "first_call_queries": cold_queries,
        "stamp_check_ms": round(stamp_ms, 2),
        "queries_per_opportunity": max(r[1] for r in runs),
        "matches_added_mean": round(statistics.mean(r[2] for r in runs), 1),
        "top_needs": matching.TOP_NEEDS,
        "top_initiatives": matching.TOP_INITIATIVES,
        "min_fit": matching.MIN_FIT,
        "index": {
            "open_needs": len(index.need_category),
            "live_initiatives": len(index.initiative_words),
        },
    }


# ------------------------------------------------------------------------------------------------
# Writes, over HTTP
# ------------------------------------------------------------------------------------------------
def step(what: str) -> None:
    print(f"{time.strftime('%H:%M:%S')} {what}", flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_redis() -> tuple[subprocess.Popen, int]:
    port = free_port()
    binary = shutil.which("redis-server") or "/usr/bin/redis-server"
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    for _ in range(50):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
                sock.sendall(b"PING\r\n")
                if sock.recv(16).startswith(b"+PONG"):
                    return process, port
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit("redis-server did not start")


def start_worker(env: dict, concurrency: int, log: Path) -> subprocess.Popen:
    with log.open("w") as out:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "api_human",
                "worker",
                "--loglevel=WARNING",
                f"--concurrency={concurrency}",
                "-n",
                f"bench-{os.getpid()}@%h",
                "--without-gossip",
                "--without-mingle",
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    time.sleep(2)
    if process.poll() is not None:
        raise SystemExit(f"the Celery worker exited: see {log}")
    return process  # tasks wait in Redis until it is ready: the warm-up run drains before measuring


def partner_keys(count: int) -> tuple[list[str], list[int]]:
    """``count`` digital organisations approved as partners, each with one active key (earlier runs'
    keys revoked); and the open broadcasts a draft may answer."""
    from api_human.core.models import Organization, PartnerKey, PartnerStatus, Role, User, World
    from api_human.core.services import partner_key_issue
    from opportunities.models import Broadcast

    keys = []
    organizations = Organization.objects.filter(world=World.DIGITAL).order_by("pk")[:count]
    for i, organization in enumerate(organizations):
        if organization.partner_status != PartnerStatus.APPROVED:
            Organization.objects.filter(pk=organization.pk).update(partner_status=PartnerStatus.APPROVED)
        user, _ = User.objects.get_or_create(
            username=f"bench-writes-partner-{i}",
            defaults={"role": Role.PARTNER, "organization": organization},
        )
        PartnerKey.objects.filter(user=user, revoked=False).update(revoked=True)
        _key, plain = partner_key_issue(user=user, name=f"bench writes {int(time.time())}")
        keys.append(plain)
    broadcasts = list(Broadcast.objects.open_to_partners().values_list("pk", flat=True)[:50])
    return keys, broadcasts


def wrk(base: str, *, keys: list[str], broadcasts: list[int], seconds: int, connections: int) -> dict:
    """One wrk thread per partner key, ``connections`` in all; the Lua script's summary parsed."""
    threads = len(keys)
    connections = max(connections, threads)
    env = os.environ | {
        "BENCH_KEYS": ",".join(keys),
        "BENCH_BROADCASTS": ",".join(map(str, broadcasts)),
        "BENCH_RUN": f"{int(time.time())}-{os.getpid()}",
    }
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "30s", "-s", str(LUA)]
    command.append(base + PATH)  # a slow answer counts in the latency, not as a socket time-out
    output = subprocess.run(
        command, capture_output=True, text=True, check=True, env=env, timeout=seconds + 60
    )
    text = output.stdout
    figures = dict(re.findall(r"^bench (\S+) (\S+)$", text, re.MULTILINE))
    duration = float(figures["seconds"])
    requests = int(figures["requests"])
    return {
        "seconds": round(duration, 1),
        "requests": requests,
        "req_s": round(requests / duration, 1),
        "creates": int(figures["creates"]),
        "submits": int(figures["submits"]),
        "submits_s": round(int(figures["submits"]) / duration, 1),
        "errors": int(figures["errors"]),
        "socket_errors": int(figures["socket_errors"]),
        "p50_ms": round(float(figures["p50_us"]) / 1000, 1),
        "p95_ms": round(float(figures["p95_us"]) / 1000, 1),
        "p99_ms": round(float(figures["p99_us"]) / 1000, 1),
        "statuses": figures.get("statuses", ""),
    }


def queue_depth(redis_port: int, queue: str) -> int:
    import redis

    return redis.Redis(port=redis_port, db=0).llen(queue)


def outbox_waiting(since) -> dict:
    from collections import Counter

    from django.db import connection

    from api_human.core.models import OutboxMessage

    connection.close()  # a fresh snapshot
    rows = OutboxMessage.objects.filter(created_at__gte=since).values_list("task", "state")
    return {f"{task} {state}": n for (task, state), n in sorted(Counter(rows).items())}


def unmatched(since) -> int:
    from api_human.core.models import OutboxMessage

    return (
        OutboxMessage.objects.filter(created_at__gte=since, task="opportunities.match_opportunity")
        .exclude(state=OutboxMessage.State.DONE)
        .count()
    )


STALE_TASKS = ("opportunities.match_opportunity", "core.drain_outbox", "scoring.recompute")


def run_stale_messages() -> int:
    """The messages of this benchmark's tasks that an earlier run (or an interrupted one) left pending
    or running: this benchmark runs no beat, so nothing would send them again, the warm-up's drain would
    wait on them and a stale ``scoring.recompute`` would keep every later one from being written (its
    deduplication key is taken). Run here, in this process, before the load: the work they stand for
    is done once (a task claims its message first)."""
    from django.db.models import Exists, OuterRef
    from django.utils import timezone

    from api_human.core import outbox
    from api_human.core.models import OutboxMessage

    ids = list(
        OutboxMessage.objects.filter(
            task__in=STALE_TASKS,
            state__in=[OutboxMessage.State.PENDING, OutboxMessage.State.RUNNING],
            created_at__lt=timezone.now(),
        ).values_list("pk", flat=True)
    )
    if not ids:
        return 0
    app = outbox._app()
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = True  # in this process, whatever broker the settings name
    try:
        # a running one is taken over once its lease is over: here nothing else runs them. One whose
        # deduplication key a pending twin holds (a recompute asked for while it ran) is that twin's work.
        running = OutboxMessage.objects.filter(pk__in=ids, state=OutboxMessage.State.RUNNING)
        twins = OutboxMessage.objects.filter(
            state=OutboxMessage.State.PENDING, dedupe_key=OuterRef("dedupe_key")
        ).exclude(dedupe_key="")
        running.filter(Exists(twins)).update(state=OutboxMessage.State.DONE, finished_at=timezone.now())
        running.update(state=OutboxMessage.State.PENDING)
        return outbox.dispatch(ids)
    finally:
        app.conf.task_always_eager = eager


BENCH_TITLE = "Bench profile "  # bench/partner_writes.lua's titles


def remove_written(since=None) -> dict:
    """Take out what the runs wrote (every profile titled as bench/partner_writes.lua titles them, with
    its matches, revisions, history, scores and marks; the outbox messages finished and the
    idempotency keys kept since ``since``), so that the other benchmarks measure the generated dataset:
    otherwise the team's lists would open on these profiles, each with its 20 matches, and the
    database would grow with every run. Row by row deletes would cost minutes: one statement each."""
    from django.db import transaction

    from api_human.core.models import IdempotencyKey, OutboxMessage
    from api_human.scoring.models import CurrentScore, DirtySubject, ScoreSnapshot
    from api_human.scoring.registry import OPPORTUNITY
    from opportunities.models import Attachment, Match, Opportunity, OpportunityRevision

    written = Opportunity.objects.filter(title__startswith=BENCH_TITLE)
    ids = written.values("pk")
    tables = [
        Match.objects.filter(opportunity__in=ids),
        OpportunityRevision.objects.filter(opportunity__in=ids),
        Attachment.objects.filter(opportunity__in=ids),
        CurrentScore.objects.filter(subject_type="opportunity", subject_id__in=ids),
        ScoreSnapshot.objects.filter(subject_type="opportunity", subject_id__in=ids),
        DirtySubject.objects.filter(kind=OPPORTUNITY, subject_id__in=ids),
        Opportunity.history.model.objects.filter(id__in=ids),
    ]
    if since is not None:
        tables += [
            OutboxMessage.objects.filter(created_at__gte=since, state=OutboxMessage.State.DONE),
            IdempotencyKey.objects.filter(created_at__gte=since),
        ]
    tables.append(written)
    removed = {}
    with transaction.atomic():
        for rows in tables:
            removed[rows.model._meta.label] = rows._raw_delete(rows.db)
    return removed


def measure_writes(args) -> dict:
    from django.utils import timezone

    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install wrk")
    stale = run_stale_messages()
    if stale:
        step(f"ran {stale} stale outbox message(s) left by an earlier run")
    leftovers = remove_written()
    if leftovers.get("opportunities.Opportunity"):
        step(f"removed {leftovers['opportunities.Opportunity']} profiles an earlier run left")
    step("vacuum")  # earlier runs' dead rows would make autovacuum a part of this run's figures
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)")
    step("partner keys")
    keys, broadcasts = partner_keys(args.partners)
    # collected once and kept between runs (compressing the static files takes minutes on a busy machine)
    static = Path(tempfile.gettempdir()) / "api-human-bench-static"
    redis_process, redis_port = start_redis()
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "api_human.settings.production",
        "PYTHONPATH": f"{BENCH}{os.pathsep}{ROOT}",
        "SECRET_KEY": lists.SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": dataset.BENCH_DB,
        "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": str(static),
        "API_THROTTLE_USER": "100000000/minute",
        "API_THROTTLE_PARTNER": "100000000/minute",
        "LOG_LEVEL": "WARNING",
    }
    worker = web = None
    log = Path(tempfile.mkdtemp(prefix="bench-worker-")) / "worker.log"
    try:
        if not (static / "staticfiles.json").exists():
            step("collectstatic")
            subprocess.run(
                [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
                cwd=ROOT,
                env=env,
                check=True,
            )
        step("worker and gunicorn")
        worker = start_worker(env, args.concurrency, log)
        web, base = lists.start_gunicorn(env, args.workers)
        step("warm-up")
        wrk(base, keys=keys, broadcasts=broadcasts, seconds=3, connections=args.connections)  # warm up
        drain_start = time.monotonic()
        while (
            unmatched(timezone.now() - timezone.timedelta(minutes=5)) and time.monotonic() - drain_start < 120
        ):
            time.sleep(1)
        since = timezone.now()
        step(f"load for {args.seconds} s")
        before = dataset.machine()
        load = wrk(base, keys=keys, broadcasts=broadcasts, seconds=args.seconds, connections=args.connections)
        stopped = time.monotonic()
        during = dataset.machine()
        depth = queue_depth(redis_port, "celery")
        waiting = outbox_waiting(since)
        left = unmatched(since)
        while left and time.monotonic() - stopped < args.drain_timeout:
            time.sleep(0.5)
            left = unmatched(since)
        drained = round(time.monotonic() - stopped, 1) if not left else None
        return {
            "load": load,
            "machine_at_load_start": before,
            "machine_at_load_end": during,
            "queue_depth_at_end": depth,
            "outbox_at_end": waiting,
            "matching_drained_after_s": drained,
            "unmatched_after_drain": left,
            "outbox_after_drain": outbox_waiting(since),
            "worker_errors": [line for line in log.read_text().splitlines() if "ERROR" in line][:20],
        }
    finally:
        for process in (web, worker, redis_process):
            if process is not None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in (web, worker, redis_process):
            if process is not None:
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--matching", action="store_true", help="measure matching per opportunity only")
    parser.add_argument("--sample", type=int, default=200)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--seconds", type=int, default=40)
    parser.add_argument("--partners", type=int, default=8)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--drain-timeout", type=int, default=180)
    args = parser.parse_args()

    import django
    from django.core.management import call_command

    dataset.ensure_database()
    django.setup()
    call_command("migrate", verbosity=0)
    info = dataset.generate_large()
    before = dataset.machine()
    if args.matching:
        result = measure_matching(args.sample, args.seed)
        print(
            f"matching: p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms per opportunity "
            f"(CPU {result['cpu_p50_ms (this process)']} ms; {result['sample']} opportunities, {result['queries_per_opportunity']} queries each); "
            f"first call {result['first_call_ms (builds the index)']} ms; load {before}",
            flush=True,
        )
        name = "matching.json"
    else:
        from django.utils import timezone

        started = timezone.now()
        try:
            result = measure_writes(args)
        finally:
            removed = remove_written(since=started)  # the processes are stopped: nothing writes now
        result["removed_after"] = removed
        load = result["load"]
        print(
            f"partner writes: {load['req_s']} req/s ({load['submits_s']} submits/s), "
            f"errors {load['errors']} (+{load['socket_errors']} socket), p95 {load['p95_ms']} ms; "
            f"queue {result['queue_depth_at_end']} at the end, matching drained after "
            f"{result['matching_drained_after_s']} s; load {result['machine_at_load_end']}",
            flush=True,
        )
        name = "partner_writes.json"
    out = dataset.write_results(
        name, {"dataset": info["counts"], "settings": vars(args), **result}, before=before
    )
    print(f"written to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
