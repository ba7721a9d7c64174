"""API account and enrollments: me, my enrollments, enroll, drop, and the seat race through the API."""
import pytest

from application.courses.models import Course
from application.enrollment.models import Enrollment
from tests.api_support import ApiActions, assert_error
from tests.concurrency import released_together

ENROLLMENTS = "/api/v1/me/enrollments"


def test_me_is_the_signed_in_account_without_its_password(make, api):
    user = make.user(email="sam@example.edu", first_name="Sam", last_name="Student")
    body = api.get("/api/v1/me", api.token(user)).get_json()
    assert body.pop("created_at").endswith("+00:00") and body.pop("last_seen").endswith("+00:00")
    assert body == {"user_id": user.user_id, "email": "sam@example.edu", "first_name": "Sam",
                    "last_name": "Student", "role": "student", "about": None, "email_confirmed": True}


@pytest.mark.parametrize("method,path", [("GET", "/api/v1/me"), ("GET", ENROLLMENTS), ("POST", ENROLLMENTS),
                                         ("DELETE", f"{ENROLLMENTS}/CS101")])
def test_account_routes_need_a_token(app, api, method, path):
    assert_error(api.call(method, path, json={"courseID": "CS101"}), 401, "token_missing")


def test_my_enrollments_by_term_then_course_with_credits(make, api):
    user = make.user()
    for course_id, term, credits in [("B200", "Fall 2026", 4), ("A100", "Fall 2026", 3), ("Z900", "Spring 2026", 2)]:
        make.enroll(user, make.course(course_id, term=term, credits=credits))
    make.enroll(make.user(), Course.objects.get(courseID="A100"))
    body = api.get(ENROLLMENTS, api.token(user)).get_json()
    assert [(t["term"], t["credits"], [c["courseID"] for c in t["courses"]]) for t in body["terms"]] == [
        ("Spring 2026", 2, ["Z900"]), ("Fall 2026", 7, ["A100", "B200"])]
    first = body["terms"][0]["courses"][0]
    assert first["title"] == "Course Z900" and first["term"] == "Spring 2026" and first["created_at"]
    assert api.get(ENROLLMENTS, api.token(make.user())).get_json() == {"terms": []}


def test_enroll_then_drop(make, api):
    course = make.course("CS101", capacity=3)
    token = api.token(make.user())
    response = api.post(ENROLLMENTS, token, json={"courseID": "CS101"})
    assert response.status_code == 201
    assert response.get_json() == {"courseID": "CS101", "outcome": "enrolled", "message": "You are enrolled in CS101."}
    assert Course.objects.get(id=course.id).enrolled == 1
    listed = api.get(ENROLLMENTS, token).get_json()["terms"][0]["courses"]
    assert [c["courseID"] for c in listed] == ["CS101"]
    dropped = api.delete(f"{ENROLLMENTS}/CS101", token)
    assert dropped.status_code == 204 and dropped.data == b"" and "Content-Type" not in dropped.headers
    assert Course.objects.get(id=course.id).enrolled == 0 and Enrollment.objects.count() == 0


def test_refusals_carry_the_services_reason(make, api):
    make.course("FULL1", capacity=1)
    make.enroll(make.user(), Course.objects.get(courseID="FULL1"))
    make.course("CS101")
    token = api.token(make.user())
    assert api.post(ENROLLMENTS, token, json={"courseID": "CS101"}).status_code == 201
    body = assert_error(api.post(ENROLLMENTS, token, json={"courseID": "CS101"}), 409, "already_enrolled")
    assert body["message"] == "You are already enrolled in CS101."
    assert_error(api.post(ENROLLMENTS, token, json={"courseID": "FULL1"}), 409, "full")
    assert_error(api.post(ENROLLMENTS, token, json={"courseID": "NOPE1"}), 404, "unknown_course")
    assert_error(api.post(ENROLLMENTS, token, json={"courseID": "not a course"}), 400, "bad_course_id")
    assert_error(api.delete(f"{ENROLLMENTS}/FULL1", token), 404, "not_enrolled")
    assert_error(api.delete(f"{ENROLLMENTS}/bad%20id", token), 404)


def test_staff_do_not_enroll(make, api):
    teacher = make.user(role="instructor")
    make.course("MINE1", instructor_id=teacher.user_id)
    make.course("OTHER")
    token = api.token(teacher)
    assert_error(api.post(ENROLLMENTS, token, json={"courseID": "MINE1"}), 403, "teaching")
    assert_error(api.post(ENROLLMENTS, token, json={"courseID": "OTHER"}), 403, "staff")
    assert_error(api.post(ENROLLMENTS, api.token(make.user(role="admin")), json={"courseID": "OTHER"}), 403, "staff")
    assert Enrollment.objects.count() == 0


@pytest.mark.parametrize("body,fields", [
    ({}, ["courseID"]),
    ({"courseID": {"$gt": ""}}, ["courseID"]),
    ({"courseID": 101}, ["courseID"]),
    ({"courseID": ["CS101"]}, ["courseID"]),
    ({"courseID": "CS101", "user_id": 1}, ["user_id"]),
    ([{"courseID": "CS101"}], ["_schema"]),
    ("CS101", ["_schema"]),
])
def test_hostile_enroll_bodies_are_422_and_write_nothing(make, api, body, fields):
    make.course("CS101")
    assert_error(api.post(ENROLLMENTS, api.token(make.user()), json=body), 422, "invalid", fields)
    assert Enrollment.objects.count() == 0


@pytest.mark.parametrize("data,content_type", [("courseID=CS101", "application/x-www-form-urlencoded"),
                                               ("courseID=CS101", "text/plain"), ("", None)])
def test_enroll_takes_only_json(make, api, data, content_type):
    make.course("CS101")
    response = api.post(ENROLLMENTS, api.token(make.user()), data=data, content_type=content_type)
    assert_error(response, 415, "not_json")


def test_thirty_tokens_race_for_five_seats_and_exactly_five_win(app, make):
    make.course("TINY", capacity=5)
    users = [make.user(email=f"p{i}@example.edu") for i in range(30)]
    callers = [ApiActions(app.test_client()) for _ in users]
    tokens = [caller.token(user) for caller, user in zip(callers, users)]
    responses = released_together(30, lambda i: callers[i].post(ENROLLMENTS, tokens[i], json={"courseID": "TINY"}))
    codes = sorted(r.status_code for r in responses)
    assert codes == [201] * 5 + [409] * 25
    assert {r.get_json()["reason"] for r in responses if r.status_code == 409} == {"full"}
    assert Enrollment.objects(courseID="TINY").count() == 5
    assert Course.objects.get(courseID="TINY").enrolled == 5


def test_ten_parallel_requests_with_one_token_leave_one_enrollment(app, make):
    make.course("CS101", capacity=30)
    user = make.user()
    callers = [ApiActions(app.test_client()) for _ in range(10)]
    token = callers[0].token(user)
    responses = released_together(10, lambda i: callers[i].post(ENROLLMENTS, token, json={"courseID": "CS101"}))
    assert sorted(r.status_code for r in responses) == [201] + [409] * 9
    assert Enrollment.objects(courseID="CS101").count() == 1 and Course.objects.get(courseID="CS101").enrolled == 1
