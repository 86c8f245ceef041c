from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "cadreforge.reports"
    label = "reports"
    verbose_name = "统计报表"

    def ready(self) -> None:
        # Briefing messages carry an attachment (e-mail) and markdown (robots) in every job that sends them.
        from cadreforge.secondment import notify

        notify.MESSAGE_BUILDERS["briefing:"] = _briefing_message


def _briefing_message(delivery) -> dict:
    from .briefing.sending import message_extras  # imported on use: it loads matplotlib

    return message_extras(delivery)
