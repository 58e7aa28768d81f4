"""Render times of the managers' dashboards on the large generated dataset (not a test).

    python bench/dashboards.py [--repeat 10] [--engagements 50 --initiatives 5000 --opportunities 100000]

Uses the benchmark database of bench/dataset.py (generated on first use; scores are computed once if
there are none). A manager who manages every generated engagement asks for each dashboard page and
export; the median and 95th-percentile time and the query count of each are printed and written to
bench/results/dashboards.json. Query counts must not grow with the data (the tests guard that);
times are measured here, never asserted.
"""

import argparse

import dataset  # first: it points Django at the benchmark database
from run import measure


def manager_of_everything():
    from api_human.core.models import Engagement, EngagementMembership, Role, User

    user, _ = User.objects.get_or_create(username="bench-dashboards", defaults={"role": Role.MANAGER})
    have = set(EngagementMembership.objects.filter(user=user).values_list("engagement_id", flat=True))
    EngagementMembership.objects.bulk_create(
        EngagementMembership(
            engagement=e, user=user, role="manager", world="welfare", valid_from=e.start_date
        )
        for e in Engagement.objects.exclude(pk__in=have)
    )
    return user


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--engagements", type=int, default=50)
    parser.add_argument("--initiatives", type=int, default=5000)
    parser.add_argument("--opportunities", type=int, default=100_000)
    args = parser.parse_args()
    before = dataset.machine()

    dataset.ensure_database()
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db.models import Count
    from django.test import Client

    from api_human.core.models import Engagement
    from api_human.scoring import services
    from api_human.scoring.models import CurrentScore

    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    info = dataset.generate_large(args.engagements, args.initiatives, args.opportunities)
    if not CurrentScore.objects.exists():
        print("computing the scores once (about a minute)...")
        services.mark_all_dirty()
        services.run_recompute(kind="nightly")
    dataset.analyze()

    client = Client()
    client.force_login(manager_of_everything())
    busiest = (
        Engagement.objects.filter(name__startswith=dataset.PREFIX)
        .annotate(n=Count("initiatives"))
        .order_by("-n", "pk")
        .first()
    )
    pk = busiest.pk
    pages = [
        ("/dashboards/", args.repeat),
        ("/dashboards/?category=citizen_services&date_from=2018-01-01", args.repeat),
        (f"/dashboards/engagements/{pk}/", args.repeat),
        (f"/dashboards/engagements/{pk}/?category=quality_of_care", args.repeat),
        ("/dashboards/digest/?since=2000-01-01", args.repeat),
        (f"/dashboards/engagements/{pk}/report/", args.repeat),
        (f"/dashboards/engagements/{pk}/report.pdf", max(2, args.repeat // 4)),
        ("/dashboards/export/portfolio.csv", args.repeat),
        ("/dashboards/export/portfolio.xlsx", args.repeat),
        (f"/dashboards/engagements/{pk}/export/initiatives-by-category.xlsx", args.repeat),
        (f"/dashboards/engagements/{pk}/export/opportunity-funnel.csv", args.repeat),
    ]
    results = [measure(client, url, repeat) for url, repeat in pages]
    print(f"dataset: {info['counts']}")
    print(f"engagement measured: {pk} ({busiest.n} initiatives)")
    print(f"{'median ms':>10} {'p95 ms':>8} {'queries':>8}  url")
    for row in results:
        print(f"{row['median_ms']:>10} {row['p95_ms']:>8} {row['queries']:>8}  {row['url']}")
    out = dataset.write_results(
        "dashboards.json", {"dataset": info["counts"], "engagement": pk, "pages": results}, before=before
    )
    print(f"written to {out}")


if __name__ == "__main__":
    main()
