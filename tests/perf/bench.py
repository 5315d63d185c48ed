"""`make bench`: the everyday pages under gunicorn with production settings, beside a trivial view, at two sizes.

A script, not a test (it builds two PostgreSQL data sets and serves them side by side; minutes). For each
data set:

1. The data set is built once and reused: ``portal_bench_demo`` (seed_demo) and
   ``portal_bench_scale`` (seed_demo + seed_scale --people 5000 --years 3). ``migrate`` runs every
   time, so new indexes reach them. Personas get a TOTP authenticator when they have none.
2. gunicorn serves tests/perf/settings.py (production + a trivial signed-in view + a query
   counter) with gunicorn.conf.py when the repository has one, 2 workers either way.
3. Personas sign in through allauth's forms, second factor included (the code is computed from
   the stored secret), behind a pretend HTTPS proxy.
4. wrk (Debian's package) measures every page for a few seconds; the autosave POST sends new
   text each time, one person per connection, following the versions the server answers.

Each page is measured in three rounds, each right after a run of the trivial view (``paired_round``), and
the round with the median ratio is kept (``summarise``), with the median of the rounds' p50, p95 and p99:
the machine is shared, and a run's new connections are not always spread over both workers. The trivial view is also
measured first and last. Both data sets are served at once and a page's rounds are taken in turn at
each size (demo, 5,000, demo, ...): the p95 growth printed is the median of the rounds' p95 at 5,000
people over the demo's, each pair taken seconds apart under the machine's load of that moment.

Prints the table (req/s, ratio to the trivial view, p50/p95/p99, queries per request, JS and CSS
downloaded gzip/brotli) and writes tests/perf/results/<date>-<label>.json.
Options: --quick (3 s a page, the default while others share the machine), --seconds N,
--sizes demo,scale, --label NAME, --connections N.
"""

import argparse
import datetime
import gzip
import json
import os
import re
import secrets
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import brotli  # installed with locust (requirements-dev.txt)

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.reliability.pg_restart_durability import Browser  # noqa: E402

PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
DATA_SETS = {"demo": "portal_bench_demo", "scale": "portal_bench_scale"}
PASSWORD = "demo-pass-2026"  # seed_demo's and seed_scale's documented password
PERSONAS = {
    "demo": {"member": "staff", "member2": "staff2", "manager": "manager", "leader": "leader"},
    "scale": {"member": "scale5000-1", "member2": "scale5000-2", "manager": "scale5000-0", "leader": "leader"},
}
HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"

# The personas' second factors are stored (encrypted) by the seed settings and read by the served production
# settings, whose SECRET_KEY is new each run: both use this key, as production does with PORTAL_MFA_KEY.
MFA_KEY = "bench-only-mfa-key"
# The pages kept in the page cache (issue 15.3): measured as they are served again, and uncached.
CACHED_PAGES = {"/", "/me/", "/team/", "/team/members/<id>/", "/org/"}

PREPARE = r"""
import json, os
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from allauth.mfa.utils import decrypt
from django.utils import timezone
from assessments import selectors as a_selectors, services as a_services
from assessments.models import Cycle
from learning.models import StudyMaterialPage
from portal.models import Membership, User

names = json.loads(os.environ["BENCH_PERSONAS"])
out = {"secrets": {}, "today": timezone.localdate().isoformat()}
for role, username in names.items():
    user = User.objects.get(username=username)
    out[role + "_id"] = user.pk
    if role in ("manager", "leader"):
        Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).delete()  # stored under any key
        totp = TOTP.activate(user, generate_totp_secret()).instance
        out["secrets"][username] = decrypt(totp.data["secret"])
member = User.objects.get(username=names["member"])
cycle = Cycle.objects.open_on(timezone.localdate()).order_by("-opens_on").first()
assessment = a_services.assessment_start(cycle=cycle, user=member)
steps = a_selectors.assessment_steps(items=a_selectors.cycle_item_rows(cycle=cycle))
out["assessment"] = assessment.pk
out["review_step"] = steps[-1].number
material = StudyMaterialPage.objects.live().order_by("pk").first()
out["material"] = material.url
print("PREPARED " + json.dumps(out))
"""


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def load() -> str:
    return Path("/proc/loadavg").read_text().split(" ", 3)[:3].__str__()


