"""WebSocket URLs (under /ws/, which the browser app's catch-all route leaves alone)."""

from django.urls import path, re_path

from events.live import consumers

websocket_urlpatterns = [
    path("ws/events/<int:event_id>/live", consumers.RoomConsumer.as_asgi()),
    path("ws/notifications", consumers.NotificationsConsumer.as_asgi()),
    path("ws/jobs/<int:job_id>", consumers.JobConsumer.as_asgi()),
    re_path(r"", consumers.NotFoundConsumer.as_asgi()),
]
