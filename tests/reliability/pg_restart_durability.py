"""PostgreSQL restarted while people save their study logs: no acknowledged save may be missing.

A script, not a pytest test (it starts two servers and runs for about a minute): `make durability`.

1. A throw-away PostgreSQL cluster: initdb into a temporary folder, its own free port, its own
   socket folder. The shared server on 5432 is never touched.
2. `manage.py migrate`, N people, and gunicorn serving the production settings (CONN_MAX_AGE=60
   with health checks; see tests/reliability/settings.py), behind a pretend HTTPS proxy.
3. N client threads sign in through allauth's form and save their logs for a few dates, over and
   over, with new text each time: the autosave endpoint, and every few writes the full form. A
   write that is not acknowledged (connection error, 5xx) is sent again, as the page's script does.
4. Once the load is well under way the cluster is crashed and started again
   (`pg_ctl restart -m immediate`: WAL replay), later restarted once more (`-m fast`).
5. Every (person, date) must hold the last write acknowledged for it, version included.

Exits 0 on PASS, 1 on FAIL; the cluster and its folder are removed in every case.
"""

import collections
import glob
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import zoneinfo
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[2]
PEOPLE = int(os.environ.get("DURABILITY_PEOPLE", "20"))
DAYS_BACK = (1, 2, 3)  # inside the back-fill window, never today: no midnight can move them out of it
FORM_EVERY = 4  # every fourth write is a full form save, the others autosaves
WRITES_BEFORE_CRASH = int(os.environ.get("DURABILITY_WRITES", "300"))
WRITES_AFTER_RESTART = WRITES_BEFORE_CRASH
PHASE_TIMEOUT = 60.0
REQUEST_TIMEOUT = 10.0
SIGN_IN_TIMEOUT = 60.0  # twenty password hashes at once take a while on two busy cores
SERVER_START_TIMEOUT = 120.0  # three workers importing Django and Wagtail on two busy cores
RETRY_PAUSE = 0.2
SAVE_GIVE_UP_AFTER = 60.0
PASSWORD = "durability-" + secrets.token_hex(8)
# Server settings to try under the same load, e.g. "-c synchronous_commit=off" (docs/operations.md).
EXTRA_POSTGRES_OPTIONS = os.environ.get("DURABILITY_POSTGRES_OPTIONS", "")
OFFICE_TZ = zoneinfo.ZoneInfo("Asia/Shanghai")  # settings.TIME_ZONE: the dates the server calls "today"


def log(message: str) -> None:
    print(f"[durability {time.strftime('%H:%M:%S')}] {message}", flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def postgres_bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=lambda p: int(p.split("/")[4]))
    return found[-1] if found else name


