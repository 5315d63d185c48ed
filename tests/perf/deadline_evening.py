"""`make deadline-evening`: the last evening before a cycle closes, simulated with locust (headless, time-bounded).

A script, not a test. On the demo data set (portal_bench_demo, built by `make bench`), with
N extra people (``evening000``...) who belong to a department:

- each person signs in (argon2 password, through allauth's form behind a pretend HTTPS proxy),
  opens their self-assessment and tonight's log, autosaves the log every 5 s with new text
  (following the versions the server answers), and after 30 s to 2 min submits the log (the
  full form: the save clears the draft), then leaves;
- a few managers sign in with their second factor and refresh /team/ every 10 s.

Locust reports failures and p50/p95/p99 per endpoint. Afterwards every acknowledged autosave
and save is looked up in PostgreSQL: the row must hold the last acknowledged write (or the one
still in flight when the run stopped). Options: --users 80 --minutes 3 --managers 2.
"""

from gevent import monkey

monkey.patch_all()

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import random  # noqa: E402
import secrets  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from pathlib import Path  # noqa: E402

import gevent  # noqa: E402
from locust import HttpUser, between, constant, events, task  # noqa: E402
from locust.env import Environment  # noqa: E402
from locust.exception import StopUser  # noqa: E402

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

from tests.perf import bench  # noqa: E402

DATABASE = bench.DATA_SETS["demo"]
PREFIX = "evening"
MANAGERS = ("manager", "leader")  # the demo office's manager (/team/) and office leader (/org/)

CREATE = r"""
import json, os
from django.contrib.auth.hashers import make_password
from django.utils import timezone
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from allauth.mfa.utils import decrypt
from assessments import services as a_services
from assessments.models import Cycle
from learning.models import StudyLog
from portal.models import Department, Membership, User

count = int(os.environ["EVENING_PEOPLE"])
prefix = os.environ["EVENING_PREFIX"]
department = Department.objects.filter(memberships__user__username="staff").first()
password = make_password(os.environ["EVENING_PASSWORD"])
have = set(User.objects.filter(username__startswith=prefix).values_list("username", flat=True))
new = [User(username=f"{prefix}{n:03d}", email=f"{prefix}{n:03d}@example.gov.cn", display_name=f"晚上{n}",
            password=password) for n in range(count) if f"{prefix}{n:03d}" not in have]
User.objects.bulk_create(new)
people = list(User.objects.filter(username__startswith=prefix).order_by("username")[:count])
Membership.objects.bulk_create([Membership(user=u, department=department) for u in people], ignore_conflicts=True)
today = timezone.localdate()
StudyLog.objects.filter(user__in=people, date=today).delete()  # each run starts the evening afresh
cycle = Cycle.objects.open_on(today).order_by("-opens_on").first()
out = {"today": today.isoformat(), "people": {}, "secrets": {}}
for user in people:
    out["people"][user.username] = a_services.assessment_start(cycle=cycle, user=user).pk
for username in json.loads(os.environ["EVENING_MANAGERS"]):
    user = User.objects.get(username=username)
    Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).delete()  # stored under any key
    totp = TOTP.activate(user, generate_totp_secret()).instance
    out["secrets"][username] = decrypt(totp.data["secret"])
print("PREPARED " + json.dumps(out))
"""


@dataclass
class Ack:
    kind: str  # "autosave" or "save"
    version: int
    insight: str


class Ledger:
    def __init__(self) -> None:
        self.acked: dict[str, Ack] = {}
        self.pending: dict[str, Ack] = {}
        self.surprises: list[str] = []


LEDGER = Ledger()
PLAN: dict = {}
SECRETS: dict = {}
people_queue: list[str] = []
manager_queue: list[str] = []


def proxy_headers(address: str) -> dict:
    return {"X-Forwarded-Proto": "https", "X-Forwarded-For": address}


