from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisputesConfig(AppConfig):
    name = "fating.disputes"
    label = "disputes"
    verbose_name = _("纠纷与调解")
