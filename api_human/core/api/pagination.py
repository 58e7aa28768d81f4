from rest_framework import pagination


class CursorPagination(pagination.CursorPagination):
    """Stable pages over large lists; the view's ``ordering`` decides the order."""

    page_size_query_param = "page_size"
    max_page_size = 200
    ordering = "-id"
