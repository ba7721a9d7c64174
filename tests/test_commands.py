"""The operator commands as an operator runs them."""
import json
from pathlib import Path

import pytest

from application.accounts.models import User
from application.courses.models import Course
from tests.conftest import REAL_SERVER
from tests.test_seeding import BASE, write

ROOT = Path(__file__).resolve().parent.parent


def test_seed_command_prints_counts_and_is_idempotent(runner, tmp_path):
    data = write(tmp_path / "d", BASE)
    first = runner.invoke(args=["seed", "--data-dir", str(data)])
    assert first.exit_code == 0, first.output
    assert "enrollment" in first.output and "inserted" in first.output
    second = runner.invoke(args=["seed", "--data-dir", str(data), "--mode", "upsert"])
    line = next(row for row in second.output.splitlines() if row.startswith("enrollment"))
    assert line.split()[1:] == ["0", "0", "3", "0"]


def test_seed_command_fails_with_problem_lines(runner, tmp_path):
    data = write(tmp_path / "d", dict(BASE, **{"courses.json": [{"courseID": "CS101", "title": "T", "credits": "3",
                                                                  "term": "Fall 2026", "capacity": 3}]}))
    result = runner.invoke(args=["seed", "--data-dir", str(data)])
    assert result.exit_code == 1
    assert "courses.json: record 1: credits: must be a whole number" in result.output
    assert User.objects.count() == 0


def test_seed_command_options(runner, tmp_path):
    data = write(tmp_path / "d", BASE)
    result = runner.invoke(args=["seed", "--data-dir", str(data), "--only", "user", "--only", "course", "--drop"])
    assert result.exit_code == 0 and User.objects.count() == 3 and Course.objects.count() == 2
    assert runner.invoke(args=["seed", "--mode", "replace"]).exit_code == 2


def test_recount_command(runner, tmp_path, make):
    from application.enrollment.models import Enrollment

    make.course("CS101", capacity=1)
    Enrollment(user_id=1, courseID="CS101").save()
    Enrollment(user_id=2, courseID="CS101").save()
    result = runner.invoke(args=["recount"])
    assert "CS101: 0 -> 2" in result.output and "1 course corrected" in result.output
    assert "holds 2 enrollments but has capacity 1" in result.output


def test_create_indexes_command_is_idempotent(runner):
    for _ in range(2):
        result = runner.invoke(args=["create-indexes"])
        assert result.exit_code == 0
    assert "enrollment: _id_, courseID_1, user_id_1_courseID_1" in result.output


def test_export_command(runner, tmp_path):
    runner.invoke(args=["seed", "--data-dir", str(write(tmp_path / "d", BASE))])
    result = runner.invoke(args=["export", "--out", str(tmp_path / "out")])
    assert "enrollments.json: 3 records" in result.output
    assert len(json.loads((tmp_path / "out" / "users.json").read_text())) == 3


def test_create_user_prompts_for_password(runner):
    result = runner.invoke(args=["create-user", "--email", "Boss@Example.edu", "--first-name", "Bo",
                                 "--last-name", "Ss", "--role", "admin"], input="a-long-password\na-long-password\n")
    assert result.exit_code == 0, result.output
    user = User.objects.get(email="boss@example.edu")
    assert user.role == "admin" and user.check_password("a-long-password")


def test_create_user_refuses_short_password_and_duplicates(runner, make):
    short = runner.invoke(args=["create-user", "--email", "a@example.edu", "--first-name", "A", "--last-name", "B"],
                          input="short\nshort\n")
    assert short.exit_code != 0 and "Password must be 8 to 128 characters" in short.output
    make.user(email="dup@example.edu")
    dup = runner.invoke(args=["create-user", "--email", "dup@example.edu", "--first-name", "A", "--last-name", "B"],
                        input="long-enough\nlong-enough\n")
    assert dup.exit_code != 0 and "already exists" in dup.output
    bad = runner.invoke(args=["create-user", "--email", "nope", "--first-name", "A", "--last-name", "B"],
                        input="long-enough\nlong-enough\n")
    assert bad.exit_code != 0 and "Enter a valid email address" in bad.output


@pytest.mark.skipif(REAL_SERVER, reason="checks the warning given on the in-memory store")
def test_commands_warn_when_working_on_the_in_memory_store(make):
    from application import create_app
    from tests.conftest import make_config

    app = create_app(make_config(TESTING=False))
    result = app.test_cli_runner().invoke(args=["recount"])
    assert "MONGO_URI is not set" in result.output


@pytest.mark.parametrize("config_overrides", [{"ADMIN_EMAIL": "Boss@University.edu", "ADMIN_PASSWORD": "first-admin-1"}])
def test_create_admin_from_the_environment_once(runner, config_overrides):
    first = runner.invoke(args=["create-admin"])
    assert first.exit_code == 0 and "created admin boss@university.edu" in first.output
    again = runner.invoke(args=["create-admin"])
    assert again.exit_code == 0 and "nothing changed" in again.output
    admin = User.objects.get(email="boss@university.edu")
    assert admin.role == "admin" and admin.check_password("first-admin-1") and admin.password != "first-admin-1"


@pytest.mark.parametrize("config_overrides", [{"ADMIN_EMAIL": "taken@example.edu", "ADMIN_PASSWORD": "first-admin-1"}])
def test_create_admin_never_promotes_an_existing_account(runner, make, config_overrides):
    make.user(email="taken@example.edu")
    result = runner.invoke(args=["create-admin"])
    assert result.exit_code != 0 and "is not made an admin" in result.output
    assert User.objects.get(email="taken@example.edu").role == "student"


@pytest.mark.parametrize("config_overrides", [{"ADMIN_EMAIL": "boss@example.edu", "ADMIN_PASSWORD": "short"}])
def test_create_admin_with_a_weak_password_fails_the_release(runner, config_overrides):
    result = runner.invoke(args=["create-admin"])
    assert result.exit_code != 0 and "Password must be 8 to 128 characters" in result.output


def test_create_admin_without_the_variables_does_nothing(runner):
    result = runner.invoke(args=["create-admin"])
    assert result.exit_code == 0 and "no admin account created" in result.output and User.objects.count() == 0


@pytest.mark.real_password_hashing
@pytest.mark.parametrize("config_overrides", [{"ENV_NAME": "production"}])
def test_production_seed_refuses_the_demo_accounts(runner, config_overrides):
    refused = runner.invoke(args=["seed", "--data-dir", str(ROOT / "data"), "--only", "user"])
    assert refused.exit_code == 1 and "has a published demo password" in refused.output
    assert User.objects.count() == 0
    allowed = runner.invoke(args=["seed", "--data-dir", str(ROOT / "data"), "--only", "user", "--allow-demo-users"])
    assert allowed.exit_code == 0 and User.objects.count() > 500


@pytest.mark.parametrize("config_overrides", [{"ENV_NAME": "production"}])
def test_the_deploy_buttons_postdeploy_loads_the_catalog_and_no_account(runner, config_overrides):
    postdeploy = json.loads((ROOT / "app.json").read_text())["scripts"]["postdeploy"].split()
    assert postdeploy[:3] == ["flask", "--app", "main"]
    result = runner.invoke(args=postdeploy[3:])
    assert result.exit_code == 0, result.output
    assert Course.objects.count() >= 100 and User.objects.count() == 0
