"""The session engine: Django's cached_db, except that a database outage is not reported as a lost session.

Django's database store turns every DatabaseError while updating a session into UpdateError,
which SessionMiddleware answers with 400 Bad Request ("the session was deleted"). When the
database has gone away that is wrong twice: nothing was deleted, and the request (an autosave
that had already committed, say) should be tried again, which a 5xx tells browsers and scripts.
"""

from django.contrib.sessions.backends import cached_db
from django.contrib.sessions.backends.base import UpdateError
from django.db import InterfaceError, OperationalError


class SessionStore(cached_db.SessionStore):
    def save(self, must_create: bool = False) -> None:
        try:
            super().save(must_create)
        except UpdateError as error:
            if isinstance(error.__context__, OperationalError | InterfaceError):
                raise error.__context__ from None
            raise
