from django.apps import AppConfig


class MatchmakingConfig(AppConfig):
    name = "events.matchmaking"
    label = "matchmaking"
    verbose_name = "对接会 · Matchmaking days"
    default_auto_field = "django.db.models.BigAutoField"
