"""Configuration selection and the production guards."""
import subprocess
import sys
from pathlib import Path

import pytest

from config import ConfigError, DevelopmentConfig, ProductionConfig, config_for, env_int
from tests.conftest import REAL_SERVER

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("name,cls", [("development", DevelopmentConfig), ("production", ProductionConfig),
                                      (" Production ", ProductionConfig)])
def test_config_for(name, cls):
    assert isinstance(config_for(name), cls)


def test_config_for_defaults_to_development(monkeypatch):
    monkeypatch.delenv("APP_ENV", raising=False)
    assert isinstance(config_for(), DevelopmentConfig)


def test_unknown_env_is_refused():
    with pytest.raises(ConfigError, match="APP_ENV must be one of"):
        config_for("staging")


def test_env_int(monkeypatch):
    monkeypatch.setenv("X_NUM", "12")
    assert env_int("X_NUM", 3) == 12
    monkeypatch.setenv("X_NUM", "twelve")
    with pytest.raises(ConfigError, match="X_NUM must be a whole number"):
        env_int("X_NUM", 3)


@pytest.mark.parametrize("missing,message", [("SECRET_KEY", "SECRET_KEY is not set"),
                                             ("MONGO_URI", "MONGO_URI is not set")])
def test_production_requires_secrets(monkeypatch, missing, message):
    monkeypatch.setenv("SECRET_KEY", "s" * 32)
    monkeypatch.setenv("MONGO_URI", "mongodb://127.0.0.1:1/app")
    monkeypatch.delenv(missing)
    with pytest.raises(ConfigError, match=message):
        config_for("production").check()


@pytest.mark.parametrize("missing", ["SECRET_KEY", "MONGO_URI"])
def test_production_process_exits_with_one_line(missing):
    env = {"PATH": "/usr/bin:/bin", "APP_ENV": "production", "SECRET_KEY": "s" * 32,
           "MONGO_URI": "mongodb://127.0.0.1:1/app"}
    del env[missing]
    result = subprocess.run([sys.executable, "-c", "import main"], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {missing} is not set")


@pytest.mark.parametrize("flag,debug", [(None, True), ("1", True), ("0", False), ("off", False)])
def test_flask_debug_turns_developments_debug_mode_off(monkeypatch, flag, debug):
    if flag is None:
        monkeypatch.delenv("FLASK_DEBUG", raising=False)
    else:
        monkeypatch.setenv("FLASK_DEBUG", flag)
    assert DevelopmentConfig().DEBUG is debug


def test_development_has_a_dev_secret(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    assert DevelopmentConfig().SECRET_KEY


@pytest.mark.parametrize("uri,message", [("mongodb://h:1", "no database name"), ("http://x/db", "must start with"),
                                         ("mongodb+srv://u:p@cluster.example.net/", "no database name")])
def test_bad_mongo_uri_is_refused(uri, message):
    from application.database import connection_settings

    with pytest.raises(ConfigError, match=message):
        connection_settings({"MONGO_URI": uri, "MONGO_TIMEOUT_MS": 100})


def test_real_uri_settings_carry_timeouts():
    from application.database import connection_settings

    settings = connection_settings({"MONGO_URI": "mongodb://127.0.0.1:1/app", "MONGO_TIMEOUT_MS": 2000})
    assert settings["host"].endswith("/app") and settings["serverSelectionTimeoutMS"] == 2000


def test_embedded_store_refuses_several_workers(monkeypatch):
    from application import create_app
    from tests.conftest import make_config

    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    with pytest.raises(ConfigError, match="cannot be shared by 3 worker processes"):
        create_app(make_config(MONGO_URI=None))


@pytest.mark.skipif(REAL_SERVER, reason="fills the in-memory store, which a run against a real server does not use")
def test_embedded_default_loads_seed_data(app, caplog):
    from application.accounts.models import User
    from application.courses.models import Course
    from application.embedded import load_seed_data

    app.config["SEED_DATA_DIR"] = str(ROOT / "data")
    with caplog.at_level("WARNING"):
        load_seed_data(app)
    assert Course.objects.count() >= 100 and User.objects.count() >= 500
    assert any("in-memory" in r.getMessage() and "lost on exit" in r.getMessage() for r in caplog.records)


@pytest.mark.skipif(REAL_SERVER, reason="fills the in-memory store, which a run against a real server does not use")
def test_embedded_default_with_broken_seed_data_is_a_clear_error(app, tmp_path):
    from application.embedded import load_seed_data

    (tmp_path / "users.json").write_text('[{"user_id": "1"}]')
    app.config["SEED_DATA_DIR"] = str(tmp_path)
    with pytest.raises(ConfigError, match=r"could not load SEED_DATA_DIR=.*\nusers.json: record 1: user_id"):
        load_seed_data(app)


def test_the_factory_does_not_fill_the_embedded_store(app):
    from application import create_app
    from application.courses.models import Course
    from tests.conftest import make_config

    create_app(make_config(SEED_DATA_DIR=str(ROOT / "data")))
    assert Course.objects.count() == 0


def test_several_apps_share_one_connection(app, make):
    from application import create_app
    from application.courses.models import Course
    from tests.conftest import make_config

    make.course("SHARED")
    other = create_app(make_config(RATELIMIT_ENABLED=True))
    with other.app_context():
        assert Course.objects(courseID="SHARED").count() == 1
    assert other.test_client().get("/course/SHARED").status_code == 200
    assert app.test_client().get("/course/SHARED").status_code == 200


def test_an_app_for_another_database_is_refused_not_swapped_in(app, make):
    from application import create_app
    from application.courses.models import Course
    from tests.conftest import make_config

    make.course("KEEP")
    with pytest.raises(ConfigError, match="already connected to another database"):
        create_app(make_config(MONGO_URI="mongodb://127.0.0.1:1/elsewhere" if not REAL_SERVER else None))
    assert Course.objects(courseID="KEEP").count() == 1
