from django.core.management.base import BaseCommand
from django.utils import timezone

from learning import selectors, services


class Command(BaseCommand):
    help = (
        "Email and notify people with reminders on and no study log by the reminder time on a workday. "
        "Run it every few minutes in the evening (cron or the task worker); each person is reminded once a day."
    )

    def handle(self, *args, **options):
        sent = services.study_reminders_send(
            now=timezone.now(),
            reminder_time=selectors.study_rules().reminder_time,
            is_workday=selectors.workday_checker(),
        )
        self.stdout.write(f"study reminders sent: {sent}")
