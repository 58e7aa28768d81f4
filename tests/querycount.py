"""Query-count guards: the number of queries of a request must not grow with the number of rows."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(request) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = request()
    assert response.status_code == 200, response.content[:300]
    return len(queries)


def assert_queries_do_not_grow(request, add_rows, *, at_most: int):
    """Add rows and run ``request``; add as many again and run it again: the count must stay the same.

    The first round of rows makes sure every prefetch already runs once (a prefetch over no parent
    rows costs no query, which would look like growth).
    """
    add_rows()
    before = count_queries(request)
    add_rows()
    after = count_queries(request)
    assert after == before, f"queries grew with the data: {before} -> {after}"
    assert after <= at_most, f"{after} queries (at most {at_most} expected)"
