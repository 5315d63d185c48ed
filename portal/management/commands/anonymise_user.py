from django.core.management.base import BaseCommand, CommandError

from portal.models import User
from portal.services import user_anonymise


class Command(BaseCommand):
    help = "Anonymise a leaver: remove name, username, email and free text; keep anonymous numbers. Irreversible."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")

    def handle(self, *args, username, yes, **options):
        try:
            user = User.objects.get(username=username)
        except User.DoesNotExist:
            raise CommandError(f"There is no account with the username {username!r}.") from None
        if not yes and input(f"Anonymise {user} ({username})? This cannot be undone. Type yes: ").strip() != "yes":
            raise CommandError("Nothing was changed.")
        user_anonymise(user=user)
        self.stdout.write(self.style.SUCCESS(f"{username} is now {user.username}."))
