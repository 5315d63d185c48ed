from django.core.management.base import BaseCommand

from assessments.services import cycle_reminders_send


class Command(BaseCommand):
    help = (
        "Open the cycles whose date has come (notifying their audience) and remind people who have not "
        "submitted 3 days and 1 day before a cycle closes. Run daily (cron or the task worker); repeats send nothing."
    )

    def handle(self, *args, **options):
        reminded = cycle_reminders_send()
        self.stdout.write(f"Reminders queued for {reminded} people.")
