"""Celery application. Tasks take primary keys, never model instances (STYLE.md)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fating.settings")

app = Celery("fating")
# The default for every thread too (not only this one), so no task ever falls back to Celery's
# built-in default app and its guest broker.
app.set_default()
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
