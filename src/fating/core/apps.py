from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "fating.core"
    label = "core"
    verbose_name = _("核心")

    def ready(self) -> None:
        # Bind @shared_task to the project's Celery app (broker, eager mode) once Django is set
        # up; importing it from fating/__init__ would drag Django into the pure `fating fee`.
        import fating.celery  # noqa: F401
