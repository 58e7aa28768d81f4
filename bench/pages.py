"""The browser's list pages on the large dataset, as a team member and a manager load them.

    python bench/pages.py [--requests 20] [--workers 2] [--scale 1] [--only opportunities]

gunicorn (``--workers`` sync workers, production settings, bench/lists.py's helpers) serves the
product; one signed-in team member and one manager (members of every generated engagement) load every
page that lists rows, one request at a time, ``--requests`` times each, the pages interleaved round by
round so the machine's noise falls on all of them alike. Each page's figures: p50 and p95 (nearest
rank, bench/stats.py) of the wall time of a full response, the size of the page and the number of SQL
queries it ran (counted in this process with the test client, on the same database).

The dataset is bench/dataset.py's (50 engagements, 5,000 initiatives, 100,000 opportunities); with
``BENCH_DATABASE_URL`` pointing at another database and ``--scale 2`` the same runs on twice the data:
a page whose cost does not depend on its table's size reads about the same on both. Results:
bench/results/pages.json (``pages-x2.json`` for ``--scale 2``), with the machine's load at the start and
the end; with both files present the ratio of each page's p50 to the other scale's is printed.
"""

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date
from pathlib import Path

import dataset  # first: it sets DATABASE_URL and DJANGO_SETTINGS_MODULE
import lists  # its gunicorn start and secret key (one key signs the sessions gunicorn reads)

ROOT = dataset.ROOT
BENCH = ROOT / "bench"

# (name, URL, who: "team", "manager" or "both")
PAGES = [
    ("opportunities", "/opportunities/", "both"),
    ("opportunities, one column", "/opportunities/?pipeline=screening", "team"),
    ("opportunities, column page 40", "/opportunities/?pipeline=screening&page=40", "team"),
    ("opportunities, search", "/opportunities/?q=Opportunity+1234", "team"),
    ("engagements", "/engagements/", "both"),
    ("organizations", "/organizations/", "both"),
    ("organizations, page 40", "/organizations/?page=40", "team"),
    ("needs", "/needs/", "both"),
    ("initiatives", "/initiatives/", "both"),
    ("initiatives, page 40", "/initiatives/?page=40", "team"),
    ("initiative board", "/initiatives/board/", "both"),
    ("tensions", "/tensions/", "both"),
    ("broadcasts", "/broadcasts/", "both"),
    ("partner approvals", "/partners/approvals/", "team"),
    ("mechanisms", "/mechanisms/", "both"),
    ("sign-offs", "/sign-offs/", "manager"),
    ("notifications", "/notifications/", "team"),
    ("rubrics", "/rubrics/", "team"),
]


def people() -> dict:
    """A team member and a manager on every generated engagement, and a session cookie for each."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from api_human.core.models import Engagement, EngagementMembership, Role, User

    out = {}
    for who, role, membership in (
        ("team", Role.TEAM, EngagementMembership.Role.MEMBER),
        ("manager", Role.MANAGER, EngagementMembership.Role.MANAGER),
    ):
        user, _ = User.objects.get_or_create(username=f"bench-pages-{who}", defaults={"role": role})
        member_of = EngagementMembership.objects.filter(user=user).values_list("engagement_id", flat=True)
        EngagementMembership.objects.bulk_create(
            EngagementMembership(engagement_id=pk, user=user, role=membership, valid_from=date(2000, 1, 1))
            for pk in Engagement.objects.exclude(pk__in=set(member_of)).values_list("pk", flat=True)
        )
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session["signed_in_at"] = session["seen_at"] = time.time() + 3600  # no idle end during the run
        session.create()
        out[who] = {"user": user, "cookie": f"{settings.SESSION_COOKIE_NAME}={session.session_key}"}
    return out


def query_count(user, url: str) -> tuple[int, int]:
    """The page's status and its number of SQL queries, asked in this process."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    client.get(url)  # the session and the caches warm, as in gunicorn
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response.status_code, len(queries)


def fetch(base: str, url: str, cookie: str) -> tuple[float, int, int]:
    request = urllib.request.Request(  # noqa: S310 (our own server)
        base + url, headers={"Cookie": cookie, "Accept-Language": "he"}
    )
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=120) as answer:  # noqa: S310 (our own server)
        body = answer.read()
        status = answer.status
    return (time.perf_counter() - start) * 1000, status, len(body)


