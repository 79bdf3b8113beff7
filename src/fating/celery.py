"""Celery application. Tasks take primary keys, never model instances (STYLE.md)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fating.settings")

app = Celery("fating")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
