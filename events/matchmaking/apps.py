from django.apps import AppConfig


class MatchmakingConfig(AppConfig):
    name = "events.matchmaking"
    label = "matchmaking"
    verbose_name = "对接会 · Matchmaking days"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Meetings that took place join the ecosystem graph ("met"), so they count in later recommendations.
        from backend.engine.parties import register_relations
        from events.matchmaking.recommend import meeting_relations

        register_relations(meeting_relations)
