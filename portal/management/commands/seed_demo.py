from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from portal.demo import DEMO_STEPS, FOUNDATION_STEPS, DemoOffice, run_step

PRODUCTION_REFUSAL = "seed_demo refuses to run with production settings: it creates accounts with a published password."


class Command(BaseCommand):
    help = "Create the demo office, its people and their history. Running it again changes nothing."

    def handle(self, *args, **options):
        if settings.PORTAL_IS_PRODUCTION:
            raise CommandError(PRODUCTION_REFUSAL)
        steps = FOUNDATION_STEPS + [(path.rsplit(".", 2)[0], import_string(path)) for path in DEMO_STEPS]
        office = DemoOffice()
        for number, (name, step) in enumerate(steps, start=1):
            self.stdout.write(f"[{number}/{len(steps)}] {name} …", ending="")
            self.stdout.flush()
            run_step(office, step)
            self.stdout.write(self.style.SUCCESS(" " + _("done")))
        self.stdout.write(_("Demo office ready: %(people)d people.") % {"people": len(office.people)})
