"""API staff side: teaching, rosters, course management, pins, accounts and the audit log, under the site's rules."""
import pytest

from application.courses.models import Course
from application.discussion.models import Post
from application.staff.models import AuditEntry
from tests.api_support import assert_error
from tests.conftest import PASSWORD

NEW_COURSE = {"courseID": "BIO200", "title": "Cells", "description": "Life, small.", "credits": 4,
              "term": "Fall 2026", "capacity": 2,
              "meetings": [{"days": ["Tue", "Thu"], "start": "13:00", "end": "14:15", "room": "Lab 2"}]}


@pytest.fixture
def staff(make):
    """A course with its instructor and two students, another instructor, an admin and an outsider student."""
    teacher = make.user(role="instructor", email="t@example.edu")
    course = make.course("CS101", capacity=2, instructor_id=teacher.user_id)
    zoe = make.user(email="zoe@example.edu", first_name="Zoe", last_name="Adams")
    bob = make.user(email="bob@example.edu", first_name="Bob", last_name="Young")
    make.enroll(zoe, course)
    make.enroll(bob, course)
    return {"teacher": teacher, "course": course, "zoe": zoe, "bob": bob,
            "other": make.user(role="instructor", email="o@example.edu"),
            "admin": make.user(role="admin", email="a@example.edu")}


@pytest.mark.parametrize("method,path", [
    ("GET", "/api/v1/teaching"), ("GET", "/api/v1/courses/CS101/roster"), ("POST", "/api/v1/courses"),
    ("PATCH", "/api/v1/courses/CS101"), ("DELETE", "/api/v1/courses/CS101"), ("PUT", "/api/v1/courses/CS101/archive"),
    ("GET", "/api/v1/admin/users"), ("PATCH", "/api/v1/admin/users/1"), ("GET", "/api/v1/admin/audit"),
])
def test_staff_routes_need_a_token_and_a_staff_role(staff, api, method, path):
    assert_error(api.call(method, path, json={}), 401)
    token = api.token(staff["zoe"])
    body = {"title": "x"} if method == "PATCH" and "courses" in path else ({} if method != "POST" else NEW_COURSE)
    assert_error(api.call(method, path, token, json=body), 403)


def test_an_instructor_sees_their_courses_and_roster_by_name(staff, api):
    token = api.token(staff["teacher"])
    terms = api.get("/api/v1/teaching", token).get_json()["terms"]
    assert terms == [{"term": "Fall 2026", "courses": [{"courseID": "CS101", "title": "Course CS101", "credits": 3,
                                                        "capacity": 2, "enrolled": 2, "waiting": 0,
                                                        "archived": False}]}]
    roster = api.get("/api/v1/courses/CS101/roster", token).get_json()
    assert [row["last_name"] for row in roster["items"]] == ["Adams", "Young"]
    assert roster["seats_left"] == 0 and roster["pagination"]["total"] == 2
    assert set(roster["items"][0]) == {"user_id", "last_name", "first_name", "email", "enrolled_at"}
    found = api.get("/api/v1/courses/CS101/roster?q=bo", token).get_json()["items"]
    assert [row["first_name"] for row in found] == ["Bob"]
    assert_error(api.get("/api/v1/courses/CS101/roster", api.token(staff["other"])), 403)
    assert api.get("/api/v1/courses/CS101/roster", api.token(staff["admin"])).status_code == 200


def test_an_admin_creates_a_course_checked_like_a_seed_file(staff, api):
    token = api.token(staff["admin"])
    created = api.post("/api/v1/courses", token, json=NEW_COURSE)
    assert created.status_code == 201, created.get_json()
    assert created.get_json()["seats_left"] == 2 and created.get_json()["meetings"][0]["room"] == "Lab 2"
    catalog = api.get("/api/v1/courses?term=Fall%202026").get_json()
    assert "BIO200" in [c["courseID"] for c in catalog["items"]]
    assert_error(api.post("/api/v1/courses", token, json=NEW_COURSE), 422, fields=("courseID",))
    bad = {**NEW_COURSE, "courseID": "BIO201", "instructor_id": staff["zoe"].user_id,
           "meetings": [{"days": ["Mon"], "start": "10:00", "end": "09:00"}]}
    body = assert_error(api.post("/api/v1/courses", token, json=bad), 422)
    assert {"instructor_id", "meetings"} & set(body["errors"])
    assert Course.objects(courseID="BIO201").count() == 0
    assert_error(api.post("/api/v1/courses", token, json={**NEW_COURSE, "courseID": {"$gt": ""}}), 422)


