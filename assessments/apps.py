from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = _("Self-assessments")

    def ready(self) -> None:
        from . import notices  # noqa: F401  (registers how the assessments notices read)
