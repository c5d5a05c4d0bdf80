from django.urls import path
from rest_framework.routers import DefaultRouter

from events import views

router = DefaultRouter(trailing_slash=False)
router.register("events", views.EventViewSet, basename="event")
router.register("series", views.SeriesViewSet, basename="series")
router.register("rooms", views.RoomViewSet, basename="room")
EVENT = r"events/(?P<event_pk>\d+)"
router.register(f"{EVENT}/registrations", views.RegistrationViewSet, basename="event-registration")
router.register(f"{EVENT}/feedback", views.FeedbackViewSet, basename="event-feedback")
router.register(f"{EVENT}/invitations", views.InvitationViewSet, basename="event-invitation")
router.register(f"{EVENT}/slots", views.SlotViewSet, basename="event-slot")
router.register(f"{EVENT}/bookings", views.BookingViewSet, basename="event-booking")
router.register(f"{EVENT}/judges", views.JudgeViewSet, basename="event-judge")
router.register(f"{EVENT}/scores", views.ScoreViewSet, basename="event-score")
router.register(f"{EVENT}/awards", views.AwardViewSet, basename="event-award")
router.register(f"{EVENT}/interests", views.InterestViewSet, basename="event-interest")

urlpatterns = [
    path("calendar", views.CalendarFeedView.as_view(), name="calendar-feed-url"),
    path("calendar/rotate", views.CalendarRotateView.as_view(), name="calendar-rotate"),
    path("calendar/feed/<str:token>.ics", views.CalendarFeedIcsView.as_view(), name="calendar-feed"),
    *router.urls,
]
