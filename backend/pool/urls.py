from django.urls import path
from rest_framework.routers import DefaultRouter

from backend.pool import views

router = DefaultRouter(trailing_slash=False)
router.include_root_view = False
router.register("pool/entries", views.PoolEntryViewSet, basename="pool-entry")
router.register("pool/access-requests", views.AccessRequestViewSet, basename="pool-access-request")
router.register("pool/access-log", views.AccessLogViewSet, basename="pool-access-log")
router.register("pool/pipeline", views.PipelineViewSet, basename="pool-pipeline")

urlpatterns = [
    path("pool/recommended", views.RecommendedView.as_view(), name="pool-recommended"),
    *router.urls,
]
