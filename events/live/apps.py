from django.apps import AppConfig


class LiveConfig(AppConfig):
    name = "events.live"
    label = "live"
    verbose_name = "现场互动 · Live rooms"
