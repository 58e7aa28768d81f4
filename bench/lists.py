"""The API's list endpoints side by side with the floor, on the large dataset, under production settings.

    python bench/lists.py [--seconds 8] [--rounds 3] [--connections 8] [--workers 2]

gunicorn (``--workers`` sync workers, production settings) serves the product and, for this benchmark
only, ``/bench-floor/<table>/`` (bench/floor_urls.py): one ``.values()`` query of 50 rows of the
endpoint's table answered with ``JsonResponse`` — the least a list on that table can cost in this
process. ``wrk`` (Debian package ``wrk``; one thread, ``--connections`` connections) loads each URL for
``--seconds``; the rounds are interleaved (floor, endpoint, floor, endpoint …) and each endpoint's
figure is the median of its rounds' ratios to its floor. The plan PostgreSQL chooses for each list's
main query is printed (``EXPLAIN``), so a sequential scan or a sort of the whole table shows.

The dataset is bench/dataset.py's (50 engagements, 5,000 initiatives, 100,000 opportunities); with
``BENCH_DATABASE_URL`` pointing at another database and ``--scale 2`` the same runs on twice the data,
to see whether a list's cost depends on the table's size. Results: bench/results/lists.json (with the
machine's load average at the start and the end).
"""

import argparse
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date
from pathlib import Path

import dataset  # first: it sets DATABASE_URL and DJANGO_SETTINGS_MODULE

SECRET_KEY = "bench-" + "k" * 50  # this process signs the sessions gunicorn reads: one key for both
os.environ["SECRET_KEY"] = SECRET_KEY

ROOT = dataset.ROOT
BENCH = ROOT / "bench"
ENDPOINTS = [
    # (name, URL, floor table, who asks). v2's lists are the ones the issue measures: the lists of
    # records with collections answer their rows counted (api_human/core/api/versioning.py); v1's
    # lists keep every nested collection and are measured beside them.
    ("opportunities", "/api/v2/opportunities/", "opportunities", "team"),
    ("engagements", "/api/v2/engagements/", "engagements", "team"),
    ("initiatives", "/api/v2/initiatives/", "initiatives", "team"),
    ("tensions", "/api/v2/tensions/", "tensions", "team"),
    ("needs", "/api/v2/needs/", "needs", "team"),
    ("organizations", "/api/v2/organizations/", "organizations", "team"),
    ("partner opportunities", "/api/v2/partner/opportunities/", "opportunities", "partner"),
    ("v1 opportunities", "/api/v1/opportunities/", "opportunities", "team"),
    ("v1 engagements", "/api/v1/engagements/", "engagements", "team"),
    ("v1 initiatives", "/api/v1/initiatives/", "initiatives", "team"),
    ("v1 tensions", "/api/v1/tensions/", "tensions", "team"),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def credentials() -> dict:
    """A team member on every generated engagement (a session cookie) and a partner's API key."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from api_human.core.models import (
        Engagement,
        EngagementMembership,
        Organization,
        PartnerKey,
        Role,
        User,
        World,
    )
    from api_human.core.services import partner_key_issue

    team, _ = User.objects.get_or_create(username="bench-lists-team", defaults={"role": Role.TEAM})
    member_of = set(EngagementMembership.objects.filter(user=team).values_list("engagement_id", flat=True))
    EngagementMembership.objects.bulk_create(
        EngagementMembership(
            engagement_id=pk, user=team, role=EngagementMembership.Role.MEMBER, valid_from=date(2000, 1, 1)
        )
        for pk in Engagement.objects.exclude(pk__in=member_of).values_list("pk", flat=True)
    )
    # The planner's statistics must know this member sees every engagement (autovacuum would learn it
    # later): with the statistics of before, a list's visibility join looks like one engagement's rows,
    # and PostgreSQL sorts every initiative instead of walking the order's index (6.8 ms → 0.3 ms).
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE core_engagementmembership")
    session = SessionStore()
    session[SESSION_KEY] = str(team.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = team.get_session_auth_hash()
    session["signed_in_at"] = session["seen_at"] = time.time() + 3600  # no idle end during the run
    session.create()

    organization = Organization.objects.filter(world=World.DIGITAL).order_by("pk").first()
    partner, _ = User.objects.get_or_create(
        username="bench-lists-partner", defaults={"role": Role.PARTNER, "organization": organization}
    )
    PartnerKey.objects.filter(user=partner, revoked=False).update(revoked=True)  # earlier runs' keys
    _key, plain = partner_key_issue(user=partner, name=f"bench {int(time.time())}")
    return {
        "team": [f"Cookie: {settings.SESSION_COOKIE_NAME}={session.session_key}"],
        "partner": [f"Authorization: Api-Key {plain}"],
    }


def explain(url: str, table: str, who: str) -> list[str]:
    """The plan of the list's main query (the first on the table with a LIMIT), asked in this process."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from api_human.core.models import User

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(username=f"bench-lists-{who}"))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    if response.status_code != 200:
        return [f"(answered {response.status_code})"]
    from floor_urls import TABLES

    db_table = TABLES[table]._meta.db_table
    main = next(
        (
            q["sql"]
            for q in queries.captured_queries
            if " LIMIT " in q["sql"] and f'FROM "{db_table}"' in q["sql"]
        ),
        None,
    )
    if main is None:
        return ["(no query with a LIMIT)"]
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + main)
        return [row[0] for row in cursor.fetchall()]


