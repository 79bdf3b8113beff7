from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "fating.people"
    label = "people"
    verbose_name = _("注册与实名")
