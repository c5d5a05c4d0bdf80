from django.apps import AppConfig


class MentoringConfig(AppConfig):
    name = "backend.mentoring"
    label = "mentoring"
    verbose_name = "创业导师 · Mentoring"

    def ready(self) -> None:
        from backend.engine.parties import register_mentor_load, register_relations
        from backend.mentoring import engine_hooks

        register_mentor_load(engine_hooks.active_mentees)
        register_relations(engine_hooks.mentorship_relations)