class Cluster:
    """A PostgreSQL cluster of our own in a temporary folder, run as the postgres OS user when we are root."""

    def __init__(self) -> None:
        self.home = Path(tempfile.mkdtemp(prefix="portal-durability-"))
        self.data = self.home / "data"
        self.port = free_port()
        self.started = False
        if os.geteuid() == 0:
            shutil.chown(self.home, "postgres", "postgres")

    def _run(self, *command: str) -> None:
        as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        subprocess.run([*as_postgres, *command], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def _ctl(self, action: str, *extra: str) -> None:
        options = ["-o", f"-p {self.port} -k {self.home} -c listen_addresses=127.0.0.1 {EXTRA_POSTGRES_OPTIONS}"]
        self._run(postgres_bin("pg_ctl"), action, "-D", str(self.data), "-w", "-t", "60", *options, *extra)

    def start(self) -> None:
        """Start without fsync: migrating is not what is under test, and takes minutes with it."""
        self._run(postgres_bin("initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8")
        self._ctl("start", "-l", str(self.logfile), "-o", "-c fsync=off -c synchronous_commit=off")
        self.started = True
        self._run(postgres_bin("createdb"), "-h", str(self.home), "-p", str(self.port), "-U", "postgres", "portal")

    def make_durable(self) -> None:
        """Shut down cleanly (a checkpoint) and start again with PostgreSQL's defaults: fsync, synchronous commit."""
        self.restart("fast")

    def restart(self, mode: str) -> float:
        began = time.monotonic()
        self._ctl("restart", "-m", mode, "-l", str(self.logfile))
        return time.monotonic() - began

    def recovery_lines(self) -> list[str]:
        """PostgreSQL's own account of the crash recovery (WAL replay) from its log."""
        wanted = re.compile(r"was interrupted|redo starts|redo done|ready to accept")
        lines = self.logfile.read_text(errors="replace").splitlines() if self.logfile.exists() else []
        return [line for line in lines if wanted.search(line)]

    def remove(self) -> None:
        if self.started:
            try:
                self._ctl("stop", "-m", "immediate")
            except subprocess.CalledProcessError as error:
                log(f"pg_ctl stop failed: {error.stderr.decode(errors='replace').strip()}")
        shutil.rmtree(self.home, ignore_errors=True)

    @property
    def logfile(self) -> Path:
        return self.home / "postgres.log"

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/portal"


def portal_env(cluster: Cluster) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.reliability.settings",
        "DATABASE_URL": cluster.url,
        "DJANGO_SECRET_KEY": "durability-" + secrets.token_urlsafe(48),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "REDIS_URL": "redis://127.0.0.1:6379/9",
        "DURABILITY_RUN_ID": secrets.token_hex(6),
        "PORTAL_TRUSTED_PROXY_COUNT": "1",  # as in .env.example: the proxy appends the client's address
        "PYTHONUNBUFFERED": "1",
    }


CREATE_PEOPLE = """
import os
from django.contrib.auth.hashers import make_password
from portal.models import User
password = make_password(os.environ["DURABILITY_PASSWORD"])
count = int(os.environ["DURABILITY_PEOPLE"])
User.objects.bulk_create(
    [User(username=f"durability{i:02d}", email=f"durability{i:02d}@example.gov.cn", password=password)
     for i in range(count)]
)
"""


def prepare_database(env: dict[str, str]) -> list[str]:
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True)
    people_env = {**env, "DURABILITY_PASSWORD": PASSWORD, "DURABILITY_PEOPLE": str(PEOPLE)}
    subprocess.run([*manage, "shell", "-c", CREATE_PEOPLE], cwd=ROOT, env=people_env, check=True)
    return [f"durability{i:02d}" for i in range(PEOPLE)]


class Gunicorn:
    def __init__(self, env: dict[str, str], logs: Path) -> None:
        self.port = free_port()
        self.logfile = logs / "gunicorn.log"
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "portal.wsgi:application",
            f"--bind=127.0.0.1:{self.port}",
            "--workers=3",
            "--threads=4",
            "--timeout=30",
            "--graceful-timeout=5",
            "--error-logfile=-",
        ]
        with open(self.logfile, "ab") as output:  # Django logs the 500s' tracebacks to stderr
            self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT)

    def wait_ready(self) -> None:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}: {self.log_tail()}")
            try:
                if Browser(self.port).request("GET", "/healthz/").status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer /healthz/ within {SERVER_START_TIMEOUT:.0f} s: {self.log_tail()}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def log_tail(self) -> str:
        return self.logfile.read_text(errors="replace")[-2000:] if self.logfile.exists() else ""

    def error_summary(self) -> collections.Counter:
        """Count the exception lines of the tracebacks gunicorn logged (the 500s), by exception type."""
        if not self.logfile.exists():
            return collections.Counter()
        pattern = re.compile(r"^([\w.]+(?:Error|Exception)):", re.MULTILINE)
        return collections.Counter(pattern.findall(self.logfile.read_text(errors="replace")))


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: str


