from django.urls import path
from rest_framework.routers import DefaultRouter

from backend.mentoring import views

router = DefaultRouter(trailing_slash=False)
router.include_root_view = False
router.register("requests", views.MentoringRequestViewSet, basename="mentoring-request")
router.register("mentorships", views.MentorshipViewSet, basename="mentorship")
router.register("programmes", views.ProgrammeViewSet, basename="mentoring-programme")
router.register("proposals", views.ProposalViewSet, basename="mentoring-proposal")

urlpatterns = [
    path("mentors", views.MentorListView.as_view(), name="mentoring-mentors"),
    path("summary", views.SummaryView.as_view(), name="mentoring-summary"),
    path("stats", views.StatsView.as_view(), name="mentoring-stats"),
    *router.urls,
]
