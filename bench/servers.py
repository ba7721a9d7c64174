"""Start and stop gunicorn on 127.0.0.1 with the Procfile's command and gunicorn.conf.py."""
import os
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port():
    """Return a port nobody listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def procfile_web():
    """Return the Procfile's web command as a list."""
    for line in (ROOT / "Procfile").read_text().splitlines():
        if line.startswith("web:"):
            return shlex.split(line.split(":", 1)[1])
    raise SystemExit("the Procfile has no web: line")


@contextmanager
def gunicorn(app_spec=None, data_dir=None, threads=4, log_path=None):
    """Run gunicorn (one worker, `threads` threads, debug off as a deployment runs) on a free port; yield its base
    URL, stop it after."""
    port = free_port()
    command = procfile_web()
    if app_spec:
        command = [word if word != "main:app" else app_spec for word in command]
    env = {k: v for k, v in os.environ.items() if k not in ("MONGO_URI", "APP_ENV")}
    env.update(PORT=str(port), WEB_CONCURRENCY="1", PATH=f"{Path(sys.executable).parent}:{env.get('PATH', '')}",
               GUNICORN_CMD_ARGS=f"--bind 127.0.0.1:{port} --threads {threads} --access-logfile /dev/null",
               REGISTER_RATE_LIMIT="100000 per minute", POST_RATE_LIMIT="100000 per minute",
               LOGIN_FAILURES_PER_ADDRESS="100000 per minute", FLASK_DEBUG="0")
    if data_dir:
        env["SEED_DATA_DIR"] = str(data_dir)
    log = open(log_path or os.devnull, "w")
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                               start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, process, timeout=600)
        yield url
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()


def _wait_until_up(url, process, timeout):
    """Poll until the server answers, or fail when it died or took too long."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server stopped while starting (exit {process.returncode})")
        try:
            urllib.request.urlopen(url + "/", timeout=5)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"the server did not answer within {timeout}s")
