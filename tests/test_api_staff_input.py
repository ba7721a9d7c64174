"""Hostile input on the API's staff routes, sent by an administrator (who passes every permission
check, so the bodies reach the services): a 4xx that names the problem, never a 5xx, never a write."""
import pytest

from application.documents import DOCUMENTS

BODIES = [{"courseID": {"$gt": ""}}, {"title": {"$ne": None}}, {"capacity": "ten"}, {"capacity": 10 ** 30},
          {"capacity": -1}, {"credits": 1.5}, {"meetings": "Mon 09:00"}, {"meetings": [{"days": {"$in": ["Mon"]}}]},
          {"meetings": [{"days": ["Mon"], "start": "10:00", "end": "09:00"}]}, {"instructor_id": "1; drop"},
          {"prerequisites": [{"$where": "1"}]}, {"term": ""}, {"title": "x" * 5000}, {"role": {"$gt": ""}},
          {"role": "root"}, {"active": "yes"}, {"unknown": 1}, [1, 2], "x", 7, None]


@pytest.fixture
def admin_world(make, api):
    """A course with a student and a post, another account, and an administrator's token."""
    admin = make.user(email="boss@example.edu", role="admin")
    student = make.user(email="s@example.edu")
    course = make.course("CS101", capacity=3)
    make.enroll(student, course)
    post = make.post(student, course)
    return {"token": api.token(admin), "post": post, "student": student}


def _snapshot():
    return {doc._get_collection_name(): sorted(map(repr, doc._get_collection().find({}, {"_id": 0})))
            for doc in DOCUMENTS if doc._get_collection_name() != "token_revocation"}


def _writes(world):
    """The staff routes that take a body or change something, as (method, path)."""
    return [("POST", "/api/v1/courses"), ("PATCH", "/api/v1/courses/CS101"),
            ("PATCH", f"/api/v1/admin/users/{world['student'].user_id}")]


@pytest.mark.parametrize("body", BODIES)
@pytest.mark.parametrize("route", range(3))
def test_hostile_bodies_are_refused_and_change_nothing(admin_world, api, route, body):
    method, path = _writes(admin_world)[route]
    before = _snapshot()
    response = api.call(method, path, admin_world["token"], json=body)
    assert 400 <= response.status_code < 500, (path, body, response.status_code, response.get_json())
    assert response.get_json()["message"]
    assert _snapshot() == before


@pytest.mark.parametrize("route", range(3))
@pytest.mark.parametrize("send,status", [
    ({"data": "{\"title\": ", "content_type": "application/json"}, 400),
    ({"data": "title=x", "content_type": "application/x-www-form-urlencoded"}, 415),
    ({"data": "{\"description\": \"" + "x" * (2 * 1024 * 1024) + "\"}", "content_type": "application/json"}, 413),
])
def test_malformed_foreign_and_huge_bodies(admin_world, api, route, send, status):
    method, path = _writes(admin_world)[route]
    before = _snapshot()
    assert api.call(method, path, admin_world["token"], **send).status_code == status
    assert _snapshot() == before


@pytest.mark.parametrize("method,path", [
    ("GET", "/api/v1/courses/NOPE/roster"), ("PATCH", "/api/v1/courses/NOPE"), ("DELETE", "/api/v1/courses/NOPE"),
    ("PUT", "/api/v1/courses/NOPE/archive"), ("PUT", "/api/v1/posts/nothex/pin"),
    ("PUT", "/api/v1/posts/6a1f00000000000000000009/pin"), ("DELETE", "/api/v1/posts/%24ne/pin"),
    ("PATCH", "/api/v1/admin/users/0"), ("PATCH", "/api/v1/admin/users/abc"), ("PATCH", "/api/v1/admin/users/99999"),
    ("GET", "/api/v1/courses/..%2Fadmin/roster"),
])
def test_bad_ids_are_404(admin_world, api, method, path):
    before = _snapshot()
    response = api.call(method, path, admin_world["token"], json={} if method == "PATCH" else None)
    assert response.status_code == 404, (path, response.status_code)
    assert _snapshot() == before


@pytest.mark.parametrize("query", ["q[$gt]=", "q=" + "x" * 5000, "q=%00", "page=0", "page=%C2%B2", "per_page=9"])
def test_hostile_queries_on_staff_lists(admin_world, api, query):
    for path in ("/api/v1/courses/CS101/roster", "/api/v1/admin/users", "/api/v1/admin/audit"):
        response = api.get(f"{path}?{query}", admin_world["token"])
        assert 400 <= response.status_code < 500, (path, query, response.status_code)
