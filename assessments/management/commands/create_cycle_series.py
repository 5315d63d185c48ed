from django.core.management.base import BaseCommand, CommandError

from assessments.services import cycle_series_create


class Command(BaseCommand):
    help = "Create the six bi-monthly self-assessment cycles of a year for the whole office (active frameworks)."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)

    def handle(self, *args, year, **options):
        if not 2000 <= year <= 2100:
            raise CommandError("Give a year between 2000 and 2100.")
        for cycle in cycle_series_create(year=year):
            self.stdout.write(f"{cycle.name_zh}: {cycle.opens_on} – {cycle.closes_on}")
