"""The benchmark's URLs: the product's, plus the *floor* — for bench/lists.py only, never in the product.

The floor of a table is the least a list endpoint on it can cost in this process: a plain Django view
that runs one ``.values()`` query of 50 rows of that table and answers ``JsonResponse``. An endpoint's
speed is read as a ratio to its table's floor, so the figures mean the same on another machine.
"""

from django.http import JsonResponse
from django.urls import path

from api_human.core.models import Engagement, Organization
from api_human.urls import handler400, handler403, handler404, handler500  # noqa: F401  (the product's)
from api_human.urls import urlpatterns as product_urlpatterns
from initiatives.models import Initiative, Need
from opportunities.models import Opportunity
from tensions.models import Tension

TABLES = {
    "opportunities": Opportunity,
    "engagements": Engagement,
    "initiatives": Initiative,
    "tensions": Tension,
    "needs": Need,
    "organizations": Organization,
}


def floor(request, table):
    model = TABLES[table]
    return JsonResponse({"results": list(model.objects.order_by("-pk").values()[:50])})


urlpatterns = [path("bench-floor/<str:table>/", floor), *product_urlpatterns]
