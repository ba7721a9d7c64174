"""Account administration: search, roles, deactivation (sessions and tokens end, records stay) and the audit log."""
import html
import re

import pytest

from application.accounts.models import User
from application.courses.models import Course
from application.enrollment.models import Enrollment
from application.staff.models import AuditEntry
from tests.conftest import PASSWORD

DEACTIVATED = "This account is deactivated. Ask the help contact to restore it."


@pytest.fixture
def config_overrides():
    """Two rows a page for the accounts list and the audit log."""
    return {"ROSTER_PER_PAGE": 2}


@pytest.fixture
def people(make):
    """An admin, a second admin and a student (enrolled in CS101); names sort as Admin, Boss, Zulu."""
    people = {"admin": make.user(email="admin@example.edu", role="admin", first_name="Ada", last_name="Admin"),
              "boss": make.user(email="boss@example.edu", role="admin", first_name="Bo", last_name="Boss"),
              "zed": make.user(email="zed@school.example.org", first_name="Zed", last_name="Zulu")}
    make.enroll(people["zed"], make.course("CS101"))
    return people


def _client(app, email, **extra):
    client = app.test_client()
    response = client.post("/login", data={"email": email, "password": PASSWORD, **extra})
    assert response.status_code == 302, response.get_data(as_text=True)
    return client


def _names(response):
    return re.findall(r'<a href="/user/\d+">([^<]+)</a>\s*<span class="text-muted', response.get_data(as_text=True))


def _text(response):
    return html.unescape(response.get_data(as_text=True))


@pytest.mark.parametrize("query,expected", [
    ("", ["Ada Admin", "Bo Boss"]), ("zul", ["Zed Zulu"]), ("ZED", ["Zed Zulu"]), ("school.example", ["Zed Zulu"]),
    ("  bo ", ["Bo Boss"]), ("(", []), ("[a-z]", []), ("a.*", []), ("$ne", []),
])
def test_search_accounts_by_name_or_email(app, people, query, expected):
    response = _client(app, "admin@example.edu").get("/admin/users", query_string={"q": query})
    assert response.status_code == 200 and _names(response) == expected
    if not expected:
        assert "No account matches" in _text(response)


def test_accounts_are_paginated_by_last_name(app, people):
    admin = _client(app, "admin@example.edu")
    first = admin.get("/admin/users")
    assert "3 accounts" in _text(first) and 'href="/admin/users?page=2"' in first.get_data(as_text=True)
    assert _names(admin.get("/admin/users?page=2")) == ["Zed Zulu"]
    assert admin.get("/admin/users?page=3").status_code == 404
    assert admin.get("/admin/users?page=0").status_code == 400


def test_admin_page_offers_no_buttons_for_their_own_account(app, people):
    page = _client(app, "admin@example.edu").get("/admin/users").get_data(as_text=True)
    assert f'/admin/users/{people["admin"].user_id}/role' not in page
    assert f'/admin/users/{people["boss"].user_id}/role' in page and "Change role of Bo Boss" in page


def test_role_change_takes_effect_at_once(app, people):
    zed = _client(app, "zed@school.example.org")
    assert zed.get("/teach").status_code == 403
    response = _client(app, "admin@example.edu").post(f"/admin/users/{people['zed'].user_id}/role",
                                                      data={"role": "instructor"}, follow_redirects=True)
    assert "Zed Zulu is now an instructor." in _text(response)
    assert zed.get("/teach").status_code == 200
    assert 'href="/teach"' in zed.get("/").get_data(as_text=True)
    with app.app_context():
        entry = AuditEntry.objects.get()
        assert (entry.actor_id, entry.action, entry.target, entry.before, entry.after) == (
            people["admin"].user_id, "role changed", f"user {people['zed'].user_id}", {"role": "student"},
            {"role": "instructor"})


def test_a_demoted_instructors_course_stays_editable(app, make, people):
    teacher = make.user(email="t@example.edu", role="instructor")
    make.course("ART1", instructor_id=teacher.user_id)
    admin = _client(app, "admin@example.edu")
    assert admin.post(f"/admin/users/{teacher.user_id}/role", data={"role": "student"}).status_code == 302
    assert admin.post("/course/ART1/edit", data={"description": "Still editable"}).status_code == 302
    with app.app_context():
        assert Course.objects.get(courseID="ART1").description == "Still editable"


def test_a_demoted_admin_loses_admin_pages(app, people):
    boss = _client(app, "boss@example.edu")
    assert boss.get("/admin/users").status_code == 200
    _client(app, "admin@example.edu").post(f"/admin/users/{people['boss'].user_id}/role", data={"role": "student"})
    assert boss.get("/admin/users").status_code == 403


