from django.apps import AppConfig


class TrialsConfig(AppConfig):
    name = "fating.trials"
    label = "trials"
    verbose_name = "在线庭审"

    def ready(self) -> None:
        from fating.analytics.sources import register_broadcast_count
        from fating.core import events

        # 庭审直播数 on the dashboard's indicators (analytics imports no trials).
        register_broadcast_count("fating.trials.selectors.court_broadcast_count")
        events.subscribe("trials.", "fating.trials.subscribers.refresh_room")
