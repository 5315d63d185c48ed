"""gunicorn's settings for production: `gunicorn -c python:portal.gunicorn_conf portal.wsgi:application`.

Threaded workers (gthread): a request that waits (a login hashing its password with argon2, a
slow export, PostgreSQL committing) holds one thread, not one of a handful of processes, so the
evening's autosaves keep flowing beside it. Each thread keeps its own database connection
(CONN_MAX_AGE=60), so PostgreSQL sees at most workers x threads connections (2 x 8 = 16 here).
Every value may be set from the environment; the command line wins over this file.
"""

import gc
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")  # local or internal only: the proxy is in front
worker_class = "gthread"
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))  # one per core
threads = int(os.environ.get("GUNICORN_THREADS", "8"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))  # a worker silent this long is restarted
graceful_timeout = 20
# Longer than the proxy's idle upstream connections (nginx: 60 s), so gunicorn never closes a connection
# the proxy is about to reuse (at 5 s, the deadline evening's autosave every 5 s hit resets). With gthread an
# idle keep-alive connection waits in the poller, not in a thread.
keepalive = 75
max_requests = 5000  # a worker is replaced now and then: a slow leak never grows for weeks
max_requests_jitter = 500
# The application is imported once, by the master, before the workers fork (it opens no connection while
# importing): a worker replaced after max_requests starts in milliseconds instead of importing Django and
# Wagtail again (2.4 s of CPU here, while the other worker serves alone). A new release is therefore a
# restart of the service; a HUP alone would keep the old code.
preload_app = True


def pre_fork(server, worker) -> None:
    # The preloaded application is some 220,000 objects: a full collection in a worker scanned them all,
    # 120 ms with every thread stopped, a p99 for whoever waited. Frozen, they are never scanned again
    # (and their pages stay shared with the master).
    gc.freeze()


# Each worker listens on its own socket (SO_REUSEPORT) and the kernel spreads new connections between them.
# On one shared socket, whichever worker woke first took them: /me/ measured 118-180 req/s in the runs where
# one worker held every connection and the other core idled, 260-350 in the others; with this, 237-353.
reuse_port = True
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108 - heartbeats off a slow disk