def manage(env: dict, *args: str, capture: bool = False) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, text=True,
        stdout=subprocess.PIPE if capture else None,
    )  # fmt: skip
    return result.stdout or ""


def psql(database: str, sql: str) -> str:
    result = subprocess.run(["psql", f"{PG}/{database}", "-Atc", sql], capture_output=True, text=True)
    return result.stdout.strip() if result.returncode == 0 else ""


def ensure_data_set(size: str) -> dict:
    """Build the data set if it is missing (once), migrate it, prepare the personas; return what they need."""
    database = DATA_SETS[size]
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.perf.seed_settings", "DATABASE_URL": f"{PG}/{database}",
           "PORTAL_MFA_KEY": MFA_KEY}  # fmt: skip
    if not psql("postgres", f"SELECT 1 FROM pg_database WHERE datname = '{database}'"):
        subprocess.run(["psql", f"{PG}/postgres", "-qc", f"CREATE DATABASE {database}"], check=True)
    manage(env, "migrate", "--noinput", "-v", "0")
    built = False
    if psql(database, "SELECT count(*) FROM portal_user WHERE username = 'staff'") != "1":
        log(f"{size}: seed_demo")
        manage(env, "seed_demo")
        built = True
    scale_people = psql(database, "SELECT count(*) FROM portal_user WHERE username LIKE 'scale5000-%'")
    if size == "scale" and scale_people != "5000":
        log("scale: seed_scale --people 5000 --years 3 (a few minutes, once)")
        began = time.monotonic()
        manage(env, "seed_scale", "--people", "5000", "--years", "3")
        log(f"scale: seed_scale took {time.monotonic() - began:.0f} s, load {load()}")
        built = True
    if built:  # as autovacuum would by the time anyone reads: statistics, and the visibility map index-only scans need
        subprocess.run(["psql", f"{PG}/{database}", "-qc", "VACUUM ANALYZE"], check=True)
    env["BENCH_PERSONAS"] = json.dumps(PERSONAS[size])
    output = manage(env, "shell", "-c", PREPARE, capture=True)
    return json.loads(output.split("PREPARED ", 1)[1])


class Server:
    def __init__(self, database: str, port: int) -> None:
        self.port = port
        self.run_id = secrets.token_hex(6)
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.perf.settings",
            "DATABASE_URL": f"{PG}/{database}",
            "DJANGO_SECRET_KEY": "bench-" + secrets.token_urlsafe(48),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "REDIS_URL": os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/8"),
            "BENCH_RUN_ID": self.run_id,
            "PORTAL_MFA_KEY": MFA_KEY,
            "PORTAL_TRUSTED_PROXY_COUNT": "1",
        }
        config = ROOT / "portal" / "gunicorn_conf.py"  # the production command's settings, when there are some
        command = [sys.executable, "-m", "gunicorn", "portal.wsgi:application"]
        if config.exists():
            command += ["-c", "python:portal.gunicorn_conf"]
        command += [f"--bind=127.0.0.1:{port}", "--workers=2", "--error-logfile=-", "--log-level=warning"]
        self.logfile = open(RESULTS / f".gunicorn-{port}.log", "ab")  # noqa: SIM115
        self.process = subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=self.logfile, stderr=subprocess.STDOUT)
        self.worker_class = "gthread (portal/gunicorn_conf.py)" if config.exists() else "sync"

    def wait_ready(self) -> None:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}")
            try:
                if Browser(self.port).request("GET", "/healthz/").status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError("gunicorn did not answer /healthz/ in 120 s")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.logfile.close()


