from django.apps import AppConfig


class TrialsConfig(AppConfig):
    name = "fating.trials"
    label = "trials"
    verbose_name = "在线庭审"

    def ready(self) -> None:
        from fating.core import events

        events.subscribe("trials.", "fating.trials.subscribers.refresh_room")
