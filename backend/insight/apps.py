from django.apps import AppConfig


class InsightConfig(AppConfig):
    name = "backend.insight"
    label = "insight"
    verbose_name = "Insight"