def totp_code(secret: str) -> str:
    import base64
    import hashlib
    import hmac
    import struct

    counter = int(time.time()) // 30
    digest = hmac.new(base64.b32decode(secret, casefold=True), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = (struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000
    return f"{value:06d}"


def csrf_field(body: str) -> str:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    if not found:
        raise RuntimeError("no CSRF token on the page")
    return found.group(1)


def sign_in(port: int, username: str, secret: str | None, address: str) -> Browser:
    browser = Browser(port, address)
    page = browser.request("GET", "/accounts/login/")
    form = {"csrfmiddlewaretoken": csrf_field(page.body), "login": username, "password": PASSWORD}
    answer = browser.request("POST", "/accounts/login/", form, timeout=60)
    if answer.status != 302:
        raise RuntimeError(f"{username}: login answered {answer.status}")
    if "2fa/authenticate" in answer.headers.get("location", ""):
        if secret is None:
            raise RuntimeError(f"{username}: asked for a second factor, no secret known")
        page = browser.request("GET", "/accounts/2fa/authenticate/")
        form = {"csrfmiddlewaretoken": csrf_field(page.body), "code": totp_code(secret)}
        answer = browser.request("POST", "/accounts/2fa/authenticate/", form)
        if answer.status != 302:
            raise RuntimeError(f"{username}: second factor answered {answer.status}")
    check = browser.request("GET", TRIVIAL)
    if check.status != 200:
        raise RuntimeError(f"{username}: signed in, but the trivial view answered {check.status}")
    return browser


def cookie_header(browser: Browser) -> str:
    return "; ".join(f"{name}={value}" for name, value in browser.cookies.items())


ASSET = re.compile(r'<(?:script[^>]+src|link[^>]+rel="(?:stylesheet|modulepreload)"[^>]+href)="([^"]+)"')


def assets(browser: Browser, body: str, cache: dict) -> dict:
    """The JS and CSS a page downloads: count, raw, gzip -9 and brotli -q 11 bytes."""
    totals = {"files": 0, "raw": 0, "gzip": 0, "brotli": 0}
    for url in sorted(set(ASSET.findall(body))):
        if url not in cache:
            content = browser.request("GET", url).body.encode()
            cache[url] = (len(content), len(gzip.compress(content, 9)), len(brotli.compress(content, quality=11)))
        raw, gz, br = cache[url]
        totals["files"] += 1
        totals["raw"] += raw
        totals["gzip"] += gz
        totals["brotli"] += br
    return totals


def wrk(port: int, path: str, seconds: int, connections: int, headers: dict, script: str, env: dict | None = None):
    threads = connections if script == "wrk_autosave.lua" else 1  # one person per thread and connection
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "20s", "-s", str(HERE / script)]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    command.append(f"http://127.0.0.1:{port}{path}")
    result = subprocess.run(command, capture_output=True, text=True, env={**os.environ, **(env or {})})
    for line in result.stdout.splitlines():
        if line.startswith("BENCH-STATUS"):
            log(f"  unexpected answer: {line[13:]}")
    line = next((ln for ln in result.stdout.splitlines() if ln.startswith("BENCH ")), None)
    if line is None:
        raise RuntimeError(f"wrk said: {result.stdout} {result.stderr}")
    figures = json.loads(line[6:])
    figures["rps"] = figures["requests"] / (figures["duration_us"] / 1e6)
    return figures


@dataclass
class Served:
    """One data set served and signed in to, with the pages to measure on it."""

    size: str
    server: Server
    names: dict[str, str]
    browsers: dict[str, Browser]
    pages: dict[str, tuple[str, str]]  # label -> (role, path)
    rows: dict = field(default_factory=dict)
    asset_cache: dict = field(default_factory=dict)


def serve_size(size: str, port: int) -> Served:
    log(f"{size}: preparing the data set (load {load()})")
    info = ensure_data_set(size)
    server = Server(DATA_SETS[size], port)
    try:
        server.wait_ready()
        names = PERSONAS[size]
        browsers = {
            role: sign_in(port, username, info["secrets"].get(username), f"127.0.2.{n}")
            for n, (role, username) in enumerate(names.items(), start=1)
        }
    except BaseException:
        server.stop()
        raise
    today, assessment = info["today"], info["assessment"]
    pages = {
        "trivial": ("member", TRIVIAL),
        "/": ("member", "/"),
        "/me/": ("member", "/me/"),
        "/logs/today/": ("member", "/logs/today/"),
        "autosave POST": ("member", f"/logs/{today}/autosave/"),
        "assessment step": ("member", f"/assessments/{assessment}/?step=1"),
        "review step": ("member", f"/assessments/{assessment}/?step={info['review_step']}"),
        "material page": ("member", info["material"]),
        "/ideas/": ("member", "/ideas/"),
        "/team/": ("manager", "/team/"),
        "/team/members/<id>/": ("manager", f"/team/members/{info['member_id']}/"),
        "/org/": ("leader", "/org/"),
    }
    pages |= {f"{label} uncached": page for label, page in pages.items() if label in CACHED_PAGES}
    pages["trivial (end)"] = ("member", TRIVIAL)  # the autosave POST's ratio is to both runs' mean
    return Served(size, server, names, browsers, pages)


def page_headers(served: Served, label: str) -> dict:
    role, _path = served.pages[label]
    browser = served.browsers[role]
    headers = {"X-Forwarded-Proto": "https", "X-Forwarded-For": browser.address, "Cookie": cookie_header(browser)}
    if label.endswith(" uncached"):
        headers["X-Bench-Uncached"] = "1"
    return headers


def probe_page(served: Served, label: str) -> dict:
    """The page's status, statements and JS/CSS, from the second request: the process's caches are warm,
    as in the measured run."""
    role, path = served.pages[label]
    browser = served.browsers[role]
    if label == "autosave POST":
        origin = f"https://127.0.0.1:{served.server.port}"
        return {"status": "POST", "queries": autosave_queries(browser, path, origin), "assets": None}
    bench_headers = {k: v for k, v in page_headers(served, label).items() if k.startswith("X-Bench")}
    browser.request("GET", path, headers=bench_headers)
    answer = browser.request("GET", path, headers=bench_headers)
    return {
        "status": answer.status,
        "queries": int(answer.headers.get("x-bench-queries", "-1")),
        "assets": assets(browser, answer.body, served.asset_cache) if answer.status == 200 else None,
    }


def autosave_run(served: Served, seconds: int) -> dict:
    """Autosaves over the evening's drafts, one person per connection, following the versions answered."""
    path = served.pages["autosave POST"][1]
    sessions = "\n".join(
        f"{path}\t{cookie_header(served.browsers[r])}\t{served.browsers[r].cookies.get('csrftoken', '')}"
        for r in ("member", "member2")
    )
    env = {"BENCH_AUTOSAVE": sessions, "BENCH_ORIGIN": f"https://127.0.0.1:{served.server.port}"}
    return wrk(served.server.port, path, seconds, 2, {}, "wrk_autosave.lua", env)


def measure_label(served: list[Served], label: str, seconds: int, connections: int) -> float | None:
    """One page at every size, its rounds taken in turn at each size; returns its p95 growth (the median
    of the rounds' p95 at the last size over the first's), or None at one size."""
    probes = {each.size: probe_page(each, label) for each in served}
    if label == "autosave POST":
        figures = {each.size: autosave_run(each, seconds) for each in served}
        rounds = {each.size: [figures[each.size]] for each in served}
    else:
        rounds = {each.size: [] for each in served}
        for _round in range(ROUNDS):
            for each in served:
                path = each.pages[label][1]
                rounds[each.size].append(paired_round(each.server.port, path, seconds, connections,
                                                      page_headers(each, label)))  # fmt: skip
        figures = {size: summarise(found) for size, found in rounds.items()}
    for each in served:
        role, path = each.pages[label]
        found, probe = figures[each.size], probes[each.size]
        each.rows[label] = {"path": path, "as": each.names[role], **probe, **found}
        log(
            f"{each.size} {label:22} {found['rps']:7.1f} req/s p95 {found['p95'] / 1000:7.1f} ms "
            f"q={probe['queries']} status={probe['status']} non2xx={found['non2xx']} load {load()}"
        )
    if len(served) < 2:
        return None
    first, last = rounds[served[0].size], rounds[served[-1].size]
    return statistics.median(b["p95"] / max(a["p95"], 1) for a, b in zip(first, last, strict=True))


def measure(sizes: list[str], port: int, seconds: int, connections: int, only: set[str]) -> tuple[dict, dict]:
    """Every page at every size, and each page's p95 growth from the first size to the last."""
    served: list[Served] = []
    growth = {}
    try:
        for offset, size in enumerate(sizes):
            served.append(serve_size(size, port + offset))
        for label in served[0].pages:
            if only and not label.startswith("trivial") and label not in only:
                continue
            growth[label] = measure_label(served, label, seconds, connections)
        found = {each.size: {"rows": each.rows, "worker_class": each.server.worker_class, "load_after": load()}
                 for each in served}  # fmt: skip
        return found, growth
    finally:
        for each in served:
            each.server.stop()


ROUNDS = 3
TRIVIAL = "/_perf/trivial/"


def paired_round(port: int, path: str, seconds: int, connections: int, headers: dict) -> dict:
    """One round: the trivial view, then the page, for a third of ``seconds`` each.

    Each run opens new connections, and gunicorn sometimes gives all four to one of its two workers, so
    that one core idles: the trivial view alone measured 166-835 req/s in a row. A round compares the page
    with the trivial view under the machine's load of the moment.
    """
    trivial = wrk(port, TRIVIAL, max(seconds // ROUNDS, 2), connections, headers, "wrk_report.lua")
    page = wrk(port, path, max(seconds // ROUNDS, 2), connections, headers, "wrk_report.lua")
    return {**page, "trivial_rps": trivial["rps"], "ratio": page["rps"] / max(trivial["rps"], 1)}


def summarise(rounds: list[dict]) -> dict:
    """The round with the median ratio (the odd one dropped), with the median of the rounds' latencies: one
    stall of the machine in a round of a few hundred requests moved a page's p95 by 2.5x between two runs."""
    rounds = sorted(rounds, key=lambda figures: figures["ratio"])
    latencies = {name: statistics.median(r[name] for r in rounds) for name in ("p50", "p95", "p99")}
    return {**rounds[len(rounds) // 2], **latencies, "round_ratios": [round(r["ratio"], 4) for r in rounds],
            "round_p95": [r["p95"] for r in rounds]}  # fmt: skip


def autosave_queries(browser: Browser, path: str, origin: str) -> int:
    """The statements of one autosave that writes over the evening's draft (the version it needs comes from a 409
    first; the day's first autosave, which also creates the log's row, is made before it)."""
    csrf = {"X-CSRFToken": browser.cookies.get("csrftoken", ""), "Referer": origin + path}
    fields = {"minutes": "30", "sources": "", "insight": f"probe {secrets.token_hex(4)}", "version": "-1"}
    for _attempt in range(5):  # a write still in flight from an earlier run may move the version on
        stale = browser.request("POST", path, fields, csrf)
        fields["version"] = str(json.loads(stale.body).get("version", 0))
        first = browser.request("POST", path, fields, csrf)
        if first.status == 200:
            fields.update(version=str(json.loads(first.body)["version"]), insight=f"probe {secrets.token_hex(4)}")
            answer = browser.request("POST", path, fields, csrf)
            if answer.status == 200:
                return int(answer.headers.get("x-bench-queries", "-1"))
        fields["version"] = "-1"
        time.sleep(0.5)
    raise RuntimeError(f"autosave probe answered {first.status}: {first.body[:200]}")


def trivial_rps(rows: dict) -> float:
    """The trivial view's req/s, the mean of its runs before and after the pages."""
    runs = [rows[label]["rps"] for label in ("trivial", "trivial (end)") if label in rows]
    return sum(runs) / len(runs)


def share(rows: dict, label: str) -> float:
    """The page's req/s as a share of the trivial view's: its median round's, else the runs' mean."""
    row = rows[label]
    return row["ratio"] if "ratio" in row else row["rps"] / trivial_rps(rows)


def print_p95_growth(results: dict) -> None:
    """Each page's p95 at 5,000 people over the demo's: the median of its rounds' (taken seconds apart)."""
    growth = {label: ratio for label, ratio in results.get("p95_growth", {}).items() if ratio is not None}
    if not growth:
        return
    print()
    print("p95 at 5,000 people over the demo's (the median of the rounds', each size's round taken in turn):")
    for label, ratio in growth.items():
        print(f"  {label:28} {ratio:5.2f}x")


def print_table(results: dict) -> None:
    sizes = list(results["sizes"])
    print()
    header = f"{'page':22}" + "".join(
        f" | {size + ' req/s':>11} {'% triv':>7} {'p50':>7} {'p95':>7} {'p99':>7} {'q':>3}" for size in sizes
    )
    print(header)
    print("-" * len(header))
    print("% triv: the page's req/s over the trivial view's just before it, the median of 3 rounds (the autosave")
    print("POST and the trivial rows: over the trivial view's mean before and after the pages). p50/p95/p99: the")
    print("median of the 3 rounds' figures.")
    labels = list(next(iter(results["sizes"].values()))["rows"])
    for label in labels:
        line = f"{label:22}"
        for size in sizes:
            rows = results["sizes"][size]["rows"]
            row = rows[label]
            queries = row["queries"] if row["queries"] is not None else ""
            line += (
                f" | {row['rps']:11.1f} {100 * share(rows, label):6.1f}% {row['p50'] / 1000:6.1f}m "
                f"{row['p95'] / 1000:6.1f}m {row['p99'] / 1000:6.1f}m {queries:>3}"
            )
        print(line)
    print_p95_growth(results)
    print()
    print("JS and CSS each page downloads (files, gzip KiB / brotli KiB), demo size:")
    first = results["sizes"][sizes[0]]["rows"]
    for label, row in first.items():
        if row.get("assets"):
            a = row["assets"]
            print(f"  {label:22} {a['files']:2} files  {a['gzip'] / 1024:6.1f} / {a['brotli'] / 1024:6.1f} KiB")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--quick", action="store_true", help="3 s a page (default)")
    parser.add_argument("--seconds", type=int, default=None)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--sizes", default="demo,scale")
    parser.add_argument("--label", default="run")
    parser.add_argument("--pages", default="", help="only these pages (labels, comma-separated) and the trivial view")
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", "8010")))
    options = parser.parse_args()
    seconds = options.seconds or 3
    RESULTS.mkdir(exist_ok=True)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    results = {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "label": options.label,
        "commit": commit.stdout.strip(),
        "seconds_per_page": seconds,
        "connections": options.connections,
        "load_before": load(),
        "sizes": {},
    }
    only = {p for p in options.pages.split(",") if p}
    results["sizes"], results["p95_growth"] = measure(
        options.sizes.split(","), options.port, seconds, options.connections, only
    )
    results["load_after"] = load()
    print_table(results)
    out = RESULTS / f"{datetime.date.today().isoformat()}-{options.label}.json"
    out.write_text(json.dumps(results, indent=1, ensure_ascii=False))
    log(f"wrote {out.relative_to(ROOT)}; load before {results['load_before']}, after {results['load_after']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
