from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConversationsConfig(AppConfig):
    name = "fating.conversations"
    label = "conversations"
    verbose_name = _("一案一群聊")

    def ready(self) -> None:
        # Membership follows the matter: when a party, mediator, judge or role changes, the
        # live connections of the room re-check themselves (and close if no longer members).
        from fating.conversations.subscribers import SUBSCRIPTIONS
        from fating.core import events

        for pattern, subscriber in SUBSCRIPTIONS:
            events.subscribe(pattern, subscriber)