@pytest.mark.parametrize("role", ["wizard", "", "Admin", "admin ", "x" * 5000])
def test_bad_role_is_a_400_with_the_choices(app, people, role):
    response = _client(app, "admin@example.edu").post(f"/admin/users/{people['zed'].user_id}/role",
                                                      data={"role": role})
    assert response.status_code == 400
    assert "The role must be one of student, instructor, admin." in _text(response)
    with app.app_context():
        assert User.objects.get(user_id=people["zed"].user_id).role == "student" and AuditEntry.objects.count() == 0


@pytest.mark.parametrize("action,data", [("role", {"role": "student"}), ("deactivate", {})])
def test_an_admin_cannot_change_their_own_account(app, people, action, data):
    admin = _client(app, "admin@example.edu")
    response = admin.post(f"/admin/users/{people['admin'].user_id}/{action}", data=data)
    assert response.status_code == 409 and "do not change their own role or account" in _text(response)
    assert admin.get("/admin/users").status_code == 200


def test_return_to_a_safe_next_page_only(app, people):
    admin = _client(app, "admin@example.edu")
    path = f"/admin/users/{people['zed'].user_id}/role"
    assert admin.post(path, data={"role": "student", "next": "/admin/users?q=zed"}).headers["Location"] \
        == "/admin/users?q=zed"
    assert admin.post(path, data={"role": "student", "next": "https://evil.example/"}).headers["Location"] \
        == "/admin/users"


def test_deactivation_ends_sessions_tokens_and_sign_in_but_keeps_records(app, client, people):
    zed = _client(app, "zed@school.example.org")
    remembered = _client(app, "zed@school.example.org", remember_me="y")
    remember_cookie = remembered.get_cookie("remember_token")
    assert remember_cookie is not None
    tokens = client.post("/api/v1/auth/tokens", json={"email": "zed@school.example.org", "password": PASSWORD})
    access, refresh = tokens.get_json()["access_token"], tokens.get_json()["refresh_token"]
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {access}"}).status_code == 200

    admin = _client(app, "admin@example.edu")
    done = admin.post(f"/admin/users/{people['zed'].user_id}/deactivate", data={"next": "/admin/users?q=zed"},
                      follow_redirects=True)
    assert "Zed Zulu's account is deactivated." in _text(done) and "Deactivated" in _text(done)
    assert "Reactivate Zed Zulu" in _text(done)

    assert zed.get("/enrollment").status_code == 302
    fresh = app.test_client()
    fresh.set_cookie("remember_token", remember_cookie.value)
    assert fresh.get("/enrollment").status_code == 302
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {access}"}).status_code == 401
    assert client.post("/api/v1/auth/refresh", headers={"Authorization": f"Bearer {refresh}"}).status_code == 401
    refused = app.test_client().post("/login", data={"email": "zed@school.example.org", "password": PASSWORD})
    assert refused.status_code == 403 and DEACTIVATED in _text(refused)
    assert 'name="password"' in _text(refused)  # the login form again, with the reason above it
    assert client.post("/api/v1/auth/tokens",
                       json={"email": "zed@school.example.org", "password": PASSWORD}).status_code in (401, 403)
    with app.app_context():
        assert Enrollment.objects(user_id=people["zed"].user_id).count() == 1


def test_reactivation_restores_sign_in_and_enrollments(app, people):
    admin = _client(app, "admin@example.edu")
    admin.post(f"/admin/users/{people['zed'].user_id}/deactivate")
    response = admin.post(f"/admin/users/{people['zed'].user_id}/reactivate", follow_redirects=True)
    assert "Zed Zulu's account is active again." in _text(response)
    zed = _client(app, "zed@school.example.org")
    assert "CS101" in zed.get("/enrollment").get_data(as_text=True)
    with app.app_context():
        log = [(e.action, e.before, e.after) for e in AuditEntry.objects.order_by("at", "id")]
    assert log == [("account deactivated", {"active": True}, {"active": False}),
                   ("account reactivated", {"active": False}, {"active": True})]


def test_deactivating_twice_logs_once(app, people):
    admin = _client(app, "admin@example.edu")
    for _ in range(2):
        assert admin.post(f"/admin/users/{people['zed'].user_id}/deactivate").status_code == 302
    with app.app_context():
        assert AuditEntry.objects.count() == 1


def test_audit_log_lists_actions_newest_first_with_before_and_after(app, people):
    admin = _client(app, "admin@example.edu")
    assert "No staff action yet." in _text(admin.get("/admin/audit"))
    zed = people["zed"].user_id
    admin.post(f"/admin/users/{zed}/role", data={"role": "instructor"})
    admin.post(f"/admin/users/{zed}/deactivate")
    admin.post("/course/CS101/archive")
    page = _text(admin.get("/admin/audit"))
    assert page.index("course archived") < page.index("account deactivated")
    assert "role changed" not in page and "archived: False → archived: True" in page and "Ada Admin" in page
    second = _text(admin.get("/admin/audit?page=2"))
    assert "role changed" in second and f"user {zed}" in second and "role: student → role: instructor" in second
    assert admin.get("/admin/audit?page=3").status_code == 404
