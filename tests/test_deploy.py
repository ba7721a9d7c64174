"""Heroku files, production hardening, and gunicorn running the Procfile's command."""
import json
import os
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import make_config

ROOT = Path(__file__).resolve().parent.parent
DEAD_DB = "mongodb://127.0.0.1:1/enrollment"


def procfile():
    lines = (ROOT / "Procfile").read_text().splitlines()
    return dict(line.split(":", 1) for line in lines if line.strip())


def test_procfile_has_web_and_release():
    entries = procfile()
    assert set(entries) == {"web", "release"}
    assert entries["web"].split()[:2] == ["gunicorn", "main:app"]
    assert "create-indexes" in entries["release"]


def test_app_json_follows_the_schema():
    app = json.loads((ROOT / "app.json").read_text())
    allowed = {"name", "description", "keywords", "website", "repository", "logo", "success_url", "scripts",
               "env", "formation", "image", "addons", "buildpacks", "environments", "stack"}
    assert set(app) <= allowed
    assert 3 <= len(app["name"]) <= 30 and app["description"] and app["repository"].startswith("https://")
    env = app["env"]
    assert env["SECRET_KEY"]["generator"] == "secret" and "value" not in env["SECRET_KEY"]
    assert env["MONGO_URI"]["required"] is True and "mongodb+srv://" in env["MONGO_URI"]["description"]
    assert env["APP_ENV"]["value"] == "production" and env["ADMIN_EMAIL"]["required"] is False
    for entry in env.values():
        assert set(entry) <= {"description", "value", "required", "generator"}
    assert app["buildpacks"] == [{"url": "heroku/python"}]
    assert app["formation"]["web"]["quantity"] == 1
    assert "seed" in app["scripts"]["postdeploy"]
    assert not (ROOT / "runtime.txt").exists()
    assert (ROOT / ".python-version").read_text().strip() == f"{sys.version_info.major}.{sys.version_info.minor}"


@pytest.fixture
def production_app(monkeypatch):
    from application import create_app
    from config import ProductionConfig

    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    monkeypatch.setenv("MONGO_URI", DEAD_DB)
    monkeypatch.setenv("MONGO_TIMEOUT_MS", "300")
    from application import database

    database.disconnect()
    yield create_app(ProductionConfig())
    database.disconnect()


def test_production_security_headers_and_cookies(production_app):
    client = production_app.test_client()
    response = client.get("/login", headers={"X-Forwarded-Proto": "https"}, base_url="https://app.example")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "max-age=31536000" in response.headers["Strict-Transport-Security"]
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    cookie = " ".join(response.headers.getlist("Set-Cookie"))
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_production_ignores_a_forwarded_host(production_app):
    response = production_app.test_client().get(
        "/login", headers={"X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "http"},
        base_url="http://app.example")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("https://app.example/") and "evil" not in response.headers["Location"]


def test_production_trusts_the_routers_client_address(production_app):
    from flask import request

    seen = {}

    @production_app.get("/__address")
    def address():
        seen["addr"] = request.remote_addr
        return "ok"

    production_app.test_client().get("/__address", headers={"X-Forwarded-For": "203.0.113.9",
                                                             "X-Forwarded-Proto": "https"},
                                     base_url="https://app.example", environ_base={"REMOTE_ADDR": "10.1.1.1"})
    assert seen["addr"] == "203.0.113.9"


def test_development_pages_carry_the_same_headers_without_https_rules(client):
    response = client.get("/login")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert "Strict-Transport-Security" not in response.headers
    assert "Secure" not in " ".join(response.headers.getlist("Set-Cookie")).split(";")
    assert response.status_code == 200


def test_the_security_headers_are_sent_once_and_win_over_a_views_own(app):
    @app.get("/__framed")
    def framed():
        return "ok", 200, {"X-Frame-Options": "SAMEORIGIN"}

    response = app.test_client().get("/__framed")
    assert response.headers.getlist("X-Frame-Options") == ["DENY"]
    assert len(response.headers.getlist("Content-Security-Policy")) == 1


def test_production_redirects_http_to_https_but_not_healthz(production_app):
    client = production_app.test_client()
    assert client.get("/login").status_code == 302
    response = client.get("/healthz")
    assert response.status_code == 503 and response.get_json()["status"] == "error"


def test_production_limits_live_in_mongodb(production_app):
    assert production_app.config["RATELIMIT_STORAGE_URI"] == DEAD_DB
    assert production_app.config["RATELIMIT_STORAGE_OPTIONS"]["database_name"] == "enrollment"


def test_production_html_assets_satisfy_the_csp(production_app):
    html = production_app.test_client().get("/login", base_url="https://app.example").get_data(as_text=True)
    assert "<script>" not in html and "style=" not in html and "https://" not in html.split("<footer")[0]


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_port(port, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"nothing listens on port {port} after {seconds}s")


def _wait_for(url, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            return urllib.request.urlopen(url, timeout=5)
        except urllib.error.HTTPError as exc:
            return exc
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"{url} did not answer in {seconds}s")


def test_gunicorn_runs_the_procfile_command():
    port = _free_port()
    env = dict(os.environ, PORT=str(port), APP_ENV="production", SECRET_KEY="s" * 40, MONGO_URI=DEAD_DB,
               WEB_CONCURRENCY="2")
    bindir = Path(sys.executable).parent
    env["PATH"] = f"{bindir}:{env.get('PATH', '')}"
    server = subprocess.Popen(shlex.split(procfile()["web"]), cwd=ROOT, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        _wait_for_port(port, 30)
        started = time.monotonic()
        response = _wait_for(f"http://127.0.0.1:{port}/healthz", 10)
        elapsed = time.monotonic() - started
        print(f"/healthz answered {response.status} in {elapsed:.2f}s")  # a figure, not a timed assertion
        assert response.status == 503
        body = json.loads(response.read())
        assert body["status"] == "error" and body["database"]
        assert server.poll() is None
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        output = server.communicate(timeout=30)[0]
    assert output.count("Booting worker") == 2
    for sign_of_a_dead_worker in ("WORKER TIMEOUT", "exited with code", "Traceback", "was sent SIGKILL"):
        assert sign_of_a_dead_worker not in output


def test_gunicorn_refuses_embedded_store_with_several_workers():
    env = {k: v for k, v in os.environ.items() if k not in ("MONGO_URI",)}
    env.update(PORT=str(_free_port()), APP_ENV="development", WEB_CONCURRENCY="3",
               PATH=f"{Path(sys.executable).parent}:{os.environ.get('PATH', '')}")
    result = subprocess.run(shlex.split(procfile()["web"]), cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode != 0
    assert "set MONGO_URI" in result.stderr + result.stdout


def test_create_indexes_release_command_against_dead_database_fails_fast():
    env = dict(os.environ, APP_ENV="production", SECRET_KEY="s" * 40, MONGO_URI=DEAD_DB, MONGO_TIMEOUT_MS="300")
    result = subprocess.run([sys.executable, "-m", "flask", "--app", "main", "create-indexes"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert result.stderr.strip().splitlines()[-1].startswith("Error: database error: 127.0.0.1:1")
    assert "Traceback" not in result.stderr


def test_no_production_config_with_test_db():
    assert make_config().ENV_NAME == "testing"
