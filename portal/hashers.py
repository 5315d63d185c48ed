"""Password hashing: argon2id with OWASP's recommended parameters (19 MiB, 2 passes, 1 lane).

Django's own argon2 parameters (100 MiB, 8 lanes) cost about 250 ms of CPU on every core of the
2-core server at once: on a deadline evening, a sign-in every second took half the machine from the
autosaves. One lane keeps a sign-in on one core, and these parameters take about 26 ms. A hash made
with other parameters still checks, and Django hashes it again with these at the person's next sign-in.
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class PortalArgon2PasswordHasher(Argon2PasswordHasher):
    # OWASP Password Storage Cheat Sheet, argon2id: "m=19456 (19 MiB), t=2, p=1".
    memory_cost = 19 * 1024
    time_cost = 2
    parallelism = 1
