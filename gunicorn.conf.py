"""gunicorn settings (read by gunicorn from the working directory).

gunicorn binds 0.0.0.0:$PORT and reads WEB_CONCURRENCY by itself; this file adds logs on
stdout, timeouts that fit Heroku's 30-second router, a worker tmp dir in memory, and a refusal
to split the in-memory database across several workers.
"""
import os
import sys

accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(L)ss'
timeout = 25
graceful_timeout = 20
keepalive = 5
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
forwarded_allow_ips = "*"
# threads in each worker (gthread): requests wait on MongoDB, so a worker serves several at once
threads = int(os.environ.get("WEB_THREADS", "4"))


def on_starting(server):
    """Stop before forking when several workers would each get their own in-memory database."""
    if not os.environ.get("MONGO_URI") and server.cfg.workers > 1:
        sys.exit(
            f"error: the in-memory database cannot be shared by {server.cfg.workers} workers: "
            "set MONGO_URI to a MongoDB server, or run one worker (WEB_CONCURRENCY=1)"
        )
