from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "backend.directory"
    label = "directory"
    verbose_name = "生态名录 · Ecosystem directory"