def start_gunicorn(env: dict, workers: int) -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "floor_wsgi:application",
            "-c",
            "gunicorn.conf.py",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            with urllib.request.urlopen(f"{base}/health/", timeout=2) as answer:  # noqa: S310
                if answer.status == 200:
                    return process, base
        except OSError:
            time.sleep(0.5)
    process.kill()
    raise SystemExit("gunicorn did not answer /health/")


def wrk(base: str, path: str, headers: list[str], *, seconds: int, connections: int) -> dict:
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency"]
    for header in headers:
        command += ["-H", header]
    output = subprocess.run([*command, base + path], capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", output)
    scale = {"us": 0.001, "ms": 1, "s": 1000}
    return {
        "req_s": rate,
        "errors": int(bad.group(1)) if bad else 0,
        "p99_ms": round(float(p99.group(1)) * scale[p99.group(2)], 1) if p99 else None,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--scale", type=int, default=1, help="the dataset's size, in multiples of the default"
    )
    parser.add_argument("--only", help="measure only the endpoints whose name contains this")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install wrk")

    import django
    from django.core.management import call_command

    dataset.ensure_database()
    django.setup()
    call_command("migrate", verbosity=0)
    info = dataset.generate_large(
        engagements=50 * args.scale, initiatives=5000 * args.scale, opportunities=100_000 * args.scale
    )
    headers = credentials()
    endpoints = [e for e in ENDPOINTS if not args.only or args.only in e[0]]
    plans = {name: explain(url, table, who) for name, url, table, who in endpoints}

    static = Path(tempfile.mkdtemp(prefix="bench-static-"))
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "api_human.settings.production",
        "PYTHONPATH": f"{BENCH}{os.pathsep}{ROOT}",
        "SECRET_KEY": SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": dataset.BENCH_DB,
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/13"),
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": str(static),
        "API_THROTTLE_USER": "100000000/minute",
        "API_THROTTLE_PARTNER": "100000000/minute",
        "LOG_LEVEL": "WARNING",
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True
    )
    before = dataset.machine()
    process, base = start_gunicorn(env, args.workers)
    rows = []
    try:
        for name, url, table, who in endpoints:
            floor_path = f"/bench-floor/{table}/"
            wrk(base, url, headers[who], seconds=2, connections=args.connections)  # warm both
            wrk(base, floor_path, headers["team"], seconds=2, connections=args.connections)
            rounds = []
            for _ in range(args.rounds):
                floor = wrk(
                    base, floor_path, headers["team"], seconds=args.seconds, connections=args.connections
                )
                endpoint = wrk(base, url, headers[who], seconds=args.seconds, connections=args.connections)
                rounds.append(
                    {"floor": floor, "endpoint": endpoint, "ratio": endpoint["req_s"] / floor["req_s"]}
                )
            row = {
                "name": name,
                "url": url,
                "floor_req_s": round(statistics.median(r["floor"]["req_s"] for r in rounds), 1),
                "req_s": round(statistics.median(r["endpoint"]["req_s"] for r in rounds), 1),
                "ratio": round(statistics.median(r["ratio"] for r in rounds), 3),
                "errors": sum(r["endpoint"]["errors"] for r in rounds),
                "p99_ms": max((r["endpoint"]["p99_ms"] or 0) for r in rounds),
                "rounds": rounds,
                "plan": plans[name],
            }
            rows.append(row)
            print(
                f"{name:<22} {row['req_s']:>8.1f} req/s  floor {row['floor_req_s']:>7.1f}  "
                f"ratio {row['ratio']:.3f}  p99 {row['p99_ms']} ms  errors {row['errors']}",
                flush=True,
            )
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
        shutil.rmtree(static, ignore_errors=True)
    print("\nPlans of the lists' main queries:")
    for row in rows:
        print(f"-- {row['name']}")
        for line in row["plan"]:
            print(f"   {line}")
    out = dataset.write_results(
        "lists.json" if args.scale == 1 else f"lists-x{args.scale}.json",
        {"dataset": info["counts"], "settings": vars(args), "rows": rows},
        before=before,
    )
    print(f"\nwritten to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
