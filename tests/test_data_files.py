"""The committed data files are valid mongoimport --jsonArray input and realistic."""
import json
from collections import Counter
from pathlib import Path

import pytest
from werkzeug.security import check_password_hash

from application.seeding.reader import read_file
from application.courses.terms import chronological

DATA = Path(__file__).resolve().parent.parent / "data"
FILES = ["terms.json", "users.json", "courses.json", "enrollments.json", "posts.json"]


@pytest.mark.parametrize("name", FILES)
def test_each_file_is_one_json_array_of_objects(name):
    text = (DATA / name).read_text(encoding="utf-8")
    assert isinstance(json.loads(text), list)
    parsed = read_file(DATA / name)
    assert parsed.shape == "array" and parsed.records


def test_dates_and_ids_use_extended_json():
    post = json.loads((DATA / "posts.json").read_text())[0]
    assert set(post["_id"]) == {"$oid"} and post["created_at"]["$date"].endswith("Z")


def test_demo_set_is_realistic():
    users = read_file(DATA / "users.json").records
    courses = read_file(DATA / "courses.json").records
    enrollments = read_file(DATA / "enrollments.json").records
    assert len(users) >= 500 and len(courses) >= 100 and len(enrollments) >= 2000
    assert len(chronological(c["term"] for c in courses)) >= 3
    capacity = {c["courseID"]: c["capacity"] for c in courses}
    taken = Counter(e["courseID"] for e in enrollments)
    assert all(taken[cid] <= capacity[cid] for cid in taken)
    assert any(taken[cid] == capacity[cid] for cid in taken), "some courses should be full"
    assert min(capacity.values()) <= 5


@pytest.mark.parametrize("email,password", [("admin@example.edu", "admin-pass-2026"),
                                            ("student@example.edu", "student-pass-2026"),
                                            ("ada.lovelace@example.edu", "teach-pass-2026")])
def test_demo_accounts_in_the_readme_log_in(email, password):
    users = {u["email"]: u for u in read_file(DATA / "users.json").records}
    assert check_password_hash(users[email]["password"], password)
    readme = (DATA.parent / "README.md").read_text()
    assert email in readme and password in readme


def test_generator_is_deterministic(tmp_path):
    import subprocess
    import sys

    subprocess.run([sys.executable, str(DATA.parent / "scripts" / "generate_demo_data.py"), "--out", str(tmp_path)],
                   check=True, capture_output=True)
    for name in FILES:
        assert (tmp_path / name).read_text() == (DATA / name).read_text()