def test_capacity_never_drops_below_the_enrolled_and_instructors_edit_only_their_fields(staff, api):
    teacher = api.token(staff["teacher"])
    refused = assert_error(api.patch("/api/v1/courses/CS101", teacher, json={"capacity": 1}), 422,
                           fields=("capacity",))
    assert "2 students enrolled" in refused["errors"]["capacity"][0]
    assert Course.objects.get(courseID="CS101").capacity == 2
    changed = api.patch("/api/v1/courses/CS101", teacher, json={"capacity": 5, "description": "New words"})
    assert changed.status_code == 200 and changed.get_json()["seats_left"] == 3
    assert_error(api.patch("/api/v1/courses/CS101", api.token(staff["other"]), json={"capacity": 9}), 403)
    admin = api.token(staff["admin"])
    assert api.patch("/api/v1/courses/CS101", admin, json={"title": "Renamed"}).get_json()["title"] == "Renamed"
    assert [e.action for e in AuditEntry.objects.order_by("at")] == ["course edited", "capacity changed",
                                                                     "course edited"]


def test_archive_restore_and_delete(staff, api, make):
    admin = api.token(staff["admin"])
    make.course("EMPTY1")
    assert api.call("PUT", "/api/v1/courses/CS101/archive", admin).status_code == 204
    assert "CS101" not in [c["courseID"] for c in api.get("/api/v1/courses?term=Fall%202026").get_json()["items"]]
    assert api.delete("/api/v1/courses/CS101/archive", admin).status_code == 204
    assert "CS101" in [c["courseID"] for c in api.get("/api/v1/courses?term=Fall%202026").get_json()["items"]]
    assert_error(api.delete("/api/v1/courses/CS101", admin), 409, "in_use")
    assert api.delete("/api/v1/courses/EMPTY1", admin).status_code == 204
    assert_error(api.delete("/api/v1/courses/EMPTY1", admin), 404)


def test_the_instructor_pins_a_post_first_on_the_board(staff, api, make):
    older = make.post(staff["zoe"], staff["course"], title="older", minutes_ago=9)
    make.post(staff["bob"], staff["course"], title="newer")
    assert_error(api.call("PUT", f"/api/v1/posts/{older.id}/pin", api.token(staff["zoe"])), 403)
    assert api.call("PUT", f"/api/v1/posts/{older.id}/pin", api.token(staff["teacher"])).status_code == 204
    items = api.get("/api/v1/courses/CS101/posts").get_json()["items"]
    assert [(p["title"], p["pinned"]) for p in items] == [("older", True), ("newer", False)]
    assert api.delete(f"/api/v1/posts/{older.id}/pin", api.token(staff["teacher"])).status_code == 204
    assert [p["title"] for p in api.get("/api/v1/courses/CS101/posts").get_json()["items"]] == ["newer", "older"]
    assert Post.objects.count() == 2


def test_admins_find_accounts_change_roles_and_deactivate(staff, api):
    admin = api.token(staff["admin"])
    found = api.get("/api/v1/admin/users?q=young", admin).get_json()
    assert [(u["email"], u["active"]) for u in found["items"]] == [("bob@example.edu", True)]
    bob_token = api.token(staff["bob"])
    path = f"/api/v1/admin/users/{staff['bob'].user_id}"
    assert api.patch(path, admin, json={"role": "instructor"}).get_json()["role"] == "instructor"
    assert_error(api.patch(path, admin, json={"role": "wizard"}), 400, "bad_role")
    assert api.patch(path, admin, json={"active": False}).get_json()["active"] is False
    assert_error(api.get("/api/v1/me", bob_token), 401)
    signed_in = api.client.post("/api/v1/auth/tokens", json={"email": "bob@example.edu", "password": PASSWORD})
    assert signed_in.status_code in (401, 403) and "access_token" not in signed_in.get_json()
    assert api.patch(path, admin, json={"active": True}).get_json()["active"] is True
    assert api.tokens("bob@example.edu")["access_token"]
    assert_error(api.patch(f"/api/v1/admin/users/{staff['admin'].user_id}", admin, json={"role": "student"}), 409,
                 "own_account")
    log = api.get("/api/v1/admin/audit", admin).get_json()["items"]
    assert [e["action"] for e in log] == ["account reactivated", "account deactivated", "role changed"]
    assert log[-1]["before"] == {"role": "student"} and log[-1]["after"] == {"role": "instructor"}
    assert log[0]["actor"]["user_id"] == staff["admin"].user_id
