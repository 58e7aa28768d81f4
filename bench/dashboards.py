"""Render times of the managers' dashboards, the digest, the exports and the PDF report on the large
generated dataset (not a test).

    python bench/dashboards.py [--repeat 10] [--scale 1] [--pdf-repeat 2]

Uses the benchmark database of bench/dataset.py (generated on first use with ``--scale`` times the
default amounts: 50 engagements, 5,000 initiatives, 100,000 opportunities; scores are computed once
if no stage has one: bench/partner_writes.py scores only the opportunities it writes). Measure the doubled data in a database of its own::

    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/api_human_bench_x2 python bench/dashboards.py --scale 2

A manager who manages every generated engagement asks for each dashboard page and export; the p50
and p95 (nearest rank) time and the query count of each are printed. The report's PDF is measured
twice over: cold (nothing kept: the request has it drawn, in-process as without Redis) and kept (the
same data again: served without drawing), with the pages and the worker's drawing time. Results go
to bench/results/dashboards.json (``dashboards-x2.json`` for ``--scale 2``) with the machine's load.
Query counts must not grow with the data (the tests guard that); times are measured here, never
asserted.
"""

import argparse
import statistics
import time

import dataset  # first: it points Django at the benchmark database
from run import measure
from stats import percentile


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


def _timed(client, url):
    start = time.perf_counter()
    response = client.get(url)
    return (time.perf_counter() - start) * 1000, response


def measure_pdf(client, engagement_id: int, repeat: int) -> dict:
    """The PDF cold (every kept PDF of the engagement dropped first) and kept (asked for again)."""
    from dashboards.models import ReportPdf

    url = f"/dashboards/engagements/{engagement_id}/report.pdf"
    cold, drawing, kept = [], [], []
    pages = None
    for _ in range(repeat):
        ReportPdf.objects.filter(engagement_id=engagement_id).delete()
        ms, response = _timed(client, url)
        assert response.status_code == 200, (url, response.status_code)  # drawn in-process (no Redis)
        cold.append(ms)
        report = ReportPdf.objects.filter(engagement_id=engagement_id).defer("pdf", "html").get()
        drawing.append(report.seconds * 1000)
        pages = report.pages
        for _ in range(max(3, repeat * 2)):
            ms, response = _timed(client, url)
            assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
            kept.append(ms)

    def figures(values):
        return {
            "p50_ms": round(statistics.median(values), 1),
            "p95_ms": round(percentile(values, 0.95), 1),
            "runs": len(values),
        }

    return {
        "url": url,
        "pages": pages,
        "cold_request": figures(cold),
        "drawing_in_worker": figures(drawing),
        "kept": figures(kept),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--scale", type=int, default=1, help="times the default amounts of data (1 or 2)")
    parser.add_argument("--pdf-repeat", type=int, default=2, help="cold drawings of the PDF")
    args = parser.parse_args()
    engagements, initiatives, opportunities = 50 * args.scale, 5000 * args.scale, 100_000 * args.scale
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
    info = dataset.generate_large(engagements, initiatives, opportunities)
    # Stage scores, not any score: bench/partner_writes.py scores the opportunities it writes.
    if not CurrentScore.objects.filter(subject_type="stage").exists():
        print("computing the scores once (a minute or two)...")
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
        "/dashboards/",
        "/dashboards/?category=citizen_services&date_from=2018-01-01",
        f"/dashboards/engagements/{pk}/",
        f"/dashboards/engagements/{pk}/?category=quality_of_care",
        "/dashboards/digest/?since=2000-01-01",
        "/dashboards/digest/",
        f"/dashboards/engagements/{pk}/report/",
        "/dashboards/export/portfolio.csv",
        "/dashboards/export/portfolio.xlsx",
        f"/dashboards/engagements/{pk}/export/initiatives-by-category.xlsx",
        f"/dashboards/engagements/{pk}/export/opportunity-funnel.csv",
    ]
    for url in pages:  # once each first: charts drawn, caches and connections warm
        client.get(url)
    results = [
        {**row, "p50_ms": row.pop("median_ms")}
        for row in (measure(client, url, args.repeat) for url in pages)
    ]
    pdf = measure_pdf(client, pk, args.pdf_repeat)

    print(f"dataset (x{args.scale}): {info['counts']}")
    print(f"engagement measured: {pk} ({busiest.n} initiatives)")
    print(f"{'p50 ms':>8} {'p95 ms':>8} {'queries':>8}  url")
    for row in results:
        print(f"{row['p50_ms']:>8} {row['p95_ms']:>8} {row['queries']:>8}  {row['url']}")
    print(f"PDF ({pdf['pages']} pages):")
    for label in ("cold_request", "drawing_in_worker", "kept"):
        row = pdf[label]
        print(f"{row['p50_ms']:>8} {row['p95_ms']:>8} {row['runs']:>8}  {label}")
    name = "dashboards.json" if args.scale == 1 else f"dashboards-x{args.scale}.json"
    out = dataset.write_results(
        name,
        {
            "scale": args.scale,
            "dataset": info["counts"],
            "engagement": pk,
            "initiatives_of_engagement": busiest.n,
            "pages": results,
            "pdf": pdf,
        },
        before=before,
    )
    print(f"written to {out}")


if __name__ == "__main__":
    main()
