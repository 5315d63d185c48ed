"""`make lighthouse`: Lighthouse (phone, signed in) on the chart pages /me/, /team/ and /org/.

A script, not a test (a minute a page; the scores move a few points from run to run):

1. The demo office on a SQLite file of its own under LIGHTHOUSE_DIR (default /tmp/portal-lighthouse),
   seeded once (``--reseed`` starts afresh); collectstatic every run, so the scores see the current
   compressed, hashed static files (tests/perf/lighthouse_settings.py).
2. gunicorn serves it with DEBUG off, one worker; each page's persona gets a session (force_login),
   passed to Lighthouse as a cookie header.
3. ``npx lighthouse@12`` with its default mobile preset (simulated slow 4G, 4x CPU slowdown) and
   Debian's Chromium (CHROMIUM_PATH); a run that fails to record its trace is tried again.

Prints performance, accessibility and best practices per page, with FCP, LCP, TBT, the JS downloaded
at load (brotli, as sent), the JS once every chart is drawn (gzip, plotly.js included) and every failing
accessibility or best-practices audit; the JSON reports are
kept in LIGHTHOUSE_DIR. Options: --pages /me/,/team/ --runs N (the median performance run is shown).
"""

import argparse
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WORK = Path(os.environ.get("LIGHTHOUSE_DIR", "/tmp/portal-lighthouse"))  # noqa: S108
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
PAGES = {"/me/": "staff", "/team/": "manager", "/org/": "leader"}  # seed_demo's personas
CATEGORIES = ("performance", "accessibility", "best-practices")
ENV = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.perf.lighthouse_settings", "LIGHTHOUSE_DIR": str(WORK)}

SESSIONS = """
import json
from django.test import Client
from portal.models import User
cookies = {}
for username in %r:
    client = Client()
    client.force_login(User.objects.get(username=username))
    cookies[username] = client.cookies["sessionid"].value
print("SESSIONS " + json.dumps(cookies))
"""


def manage(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=ENV, check=True, capture_output=True, text=True
    )
    return done.stdout


def prepare(reseed: bool) -> None:
    WORK.mkdir(parents=True, exist_ok=True)
    database = WORK / "db.sqlite3"
    if reseed:
        database.unlink(missing_ok=True)
    fresh = not database.exists()
    manage("migrate", "--noinput", "-v", "0")
    if fresh:
        print("Seeding the demo office (once)…", flush=True)
        manage("seed_demo")
    manage("collectstatic", "--noinput", "-v", "0")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(port: int) -> subprocess.Popen:
    command = [sys.executable, "-m", "gunicorn", "portal.wsgi:application", "-c", "python:portal.gunicorn_conf"]
    env = {**ENV, "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": "1"}
    log = open(WORK / "gunicorn.log", "ab")  # noqa: SIM115
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    for _ in range(120):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz/", timeout=2)  # noqa: S310
            return server
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise RuntimeError("gunicorn did not answer /healthz/ in 60 s")


def lighthouse(url: str, cookie: str, output: Path) -> dict:
    command = [
        "npx", "-y", "lighthouse@12", url, "--quiet", "--output=json", f"--output-path={output}",
        f"--only-categories={','.join(CATEGORIES)}", "--chrome-flags=--headless=new --no-sandbox",
        "--extra-headers", json.dumps({"Cookie": f"sessionid={cookie}"}),
    ]  # fmt: skip
    for _ in range(3):  # a run now and then fails to record its trace (NO_NAVSTART)
        subprocess.run(command, env={**os.environ, "CHROME_PATH": CHROMIUM}, check=False, capture_output=True)
        if output.exists():
            report = json.loads(output.read_text())
            if not report.get("runtimeError") and report["categories"]["performance"]["score"] is not None:
                return report
    raise RuntimeError(f"Lighthouse failed three times on {url}: see {output}")


def js_when_drawn(url: str, cookie: str) -> float:
    """KiB (gzip) of the page's scripts with plotly.js, which charts.js loads once a chart comes near."""
    request = urllib.request.Request(url, headers={"Cookie": f"sessionid={cookie}"})  # noqa: S310
    html = urllib.request.urlopen(request, timeout=30).read().decode()  # noqa: S310
    paths = set(re.findall(r'(?:src|data-plotly)="/static/([^"]+\.js)"', html))
    return sum((WORK / "static" / f"{path}.gz").stat().st_size for path in paths) / 1024


def summary(report: dict) -> dict:
    audits = report["audits"]
    scripts = [item for item in audits["network-requests"]["details"]["items"] if item.get("resourceType") == "Script"]
    failing = [
        f"{category}: {audits[ref['id']]['title']}"
        for category in CATEGORIES[1:]
        for ref in report["categories"][category]["auditRefs"]
        if ref["weight"] and audits[ref["id"]]["score"] is not None and audits[ref["id"]]["score"] < 1
    ]
    return {
        **{category: round(100 * report["categories"][category]["score"]) for category in CATEGORIES},
        **{
            metric: audits[key]["numericValue"]
            for metric, key in (("FCP", "first-contentful-paint"), ("LCP", "largest-contentful-paint"))
        },
        "TBT": audits["total-blocking-time"]["numericValue"],
        "js_kib": sum(item["transferSize"] for item in scripts) / 1024,
        "failing": failing,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", default=",".join(PAGES), help="comma-separated, from " + ", ".join(PAGES))
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--reseed", action="store_true")
    args = parser.parse_args()
    pages = [page for page in args.pages.split(",") if page]
    prepare(args.reseed)
    found = manage("shell", "-c", SESSIONS % sorted({PAGES[page] for page in pages})).splitlines()
    cookies = json.loads(next(line for line in found if line.startswith("SESSIONS "))[9:])
    port = free_port()
    server = serve(port)
    try:
        print("page     perf a11y   bp     FCP     LCP    TBT JS at load  JS drawn")
        for page in pages:
            url = f"http://127.0.0.1:{port}{page}"
            drawn = js_when_drawn(url, cookies[PAGES[page]])
            runs = []
            for run in range(args.runs):
                output = WORK / f"lighthouse-{page.strip('/').replace('/', '-')}-{run}.json"
                output.unlink(missing_ok=True)
                runs.append(summary(lighthouse(url, cookies[PAGES[page]], output)))
            median = statistics.median_low(result["performance"] for result in runs)
            shown = next(result for result in runs if result["performance"] == median)
            print(
                f"{page:8} {shown['performance']:4} {shown['accessibility']:4} {shown['best-practices']:4} "
                f"{shown['FCP'] / 1000:6.1f}s {shown['LCP'] / 1000:6.1f}s {shown['TBT']:4.0f}ms "
                f"{shown['js_kib']:7.0f}KiB {drawn:6.0f}KiB",
                flush=True,
            )
            for problem in shown["failing"]:
                print(f"    {problem}")
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
