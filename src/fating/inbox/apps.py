from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InboxConfig(AppConfig):
    name = "fating.inbox"
    label = "inbox"
    verbose_name = _("消息中心")

    def ready(self) -> None:
        from fating.core.events import subscribe

        # The notices people expect (issue 17), each from the audit event of the change itself.
        for pattern in (
            "cases.filing.request_correction",
            "cases.filing.accept",
            "cases.filing.refuse",
            "cases.hearing.schedule",
            "cases.hearing.adjourn",
            "cases.hearing.cancel",
            "delivery.service.served",
            "disputes.referral.hand_over",
            "disputes.referral.accept",
            "disputes.referral.decline",
            "disputes.referral.resolve",
            "disputes.referral.fail",
        ):
            subscribe(pattern, "fating.inbox.subscribers.on_event")
