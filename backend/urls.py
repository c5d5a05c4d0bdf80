from django.contrib import admin
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from backend.core import views as core_views

api_patterns = [
    path("auth/", include("backend.accounts.urls")),
    path("", include("backend.directory.urls")),
    path("", include("backend.notifications.urls")),
    path("", include("backend.jobs.urls")),
    path("", include("events.urls")),
    path("", include("backend.engine.urls")),
    path("mentoring/", include("backend.mentoring.urls")),
    path("", include("backend.pool.urls")),
    path("", include("backend.finance.urls")),
    path("", include("events.matchmaking.urls")),
    path("", include("backend.insight.urls")),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
]

urlpatterns = [
    path("api/", include(api_patterns)),
    path("admin/", admin.site.urls),
    path("healthz", core_views.healthz, name="healthz"),
    # Everything else is a page of the browser app (history-mode routes).
    re_path(r"^(?!api/|admin/|static/|media/|ws/).*$", core_views.spa, name="spa"),
]