class SignedIn(HttpUser):
    abstract = True

    def sign_in(self, username: str, secret: str | None) -> None:
        self.headers = proxy_headers(f"127.0.3.{random.randint(1, 250)}")
        page = self.client.get("/accounts/login/", headers=self._h(), name="login page")
        token = bench.csrf_field(page.text)
        form = {"csrfmiddlewaretoken": token, "login": username, "password": bench.PASSWORD}
        answer = self.client.post("/accounts/login/", form, headers=self._referer("/accounts/login/"),
                                  allow_redirects=False, name="login")  # fmt: skip
        if "2fa/authenticate" in answer.headers.get("Location", ""):
            page = self.client.get("/accounts/2fa/authenticate/", headers=self._h(), name="second factor page")
            form = {"csrfmiddlewaretoken": bench.csrf_field(page.text), "code": bench.totp_code(secret)}
            path = "/accounts/2fa/authenticate/"
            answer = self.client.post(path, form, allow_redirects=False, headers=self._referer(path),
                                      name="second factor")  # fmt: skip
        if answer.status_code != 302:
            raise StopUser()

    def _referer(self, path: str) -> dict:
        return {**self._h(), "Referer": f"https://127.0.0.1:{PLAN['port']}{path}"}

    def _h(self) -> dict:
        """The proxy's headers and the cookies: the portal's cookies are Secure, which requests keeps
        from a plain-HTTP request; the pretend proxy's X-Forwarded-Proto is what production sees."""
        cookies = "; ".join(f"{cookie.name}={cookie.value}" for cookie in self.client.cookies)
        return {**self.headers, "Cookie": cookies} if cookies else dict(self.headers)


class Person(SignedIn):
    weight = 20
    wait_time = constant(5)

    def on_start(self) -> None:
        self.username = people_queue.pop() if people_queue else None
        if self.username is None:
            raise StopUser()
        self.sign_in(self.username, None)
        self.day = PLAN["today"]
        self.version = 0
        self.autosaves_left = random.randint(6, 24)  # 30 s to 2 min of typing, then the save
        assessment = PLAN["people"][self.username]
        self.client.get(f"/assessments/{assessment}/", headers=self._h(), name="/assessments/<id>/")
        self.client.get("/logs/today/", headers=self._h(), name="/logs/today/")

    def _csrf(self) -> str:
        return self.client.cookies.get("csrftoken", "")

    @task
    def type_and_save(self) -> None:
        path = f"/logs/{self.day}/"
        insight = f"{self.username} {secrets.token_hex(6)} 今晚的体会"
        if self.autosaves_left > 0:
            self.autosaves_left -= 1
            LEDGER.pending[self.username] = Ack("autosave", self.version + 1, insight)
            fields = {"minutes": "45", "sources": "", "insight": insight, "version": str(self.version)}
            headers = {**self._referer(path), "X-CSRFToken": self._csrf()}
            with self.client.post(path + "autosave/", fields, headers=headers, name="autosave POST",
                                  catch_response=True) as answer:  # fmt: skip
                if answer.status_code == 200:
                    self.version = int(answer.json()["version"])
                    LEDGER.acked[self.username] = Ack("autosave", self.version, insight)
                    LEDGER.pending.pop(self.username, None)
                else:
                    answer.failure(f"autosave answered {answer.status_code}")
            return
        LEDGER.pending[self.username] = Ack("save", self.version + 1, insight)
        fields = {"csrfmiddlewaretoken": self._csrf(), "minutes": "45", "sources": "", "insight": insight,
                  "version": str(self.version)}  # fmt: skip
        with self.client.post(path, fields, headers=self._referer(path), allow_redirects=False,
                              name="log save (submit)", catch_response=True) as answer:  # fmt: skip
            if answer.status_code == 302 and "saved=1" in answer.headers.get("Location", ""):
                LEDGER.acked[self.username] = Ack("save", self.version + 1, insight)
                LEDGER.pending.pop(self.username, None)
            else:
                answer.failure(f"save answered {answer.status_code}")
        raise StopUser()


class Manager(SignedIn):
    weight = 1
    wait_time = between(8, 12)

    def on_start(self) -> None:
        self.username = manager_queue.pop() if manager_queue else None
        if self.username is None:
            raise StopUser()
        self.sign_in(self.username, SECRETS.get(self.username))

    @task
    def team(self) -> None:
        self.client.get("/team/" if self.username != "leader" else "/org/", headers=self._h(),
                        name="/team/ (manager)" if self.username != "leader" else "/org/ (leader)")  # fmt: skip


def remove_evening_people(env: dict) -> None:
    """The demo data set is the bench's too: the evening's people leave it as they came (their records go)."""
    code = f"from portal.models import User; User.objects.filter(username__startswith={PREFIX!r}).delete()"
    bench.manage(env, "shell", "-c", code)


def stored_logs(today: str) -> dict[str, tuple]:
    import psycopg

    query = """SELECT u.username, l.version, l.insight, l.draft FROM learning_studylog l
               JOIN portal_user u ON u.id = l.user_id WHERE l.date = %s AND u.username LIKE %s"""
    with psycopg.connect(f"{bench.PG}/{DATABASE}") as connection:
        return {row[0]: row[1:] for row in connection.execute(query, (today, PREFIX + "%")).fetchall()}


