from django.urls import path
from rest_framework.routers import DefaultRouter

from backend.engine import views

router = DefaultRouter(trailing_slash=False)
router.include_root_view = False
router.register("engine/assignments", views.AssignmentRunViewSet, basename="assignment-run")

urlpatterns = [
    path("recommendations", views.RecommendationView.as_view(), name="recommendations"),
    *router.urls,
]
