from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "fating.core"
    label = "core"
    verbose_name = _("核心")

    def ready(self) -> None:
        # Bind @shared_task to the project's Celery app (broker, eager mode) once Django is set
        # up; importing it from fating/__init__ would drag Django into the pure `fating fee`.
        from django.apps import apps
        from django.db.models.signals import pre_save

        import fating.celery  # noqa: F401
        from fating.core.columns import check_columns

        # Every Fating model: a value its column cannot hold is refused before the write
        # (SQLite would store it; PostgreSQL would answer 500). See fating.core.columns.
        for model in apps.get_models():
            if model.__module__.startswith("fating."):
                pre_save.connect(
                    check_columns, sender=model, dispatch_uid=f"columns:{model._meta.label}"
                )
