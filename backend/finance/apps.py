from django.apps import AppConfig


class FinanceConfig(AppConfig):
    name = "backend.finance"
    label = "finance"
    verbose_name = "科技金融 · Financing with banks"
