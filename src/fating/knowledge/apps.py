from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "fating.knowledge"
    label = "knowledge"
    verbose_name = _("法律知识")
