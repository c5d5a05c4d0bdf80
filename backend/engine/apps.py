from django.apps import AppConfig


class EngineConfig(AppConfig):
    name = "backend.engine"
    label = "engine"
    verbose_name = "匹配引擎 · Matching engine"
