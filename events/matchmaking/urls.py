from django.urls import path
from rest_framework.routers import DefaultRouter

from events.matchmaking import views

BASE = r"events/(?P<event_pk>\d+)/matchmaking"
router = DefaultRouter(trailing_slash=False)
router.register(f"{BASE}/participants", views.ParticipantViewSet, basename="mm-participant")
router.register(f"{BASE}/requests", views.RequestViewSet, basename="mm-request")
router.register(f"{BASE}/meetings", views.MeetingViewSet, basename="mm-meeting")
router.register(f"{BASE}/follow-ups", views.FollowUpViewSet, basename="mm-follow-up")
router.register(f"{BASE}/schedule", views.ScheduleViewSet, basename="mm-schedule")

urlpatterns = [
    path("events/<int:event_pk>/matchmaking", views.DayView.as_view(), name="mm-day"),
    path("events/<int:event_pk>/matchmaking/slots", views.SlotsView.as_view(), name="mm-slots"),
    path("events/<int:event_pk>/matchmaking/tables", views.TablesView.as_view(), name="mm-tables"),
    path("events/<int:event_pk>/matchmaking/outcomes", views.OutcomesView.as_view(), name="mm-outcomes"),
    path("events/<int:event_pk>/matchmaking/schedule", views.ScheduleView.as_view(), name="mm-schedule"),
    path("events/<int:event_pk>/matchmaking/agenda", views.AgendaView.as_view(), name="mm-agenda"),
    path("events/<int:event_pk>/matchmaking/agenda/ics", views.AgendaIcsView.as_view(), name="mm-agenda-ics"),
    path("matchmaking/days", views.MyDaysView.as_view(), name="mm-days"),
    *[u for u in router.urls if "api-root" not in str(u.name)],
]
