from django.apps import AppConfig


class PoolConfig(AppConfig):
    name = "backend.pool"
    label = "pool"
    verbose_name = "投融资项目库 · Investors' project pool"
