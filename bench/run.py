"""Measure the core pages and API endpoints on a generated dataset.

    python bench/run.py [--engagements 300] [--organizations 5000] [--repeat 20]

Uses its own PostgreSQL database (BENCH_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/api_human_bench), created and filled on first use, and prints
the median and 95th-percentile time and the query count of each request; the same figures are
written to bench/results/core.json. Timings are measured here, never asserted in tests.
"""

import argparse
import json
import random
import statistics
import time
from datetime import date, timedelta

from dataset import ensure_database, machine, percentile, write_results  # sets DATABASE_URL first


def generate(engagements: int, organizations: int):
    from api_human.core.models import (
        Engagement,
        EngagementMembership,
        EngagementPartner,
        Organization,
        Role,
        Team,
        TeamMember,
        User,
        World,
    )

    # Only this benchmark's engagements count: the database may also hold bench/dataset.py's.
    if Engagement.objects.filter(name__startswith="Bench engagement").count() >= engagements:
        return
    rng = random.Random(7)
    orgs = Organization.objects.bulk_create(
        Organization(
            name=f"Bench organisation {i}",
            world=rng.choice(World.values),
            kind=rng.choice(Organization.Kind.values),
            description="Generated for the benchmark " * 3,
        )
        for i in range(organizations)
    )
    people = User.objects.bulk_create(
        User(username=f"bench{i}", first_name=f"Person{i}", role=Role.TEAM) for i in range(engagements * 3)
    )
    bench_user, _ = User.objects.get_or_create(username="bench", defaults={"role": Role.TEAM})
    items = Engagement.objects.bulk_create(
        Engagement(
            name=f"Bench engagement {i}",
            change_object_kind=Engagement.ChangeObjectKind.SECTOR,
            change_object="Local authorities",
            start_date=date(2016, 1, 1) + timedelta(days=i),
            status=Engagement.Status.ACTIVE,
        )
        for i in range(engagements)
    )
    memberships, partners, teams = [], [], []
    for i, engagement in enumerate(items):
        memberships.append(
            EngagementMembership(
                engagement=engagement,
                user=bench_user,
                role="lead",
                world="digital",
                valid_from=engagement.start_date,
            )
        )
        for person in people[i * 3 : i * 3 + 3]:
            memberships.append(
                EngagementMembership(
                    engagement=engagement,
                    user=person,
                    role="member",
                    world="welfare",
                    valid_from=engagement.start_date,
                )
            )
        for org in rng.sample(orgs, 4):
            partners.append(EngagementPartner(engagement=engagement, organization=org))
        for kind in Team.Kind.values:
            teams.append(Team(engagement=engagement, kind=kind, name=f"{kind} {i}", content_area="area"))
    EngagementMembership.objects.bulk_create(memberships)
    EngagementPartner.objects.bulk_create(partners)
    teams = Team.objects.bulk_create(teams)
    TeamMember.objects.bulk_create(
        TeamMember(team=team, full_name=f"Member {j}", world="welfare") for team in teams for j in range(4)
    )


def measure(client, url, repeat):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings = []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    timings.sort()
    return {
        "url": url,
        "median_ms": round(statistics.median(timings), 1),
        "p95_ms": round(percentile(timings, 0.95), 1),
        "queries": len(queries),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engagements", type=int, default=300)
    parser.add_argument("--organizations", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    before = machine()

    ensure_database()
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    from api_human.core.models import Engagement, Organization, User

    settings.ALLOWED_HOSTS = ["testserver", *settings.ALLOWED_HOSTS]
    settings.DEBUG = False
    call_command("migrate", verbosity=0)
    generate(args.engagements, args.organizations)

    client = Client()
    client.force_login(User.objects.get(username="bench"))
    engagement = Engagement.objects.filter(name__startswith="Bench").order_by("id").first()
    organization = Organization.objects.order_by("id").first()
    urls = [
        "/api/v1/engagements/",
        f"/api/v1/engagements/{engagement.pk}/",
        "/api/v1/organizations/",
        "/api/v1/organizations/?q=organisation+12&world=digital",
        "/api/v1/memberships/",
        "/api/v1/teams/",
        "/engagements/",
        f"/engagements/{engagement.pk}/",
        "/organizations/",
        f"/organizations/{organization.pk}/",
    ]
    results = {
        "dataset": {
            "engagements": Engagement.objects.count(),
            "organizations": Organization.objects.count(),
        },
        "requests": [measure(client, url, args.repeat) for url in urls],
    }
    write_results("core.json", results, before=before)
    print(json.dumps(results["dataset"]))
    for row in results["requests"]:
        print(
            f"{row['median_ms']:>8.1f} ms  p95 {row['p95_ms']:>8.1f} ms  {row['queries']:>3} queries  {row['url']}"
        )


if __name__ == "__main__":
    main()
