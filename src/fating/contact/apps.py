from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContactConfig(AppConfig):
    name = "fating.contact"
    label = "contact"
    verbose_name = _("约见法官与热线")

    def ready(self) -> None:
        from fating.core.events import subscribe

        # Notices in the inbox, each from the audit event of the change itself.
        for pattern in (
            "contact.meeting.request",
            "contact.meeting.route",
            "contact.meeting.accept",
            "contact.meeting.decline",
            "contact.call.log",
            "contact.call.route",
        ):
            subscribe(pattern, "fating.contact.subscribers.on_event")
