"""Nothing lost, nothing doubled — measured for longer than the tests do.

    python bench/reliability.py [--seconds 60] [--clients 6] [--pairs 40] [--races 30] [--rounds 20]

Starts the production stack the way tests/integration/test_reliability.py does — gunicorn (production
settings, 3 workers), a Celery worker and beat, a Redis of its own and a TCP proxy in front of
PostgreSQL — on its own database (BENCH_RELIABILITY_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/api_human_reliability_bench, created afresh each run), and runs:

* twins: two identical POSTs with one Idempotency-Key released at the same instant;
* PATCH racing submit on the same draft, then revise and submit again;
* two team members PATCHing one need at once, without and with If-Match;
* partners submitting through a Redis outage (paused, then killed and restarted empty);
* partners submitting through a PostgreSQL restart (the proxy drops every connection);
* partners submitting while the worker is killed with SIGKILL and replaced.

It prints operations, answers by status, the slowest answer, and rows lost, doubled or left
unmatched; the same figures go to bench/results/reliability.json. Nothing is asserted here.
"""

import argparse
import json
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from dataset import (  # (points DATABASE_URL at bench/dataset.py's database: set again below)
    ensure_database,
    machine,
    write_results,
)

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATABASE = os.environ.get(
    "BENCH_RELIABILITY_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/api_human_reliability_bench"
)
os.environ["DATABASE_URL"] = DATABASE
os.environ["DJANGO_SETTINGS_MODULE"] = "api_human.settings.test"  # test settings: no demo, eager in-process


SCENARIOS = ["races", "redis_outage", "postgresql_restart", "worker_killed"]


def main() -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60, help="length of each outage run")
    parser.add_argument("--clients", type=int, default=6, help="partners submitting at once")
    parser.add_argument("--pairs", type=int, default=40)
    parser.add_argument("--races", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--only", nargs="*", choices=SCENARIOS, default=SCENARIOS, help="run only these")
    args = parser.parse_args()
    before = machine()

    ensure_database(DATABASE, fresh=True)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)

    from api_human.core.models import OutboxMessage
    from opportunities.models import Opportunity
    from tests.integration import faults
    from tests.integration.stack import production_env, start_gunicorn

    tmp = Path(tempfile.mkdtemp(prefix="reliability-bench-"))
    redis = faults.RedisServer()
    env_overrides = {
        "REDIS_URL": redis.url,
        "API_THROTTLE_PARTNER_KEY": "1000000/minute",
        "API_THROTTLE_USER": "1000000/minute",
        "OUTBOX_DISPATCH_SECONDS": "1",
        "OUTBOX_RESEND_SECONDS": "5",
        "OUTBOX_LEASE_SECONDS": "15",
    }
    env = production_env(tmp, **env_overrides)
    seed = faults.seed(secret_key=env["SECRET_KEY"], partners=args.clients, needs=3)
    results: dict = {}

    def outage_run(name, stack_env, fault):
        with (
            start_gunicorn(stack_env, workers=3) as web,
            faults.Supervised("beat", stack_env, tmp) as beat,
            faults.Supervised("worker", stack_env, tmp) as worker,
        ):
            inject = fault(worker) if name == "worker_killed" else fault
            started = time.monotonic()
            runs = faults.submissions_during(
                web.base_url, seed.partner_keys, clients=args.clients, seconds=args.seconds, fault=inject
            )
            deadline = time.monotonic() + 180
            while faults.tally(runs)["unmatched"] and time.monotonic() < deadline:
                connection.close()
                time.sleep(1)
            tally = faults.tally(runs)
            tally["matched_within_seconds"] = round(time.monotonic() - started - args.seconds, 1)
            if tally["unmatched"]:  # keep what explains it
                tally["outbox"] = {
                    f"{task} {state}": n
                    for (task, state), n in Counter(
                        OutboxMessage.objects.values_list("task", "state")
                    ).items()
                }
                log = ROOT / "bench" / "results" / f"reliability-{name}-worker.log"
                log.parent.mkdir(parents=True, exist_ok=True)
                log.write_text(worker.log())
                tally["worker_log"] = str(log.relative_to(ROOT))
            tally["restarts"] = {"worker": worker.restarts, "beat": beat.restarts}
        tally["statuses"] = {str(k): v for k, v in tally["statuses"].items()}
        tally["unmatched"] = len(tally["unmatched"])
        results[name] = tally
        print(f"{name}: {json.dumps(tally)}", flush=True)

    def races_run():
        with start_gunicorn(env, workers=3) as web:
            twins = faults.same_key_pairs(web.base_url, seed.partner_keys, pairs=args.pairs)
            made = Counter(
                Opportunity.objects.filter(title__in=twins["titles"]).values_list("title", flat=True)
            )
            results["same_key_twins"] = {
                "pairs": args.pairs,
                "statuses": {str(k): v for k, v in twins["statuses"].items()},
                "pairs_with_one_row": sum(1 for t in twins["titles"] if made[t] == 1),
                "rows_doubled": sum(1 for t in twins["titles"] if made[t] > 1),
            }
            races = faults.patch_submit_races(web.base_url, seed.partner_keys, races=args.races)
            states = Counter(Opportunity.objects.filter(pk__in=races["ids"]).values_list("state", "revision"))
            results["patch_vs_submit"] = {
                "races": args.races,
                "statuses": dict(races["statuses"]),
                "undone": sum(
                    n for (state, revision), n in states.items() if (state, revision) != ("submitted", 2)
                ),
                "later_revise_and_submit": {str(k): v for k, v in races["later"].items()},
            }
            for guarded in (False, True):
                edits = faults.concurrent_edits(
                    web.base_url, seed.team_sessions, seed.need_ids[0], args.rounds, if_match=guarded
                )
                results[f"concurrent_edits_{'if_match' if guarded else 'plain'}"] = {
                    "rounds": args.rounds,
                    "statuses": {str(k): v for k, v in edits["statuses"].items()},
                    "lost_without_412": edits["lost_silently"],
                }
        for name in (
            "same_key_twins",
            "patch_vs_submit",
            "concurrent_edits_plain",
            "concurrent_edits_if_match",
        ):
            print(f"{name}: {json.dumps(results[name])}", flush=True)

    def redis_outage():
        redis.pause()  # hung: connections accepted, nothing answered
        time.sleep(args.seconds / 6)
        redis.resume()
        redis.kill()  # gone, and back empty: every queued task is lost
        time.sleep(args.seconds / 6)
        redis.start()

    def postgresql_run():
        db = connection.settings_dict
        proxy = faults.FaultProxy(db["HOST"] or "127.0.0.1", int(db["PORT"] or 5432))
        try:
            through_proxy = env["DATABASE_URL"].replace(f":{db['PORT'] or 5432}/", f":{proxy.port}/")
            outage_run(
                "postgresql_restart",
                production_env(tmp, **env_overrides, DATABASE_URL=through_proxy),
                lambda: proxy.cut(args.seconds / 6),
            )
        finally:
            proxy.close()

    try:
        if "races" in args.only:
            races_run()
        if "redis_outage" in args.only:
            outage_run("redis_outage", env, redis_outage)
        if "postgresql_restart" in args.only:
            postgresql_run()
        if "worker_killed" in args.only:
            outage_run("worker_killed", env, lambda worker: worker.kill)
    finally:
        redis.close()
    out = write_results("reliability.json", {"args": vars(args), "results": results}, before=before)
    print(f"\nwritten to {out.relative_to(ROOT)}")
    return results


if __name__ == "__main__":
    main()