class Browser:
    """One person's browser: its cookies, and every request as if through the HTTPS proxy.

    The portal's cookies are Secure, so a cookie jar would keep them from a plain-HTTP
    request; the proxy's `X-Forwarded-Proto: https` is what production sees.
    """

    def __init__(self, port: int, address: str = "127.0.0.1") -> None:
        self.port, self.address = port, address
        self.cookies: dict[str, str] = {}

    def request(
        self, method: str, path: str, form: dict | None = None, headers: dict | None = None, timeout=REQUEST_TIMEOUT
    ) -> Response:
        origin = f"https://127.0.0.1:{self.port}"
        proxy = {"X-Forwarded-Proto": "https", "X-Forwarded-For": self.address}
        sent = {**proxy, "Referer": origin + path, **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form, doseq=True)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            connection.request(method, path, body=body, headers=sent)
            answer = connection.getresponse()
            text = answer.read().decode("utf-8", errors="replace")
        finally:
            connection.close()
        self._keep_cookies(answer.msg.get_all("Set-Cookie") or [])
        return Response(answer.status, {k.lower(): v for k, v in answer.getheaders()}, text)

    def _keep_cookies(self, set_cookies: list[str]) -> None:
        for line in set_cookies:
            for name, morsel in SimpleCookie(line).items():
                if morsel.value and morsel["max-age"] != "0":
                    self.cookies[name] = morsel.value
                else:
                    self.cookies.pop(name, None)

    def sign_in(self, username: str) -> None:
        page = self.request("GET", "/accounts/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.body)
        if page.status != 200 or token is None:
            raise RuntimeError(f"login page answered {page.status} without a CSRF token")
        form = {"csrfmiddlewaretoken": token.group(1), "login": username, "password": PASSWORD}
        answer = self.request("POST", "/accounts/login/", form, timeout=SIGN_IN_TIMEOUT)
        if answer.status != 302 or "sessionid" not in self.cookies:
            errors = re.findall(r'class="[^"]*error[^"]*"[^>]*>([^<]+)<', answer.body)
            raise RuntimeError(f"{username} could not sign in: {answer.status} {errors}")


@dataclass(frozen=True)
class Write:
    username: str
    day: str
    kind: str  # "autosave" or "form"
    insight: str
    minutes: int
    version: int  # the version the server acknowledged (autosave) or that the save produced (form)


@dataclass
class Ledger:
    """What the clients saw, shared by their threads: acknowledged writes, failed attempts, surprises."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    acks: list[tuple[float, Write]] = field(default_factory=list)
    last_ack: dict[tuple[str, str], Write] = field(default_factory=dict)
    unacknowledged: dict[tuple[str, str], Write] = field(default_factory=dict)
    failures: list[tuple[float, str]] = field(default_factory=list)
    surprises: list[str] = field(default_factory=list)
    longest_wait: float = 0.0

    def acknowledged(self, write: Write, waited: float) -> None:
        with self.lock:
            self.acks.append((time.monotonic(), write))
            self.last_ack[(write.username, write.day)] = write
            self.longest_wait = max(self.longest_wait, waited)

    def failed(self, reason: str) -> None:
        with self.lock:
            self.failures.append((time.monotonic(), reason))

    def surprised(self, message: str) -> None:
        with self.lock:
            self.surprises.append(message)

    def gave_up(self, write: Write) -> None:
        with self.lock:
            self.unacknowledged[(write.username, write.day)] = write

    def acks_since(self, moment: float) -> int:
        with self.lock:
            return sum(1 for at, _write in self.acks if at >= moment)


class Person(threading.Thread):
    """Saves one person's logs, each (person, date) strictly one write after the other, until told to stop."""

    def __init__(self, username: str, address: str, port: int, ledger: Ledger, stop: threading.Event) -> None:
        super().__init__(name=username, daemon=True)
        self.username, self.ledger, self.stop = username, ledger, stop
        self.browser = Browser(port, address)
        today = datetime.now(OFFICE_TZ).date()
        self.days = [(today - timedelta(days=back)).isoformat() for back in DAYS_BACK]
        self.versions = dict.fromkeys(self.days, 0)
        self.current: Write | None = None

    def run(self) -> None:
        try:
            self.browser.sign_in(self.username)
            number = 0
            while not self.stop.is_set():
                number += 1
                if not self._save(number):
                    return
        except Exception as error:  # a thread's crash must show up in the verdict, not vanish
            if self.current is not None:
                self.ledger.gave_up(self.current)
            self.ledger.surprised(f"{self.username}: {error!r}")

    def _save(self, number: int) -> bool:
        day = self.days[number % len(self.days)]
        kind = "form" if number % FORM_EVERY == 0 else "autosave"
        insight = f"{self.username} {day} #{number} {secrets.token_hex(4)}"
        write = self.current = Write(self.username, day, kind, insight, number % 600, self.versions[day])
        began = time.monotonic()
        while time.monotonic() - began < SAVE_GIVE_UP_AFTER:
            try:
                version = self._send(write)
            except (OSError, http.client.HTTPException) as error:
                self.ledger.failed(type(error).__name__)
                time.sleep(RETRY_PAUSE)
                continue
            if version is None:
                time.sleep(RETRY_PAUSE)
                continue
            acked = Write(write.username, day, kind, insight, write.minutes, version)
            self.versions[day] = version
            self.ledger.acknowledged(acked, time.monotonic() - began)
            return True
        self.ledger.gave_up(write)
        self.ledger.surprised(f"{self.username} {day}: no acknowledgement within {SAVE_GIVE_UP_AFTER:.0f} s")
        return False

    def _send(self, write: Write) -> int | None:
        """Send the write once: its new version when acknowledged, None for a retry; raise on anything else."""
        fields = {"minutes": str(write.minutes), "sources": "", "insight": write.insight, "version": write.version}
        csrf = {"X-CSRFToken": self.browser.cookies.get("csrftoken", "")}
        if write.kind == "autosave":
            answer = self.browser.request("POST", f"/logs/{write.day}/autosave/", fields, csrf)
        else:
            fields["csrfmiddlewaretoken"] = self.browser.cookies.get("csrftoken", "")
            answer = self.browser.request("POST", f"/logs/{write.day}/", fields)
        if answer.status >= 500:
            if "Traceback" in answer.body:
                self.ledger.surprised(f"a {answer.status} showed a traceback to the browser")
            self.ledger.failed(f"HTTP {answer.status}")
            return None
        if write.kind == "autosave" and answer.status == 200:
            return int(json.loads(answer.body)["version"])
        if write.kind == "form" and answer.status == 302 and "saved=1" in answer.headers.get("location", ""):
            return write.version + 1
        raise RuntimeError(f"{write.kind} of {write.day} answered {answer.status}: {answer.body[:200]!r}")


def stored_logs(cluster: Cluster) -> dict[tuple[str, str], tuple]:
    import psycopg  # the venv's driver; imported here so `--help`-style reading of this file needs nothing

    query = """
        SELECT u.username, l.date::text, l.version, l.insight, l.minutes, l.draft
        FROM learning_studylog l JOIN portal_user u ON u.id = l.user_id
    """
    with psycopg.connect(cluster.url) as connection:
        rows = connection.execute(query).fetchall()
    return {(username, day): tuple(rest) for username, day, *rest in rows}


def shows(stored: tuple, write: Write) -> bool:
    version, insight, minutes, draft = stored
    if version != write.version:
        return False
    if write.kind == "autosave":
        return draft is not None and (draft.get("insight"), draft.get("minutes")) == (write.insight, str(write.minutes))
    return draft is None and insight == write.insight and minutes == write.minutes


def missing_writes(ledger: Ledger, stored: dict) -> list[str]:
    """Every (person, date) must show its last acknowledged write (or a later write still unacknowledged)."""
    problems = []
    for key, write in sorted(ledger.last_ack.items()):
        row = stored.get(key)
        pending = ledger.unacknowledged.get(key)
        if row is None:
            problems.append(f"{key}: acknowledged v{write.version} {write.kind} {write.insight!r}, nothing stored")
            continue
        if shows(row, write) or (pending is not None and shows(row, replace(pending, version=write.version + 1))):
            continue
        problems.append(f"{key}: acknowledged v{write.version} {write.kind} {write.insight!r}, stored {row!r}")
    return problems


@dataclass
class Restart:
    mode: str
    began: float
    seconds: float = 0.0


def wait_for_acks(ledger: Ledger, since: float, count: int, people: list[Person]) -> bool:
    deadline = time.monotonic() + PHASE_TIMEOUT
    while time.monotonic() < deadline and any(person.is_alive() for person in people):
        if ledger.acks_since(since) >= count:
            return True
        time.sleep(0.05)
    return False


def run_load(cluster: Cluster, port: int, usernames: list[str], ledger: Ledger) -> tuple[list[Restart], list[str]]:
    stop = threading.Event()
    # Each person at a machine of their own: the sign-in rate limits count per client address.
    people = [Person(username, f"127.0.1.{number}", port, ledger, stop) for number, username in enumerate(usernames, 1)]
    for person in people:
        person.start()
    restarts: list[Restart] = []
    stalls: list[str] = []
    started = time.monotonic()
    try:
        if not wait_for_acks(ledger, started, WRITES_BEFORE_CRASH, people):
            stalls.append(f"fewer than {WRITES_BEFORE_CRASH} writes acknowledged before the crash")
        for mode in ("immediate", "fast"):
            restart = Restart(mode, time.monotonic())
            log(f"pg_ctl restart -m {mode} after {len(ledger.acks)} acknowledged writes")
            restart.seconds = cluster.restart(mode)
            restarts.append(restart)
            if not wait_for_acks(ledger, restart.began + restart.seconds, WRITES_AFTER_RESTART, people):
                stalls.append(f"fewer than {WRITES_AFTER_RESTART} writes acknowledged after the {mode} restart")
    finally:
        stop.set()
        for person in people:
            person.join(timeout=SAVE_GIVE_UP_AFTER + REQUEST_TIMEOUT)
    return restarts, stalls


def report(ledger: Ledger, restarts: list[Restart], problems: list[str], errors: collections.Counter) -> None:
    """Print what happened; the last line reads 'PASS: N passed, 0 failed' or 'FAIL: ...'."""
    moments = [restart.began for restart in restarts] + [float("inf")]
    phases = ["before the immediate restart"] + [f"after the {restart.mode} restart" for restart in restarts]
    for index, phase in enumerate(phases):
        low = moments[index - 1] if index else float("-inf")
        count = sum(1 for at, _write in ledger.acks if low <= at < moments[index])
        print(f"  writes acknowledged {phase}: {count}")
    for index, restart in enumerate(restarts):
        window = [at for at, _reason in ledger.failures if restart.began - 1 <= at < moments[index + 1]]
        span = (max(window) - min(window)) if window else 0.0
        once_up = sum(1 for at in window if at >= restart.began + restart.seconds)
        print(
            f"  {restart.mode} restart: pg_ctl took {restart.seconds:.2f} s; {len(window)} failed attempts "
            f"over {span:.2f} s, {once_up} of them after PostgreSQL was back"
        )
    print(f"  failed attempts by cause: {dict(collections.Counter(reason for _at, reason in ledger.failures))}")
    print(f"  exceptions in gunicorn's log: {dict(errors)}")
    print(f"  longest wait for one acknowledgement: {ledger.longest_wait:.2f} s")
    print(f"  (person, date) pairs checked: {len(ledger.last_ack)}; acknowledged writes: {len(ledger.acks)}")
    for problem in problems[:20]:
        print(f"  PROBLEM {problem}")
    verdict = "FAIL" if problems else "PASS"
    print(f"{verdict}: {len(ledger.last_ack) - len(problems)} passed, {len(problems)} failed")


def main() -> int:
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    cluster = Cluster()
    server = None
    try:
        began = time.monotonic()
        cluster.start()
        env = portal_env(cluster)
        usernames = prepare_database(env)
        cluster.make_durable()
        log(f"cluster on port {cluster.port} migrated, {len(usernames)} people, in {time.monotonic() - began:.1f} s")
        server = Gunicorn(env, cluster.home)
        server.wait_ready()
        ledger = Ledger()
        restarts, stalls = run_load(cluster, server.port, usernames, ledger)
        problems = stalls + ledger.surprises + missing_writes(ledger, stored_logs(cluster))
        if not ledger.last_ack:
            problems.append("no write was acknowledged at all")
        for line in cluster.recovery_lines():
            print(f"  postgres: {line}")
        report(ledger, restarts, problems, server.error_summary())
        log(f"done in {time.monotonic() - began:.1f} s")
        return 1 if problems else 0
    finally:
        if server is not None:
            server.stop()
        cluster.remove()


if __name__ == "__main__":
    sys.exit(main())