def shows(row: tuple, ack: Ack) -> bool:
    version, insight, draft = row
    if version != ack.version:
        return False
    if ack.kind == "autosave":
        return draft is not None and draft.get("insight") == ack.insight
    return draft is None and insight == ack.insight


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--users", type=int, default=80)
    parser.add_argument("--managers", type=int, default=2)
    parser.add_argument("--minutes", type=float, default=3)
    parser.add_argument("--spawn-rate", type=float, default=2)
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", "8010")) + 5)
    options = parser.parse_args()
    managers = list(MANAGERS[: options.managers])
    bench.log(f"preparing {options.users} people on {DATABASE} (load {bench.load()})")
    bench.ensure_data_set("demo")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.perf.seed_settings", "DATABASE_URL": f"{bench.PG}/{DATABASE}",
           "PORTAL_MFA_KEY": bench.MFA_KEY,
           "EVENING_PEOPLE": str(options.users), "EVENING_PREFIX": PREFIX, "EVENING_PASSWORD": bench.PASSWORD,
           "EVENING_MANAGERS": json.dumps(managers)}  # fmt: skip
    output = bench.manage(env, "shell", "-c", CREATE, capture=True)
    PLAN.update(json.loads(output.split("PREPARED ", 1)[1]))
    SECRETS.update(PLAN["secrets"])
    people_queue.extend(sorted(PLAN["people"], reverse=True))
    manager_queue.extend(managers)
    server = bench.Server(DATABASE, options.port)
    PLAN["port"] = options.port
    try:
        server.wait_ready()
        bench.log(f"gunicorn ({server.worker_class}) on {options.port}; locust for {options.minutes} min")
        environment = Environment(user_classes=[Person, Manager], host=f"http://127.0.0.1:{options.port}",
                                  events=events)  # fmt: skip
        runner = environment.create_local_runner()
        load_before = bench.load()
        runner.start(options.users + len(managers), spawn_rate=options.spawn_rate)
        gevent.spawn_later(options.minutes * 60, runner.quit)
        runner.greenlet.join()
        load_after = bench.load()
    finally:
        server.stop()
    stats = environment.stats
    print(f"\n{'endpoint':26} {'requests':>8} {'failures':>8} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}")
    report = {"users": options.users, "managers": managers, "minutes": options.minutes, "load_before": load_before,
              "load_after": load_after, "endpoints": {}}  # fmt: skip
    for entry in sorted(stats.entries.values(), key=lambda e: e.name):
        figures = {
            "requests": entry.num_requests,
            "failures": entry.num_failures,
            "p50": entry.get_response_time_percentile(0.5),
            "p95": entry.get_response_time_percentile(0.95),
            "p99": entry.get_response_time_percentile(0.99),
        }
        report["endpoints"][entry.name] = figures
        print(f"{entry.name:26} {figures['requests']:8} {figures['failures']:8} "
              f"{figures['p50']:7.0f} {figures['p95']:7.0f} {figures['p99']:7.0f}")  # fmt: skip
    for error in stats.errors.values():
        print(f"  failure: {error.name} {error.error} x{error.occurrences}")
    stored = stored_logs(PLAN["today"])
    lost = []
    for username, ack in sorted(LEDGER.acked.items()):
        row = stored.get(username)
        pending = LEDGER.pending.get(username)
        if row is None or not (shows(row, ack) or (pending is not None and shows(row, pending))):
            lost.append(f"{username}: acknowledged {ack}, stored {row}")
    saves = sum(1 for ack in LEDGER.acked.values() if ack.kind == "save")
    report.update(checked=len(LEDGER.acked), submitted=saves, lost=lost)
    print(
        f"\nacknowledged writes checked in PostgreSQL: {len(LEDGER.acked)} people ({saves} submitted), "
        f"lost: {len(lost)}"
    )
    for problem in lost[:20]:
        print(f"  LOST {problem}")
    print(f"load before {load_before}, after {load_after}")
    remove_evening_people(env)
    out = bench.RESULTS / f"{time.strftime('%Y-%m-%d')}-deadline-evening.json"
    out.write_text(json.dumps(report, indent=1, ensure_ascii=False))
    failures = sum(e["failures"] for e in report["endpoints"].values())
    print(
        f"{'PASS' if not lost and not failures else 'FAIL'}: {len(LEDGER.acked) - len(lost)} passed, {len(lost)} failed"
    )
    return 1 if lost or failures else 0


if __name__ == "__main__":
    sys.exit(main())
