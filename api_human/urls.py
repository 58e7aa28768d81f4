from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularSwaggerSplitView

from api_human.core.api.schema_views import SchemaView
from api_human.core.health import health

urlpatterns = [
    path("health/", health, name="health"),
    path("i18n/", include("django.conf.urls.i18n")),
    # The admin signs in on the platform's page: one lockout, one second factor, one audit.
    path("admin/login/", RedirectView.as_view(pattern_name="login", query_string=True)),
    path("admin/", admin.site.urls),
    path("oidc/", include("mozilla_django_oidc.urls")),
    path("api/v1/", include(("api_human.api", "api"), namespace="api")),
    path("api/v2/", include(("api_human.api", "api"), namespace="api-v2")),  # core/api/versioning.py
    path("api/schema/", SchemaView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api-docs"),
    path("", include("api_human.core.urls")),
    path("", include("stages.urls")),
    path("", include("initiatives.urls")),
    path("", include("tensions.urls")),
    path("", include("opportunities.urls")),
    path("", include("connections.urls")),
    path("", include("webhooks.urls")),
    path("", include("api_human.scoring.urls")),
    path("", include("dashboards.urls")),
]

handler400 = "api_human.core.views.bad_request"
handler403 = "api_human.core.views.permission_denied"
handler404 = "api_human.core.views.page_not_found"
handler500 = "api_human.core.views.server_error"

admin.site.site_header = _("Human API — administration")
admin.site.site_title = _("Human API")