def runs(selected) -> list[tuple[str, str, str]]:
    out = []
    for name, url, who in selected:
        for person in ("team", "manager") if who == "both" else (who,):
            out.append((f"{name} ({person})", url, person))
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=20, help="requests per page and person")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--scale", type=int, default=1, help="the dataset's size, in multiples of the default"
    )
    parser.add_argument("--only", help="measure only the pages whose name contains this")
    parser.add_argument(
        "--no-counts", action="store_true", help="skip the query counts (a page of the whole table is slow)"
    )
    args = parser.parse_args()

    import django
    from django.core.management import call_command

    dataset.ensure_database()
    django.setup()
    call_command("migrate", verbosity=0)
    info = dataset.generate_large(
        engagements=50 * args.scale, initiatives=5000 * args.scale, opportunities=100_000 * args.scale
    )
    dataset.analyze()
    who = people()
    selected = runs(p for p in PAGES if not args.only or args.only in p[0])
    counts = {
        name: (None, None) if args.no_counts else query_count(who[person]["user"], url)
        for name, url, person in selected
    }

    static = Path(tempfile.mkdtemp(prefix="bench-static-"))
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "api_human.settings.production",
        "PYTHONPATH": f"{BENCH}{os.pathsep}{ROOT}",
        "SECRET_KEY": lists.SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": dataset.BENCH_DB,
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/13"),
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": str(static),
        "LOG_LEVEL": "WARNING",
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True
    )
    before = dataset.machine()
    process, base = lists.start_gunicorn(env, args.workers)
    times = {name: [] for name, _url, _person in selected}
    sizes, statuses = {}, {}
    try:
        for _name, url, person in selected:  # warm every worker on every page
            for _ in range(args.workers):
                fetch(base, url, who[person]["cookie"])
        for _ in range(args.requests):
            for name, url, person in selected:
                ms, status, size = fetch(base, url, who[person]["cookie"])
                times[name].append(ms)
                sizes[name], statuses[name] = size, status
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
        shutil.rmtree(static, ignore_errors=True)

    rows = []
    print(f"{'page':<44} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8} {'KiB':>7}  status")
    for name, url, _person in selected:
        row = {
            "name": name,
            "url": url,
            "p50_ms": round(dataset.percentile(times[name], 0.5), 1),
            "p95_ms": round(dataset.percentile(times[name], 0.95), 1),
            "queries": counts[name][1],
            "kib": round(sizes[name] / 1024, 1),
            "status": statuses[name],
            "samples_ms": [round(t, 1) for t in times[name]],
        }
        rows.append(row)
        print(
            f"{name:<44} {row['p50_ms']:>8.1f} {row['p95_ms']:>8.1f} {row['queries']!s:>8} "
            f"{row['kib']:>7.1f}  {row['status']}"
        )
    name = "pages.json" if args.scale == 1 else f"pages-x{args.scale}.json"
    out = dataset.write_results(
        name, {"dataset": info["counts"], "settings": vars(args), "rows": rows}, before=before
    )
    print(f"\nwritten to {out.relative_to(ROOT)}; load {before} -> {dataset.machine()}")
    compare(name, rows)


def compare(name: str, rows: list[dict]) -> None:
    """Each page's p50 against the other scale's file, when there is one."""
    other = dataset.RESULTS / ("pages-x2.json" if name == "pages.json" else "pages.json")
    if not other.exists():
        return
    theirs = {row["name"]: row for row in json.loads(other.read_text())["rows"]}
    small, large = (rows, theirs) if name == "pages.json" else (theirs, {r["name"]: r for r in rows})
    small = {r["name"]: r for r in (small if isinstance(small, list) else small.values())}
    print(f"\n{'page':<44} {'x2 / x1 p50':>11} {'queries x1 → x2':>16}")
    for page, row in small.items():
        if page in large:
            ratio = large[page]["p50_ms"] / row["p50_ms"] if row["p50_ms"] else float("nan")
            print(f"{page:<44} {ratio:>11.2f} {row['queries']:>8} → {large[page]['queries']}")


if __name__ == "__main__":
    main()
