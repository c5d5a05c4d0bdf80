from django.apps import AppConfig


class MentoringConfig(AppConfig):
    name = "backend.mentoring"
    label = "mentoring"
    verbose_name = "创业导师 · Mentoring"
