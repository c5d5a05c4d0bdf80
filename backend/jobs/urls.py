from rest_framework.routers import DefaultRouter

from backend.jobs.views import JobViewSet

router = DefaultRouter(trailing_slash=False)
router.register("jobs", JobViewSet, basename="job")

urlpatterns = router.urls
