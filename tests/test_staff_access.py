"""Every staff route for every kind of visitor, the staff menus, and hostile requests to staff pages."""
import html
import re
from urllib.parse import unquote

import pytest

from application.accounts.models import User
from application.courses.models import Course
from application.discussion.models import Post
from application.staff.models import AuditEntry

WHO = ("visitor", "student", "other_teacher", "teacher", "admin")


@pytest.fixture
def world(make):
    """CS101 taught by `teacher`, with an enrolled student and a classmate who wrote a post; others by role."""
    people = {
        "student": make.user(email="student@example.edu", first_name="Sam", last_name="Student"),
        "teacher": make.user(email="teacher@example.edu", role="instructor"),
        "other_teacher": make.user(email="other@example.edu", role="instructor"),
        "admin": make.user(email="admin@example.edu", role="admin"),
        "target": make.user(email="target@example.edu", first_name="Tara", last_name="Target"),
    }
    course = make.course("CS101", instructor_id=people["teacher"].user_id)
    make.course("EMPTY1", instructor_id=people["other_teacher"].user_id)
    classmate = make.user(email="classmate@example.edu")
    make.enroll(people["student"], course)
    make.enroll(classmate, course)
    people["post"] = make.post(classmate, course, title="Student question")
    return people


def _sign_in(auth, world, who):
    if who != "visitor":
        response = auth.login(world[who].email)
        assert response.status_code == 302, response.get_data(as_text=True)


def _routes(world):
    """(method, path, form, statuses by who) for every staff route; None: the route is not theirs to use."""
    post, target = world["post"].id, world["target"].user_id
    course_form = {"courseID": "NEW101", "title": "New", "credits": "3", "term": "Fall 2026", "capacity": "5"}
    teacher_only = {"student": 403, "other_teacher": 403, "teacher": "ok", "admin": "ok"}
    admin_only = {"student": 403, "other_teacher": 403, "teacher": 403, "admin": "ok"}
    teachers = {"student": 403, "other_teacher": "ok", "teacher": "ok", "admin": "ok"}
    return [
        ("GET", "/teach", None, teachers),
        ("GET", "/course/CS101/roster", None, teacher_only),
        ("GET", "/course/CS101/roster.csv", None, teacher_only),
        ("GET", "/courses/new", None, admin_only),
        ("POST", "/courses/new", course_form, admin_only),
        ("GET", "/course/CS101/edit", None, teacher_only),
        ("POST", "/course/CS101/edit", {"description": "Changed by staff"}, teacher_only),
        ("POST", "/course/EMPTY1/archive", {}, admin_only),
        ("POST", "/course/EMPTY1/restore", {}, admin_only),
        ("POST", "/course/EMPTY1/delete", {}, admin_only),
        ("POST", f"/post/{post}/pin", {}, teacher_only),
        ("POST", f"/post/{post}/unpin", {}, teacher_only),
        ("POST", f"/post/{post}/delete", {}, teacher_only),
        ("GET", "/admin/users", None, admin_only),
        ("POST", f"/admin/users/{target}/role", {"role": "instructor"}, admin_only),
        ("POST", f"/admin/users/{target}/deactivate", {}, admin_only),
        ("POST", f"/admin/users/{target}/reactivate", {}, admin_only),
        ("GET", "/admin/audit", None, admin_only),
    ]


ROUTE_COUNT = 18


def _snapshot():
    """Everything a staff route could change."""
    courses = [c.to_mongo().to_dict() for c in Course.objects.order_by("courseID")]
    posts = [p.to_mongo().to_dict() for p in Post.objects.order_by("id")]
    users = [(u.user_id, u.role, u.active) for u in User.objects.order_by("user_id")]
    return courses, posts, users, AuditEntry.objects.count()


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize("index", range(ROUTE_COUNT))
def test_every_staff_route_for_every_role(app, client, auth, world, who, index):
    method, path, form, allowed = _routes(world)[index]
    _sign_in(auth, world, who)
    with app.app_context():
        before = _snapshot()
    response = client.open(path, method=method, data=form)
    if who == "visitor":
        assert response.status_code == 302
        assert unquote(response.headers["Location"]).startswith(f"/login?next={path}")
    elif allowed[who] == 403:
        assert response.status_code == 403, (path, who)
    else:
        assert response.status_code == (200 if method == "GET" else 302), (path, who, response.status_code)
    if response.status_code != 302 or method == "GET":
        with app.app_context():
            assert _snapshot() == before, f"{method} {path} by {who} changed something"


def test_route_table_covers_every_staff_endpoint(app, world):
    served = {(method, rule.rule) for rule in app.url_map.iter_rules()
              if rule.endpoint.split(".")[0] in ("staff", "admin") for method in {"GET", "POST"} & rule.methods}
    tested = {(method, path) for method, path, _, _ in _routes(world)}
    assert len(served) == len(tested) - 1 == ROUTE_COUNT - 1  # deleting a post is the posts blueprint's route


def test_refused_pages_explain_why(client, auth, world):
    _sign_in(auth, world, "other_teacher")
    def text(response):
        return html.unescape(response.get_data(as_text=True))

    assert "Only the course's instructor and administrators see its roster." in text(client.get("/course/CS101/roster"))
    assert "instructors edit the courses they teach" in text(client.get("/course/CS101/edit"))
    assert "Only the course's instructor and administrators moderate this board." in \
        text(client.post(f"/post/{world['post'].id}/pin"))


@pytest.mark.parametrize("who,shown,hidden", [
    ("visitor", [], ["Teach", ">Admin<", "New course", "Accounts", "Audit log"]),
    ("student", [], ["Teach", ">Admin<", "New course", "Accounts", "Audit log", "/course/CS101/roster", "Edit course"]),
    ("teacher", ["Teach", "/course/CS101/roster", "Edit course"], [">Admin<", "New course", "Accounts", "Audit log"]),
    ("other_teacher", ["Teach"], ["/course/CS101/roster", "Edit course", "Accounts", ">Admin<"]),
    ("admin", ["Teach", ">Admin<", "New course", "Accounts", "Audit log", "/course/CS101/roster", "Edit course"],
     []),
])
def test_staff_links_only_for_staff(client, auth, world, who, shown, hidden):
    _sign_in(auth, world, who)
    html = client.get("/course/CS101").get_data(as_text=True)
    for text in shown:
        assert text in html, (who, text)
    for text in hidden:
        assert text not in html, (who, text)


def test_a_deactivated_admin_loses_every_power(app, client, auth, world, make):
    _sign_in(auth, world, "admin")
    with app.app_context():
        User.objects(user_id=world["admin"].user_id).update(set__active=False)
    assert client.get("/admin/users").status_code in (302, 403)
    assert client.post("/course/EMPTY1/delete").status_code in (302, 403)
    with app.app_context():
        assert Course.objects(courseID="EMPTY1").count() == 1


@pytest.mark.parametrize("path", ["/courses/new", "/course/CS101/edit", "/course/EMPTY1/archive",
                                  "/admin/users/5/role", "/admin/users/5/deactivate", "/post/{post}/pin"])
def test_json_bodies_are_refused_on_pages(app, client, auth, world, path):
    _sign_in(auth, world, "admin")
    with app.app_context():
        before = _snapshot()
    response = client.post(path.format(post=world["post"].id),
                           json={"role": {"$ne": "student"}, "courseID": {"$gt": ""}, "title": {"$where": "1"}})
    assert response.status_code == 415
    with app.app_context():
        assert _snapshot() == before


@pytest.mark.parametrize("method,path", [
    ("POST", "/post/not-an-object-id/pin"), ("POST", "/post/0123456789abcdef0123456/unpin"),
    ("POST", "/post/0123456789abcdef01234567/pin"), ("POST", "/post/0123456789abcdef01234567/delete"),
    ("GET", "/course/NOPE/roster"), ("GET", "/course/NOPE/roster.csv"), ("GET", "/course/NOPE/edit"),
    ("POST", "/course/NOPE/archive"), ("POST", "/course/NOPE/delete"), ("GET", "/course/$ne/roster"),
    ("POST", "/admin/users/0/role"), ("POST", "/admin/users/abc/deactivate"),
    ("POST", "/admin/users/999999/reactivate"), ("POST", f"/admin/users/{2**53}/role"),
    ("POST", "/admin/users/" + "9" * 40 + "/role"),
])
def test_unknown_or_malformed_ids_are_404(client, auth, world, method, path):
    _sign_in(auth, world, "admin")
    assert client.open(path, method=method, data={"role": "student"}).status_code == 404


@pytest.mark.parametrize("method,path,data", [
    ("GET", "/course/CS101/roster?q=" + "x" * 5000, None),
    ("GET", "/admin/users?q=" + "x" * 5000, None),
    ("GET", "/admin/users?page=" + "9" * 50, None),
    ("GET", "/admin/audit?page=-1", None),
    ("GET", "/course/CS101/roster?page=abc", None),
    ("POST", "/courses/new", {"courseID": "BIG1", "title": "t" * 100_000, "credits": "3", "term": "Fall 2026",
                              "capacity": "9" * 5000}),
    ("POST", "/course/CS101/edit", {"description": "d" * 200_000, "meetings": "Mon " * 20_000}),
    ("POST", "/admin/users/5/role", {"role": "admin" * 20_000}),
])
def test_huge_or_odd_input_is_a_4xx_never_a_500(app, client, auth, world, method, path, data):
    _sign_in(auth, world, "admin")
    with app.app_context():
        before = _snapshot()
    response = client.open(path, method=method, data=data)
    assert 400 <= response.status_code < 500, response.status_code
    with app.app_context():
        assert _snapshot() == before


def test_every_staff_form_needs_its_csrf_token(app, world):
    from application import create_app
    from tests.conftest import PASSWORD, make_config

    csrf_app = create_app(make_config(WTF_CSRF_ENABLED=True))
    client = csrf_app.test_client()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', client.get("/login").get_data(as_text=True))
    client.post("/login", data={"email": "admin@example.edu", "password": PASSWORD, "csrf_token": token[1]})
    with app.app_context():
        before = _snapshot()
    for method, path, form, _ in _routes(world):
        if method == "POST":
            response = client.post(path, data=form)
            assert response.status_code == 400 and "security token" in response.get_data(as_text=True), path
    with app.app_context():
        assert _snapshot() == before
    page = client.get("/admin/users").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)[1]
    target = world["target"].user_id
    assert client.post(f"/admin/users/{target}/role", data={"role": "admin", "csrf_token": token}).status_code == 302


@pytest.mark.parametrize("body", [{"capacity": 2**70}, {"credits": -2**70}, {"instructor_id": 2**64}])
def test_huge_json_numbers_are_refused_not_a_500(app, api, world, body):
    with app.app_context():
        before = _snapshot()
    response = api.patch("/api/v1/courses/CS101", api.token(world["admin"]), json=body)
    assert response.status_code == 422 and "no larger than" in response.get_json()["message"]
    with app.app_context():
        assert _snapshot() == before


@pytest.mark.parametrize("who,granted", [
    ("visitor", set()), ("student", {"ENROLL", "POST"}), ("teacher", {"POST", "TEACH", "MODERATE"}),
    ("admin", {"POST", "TEACH", "MODERATE", "MANAGE_COURSES", "MANAGE_USERS", "ADMIN"}),
])
def test_each_role_holds_its_permissions_and_course_powers(app, world, who, granted):
    from application.accounts.models import Anonymous
    from application.accounts.roles import Permission, oversees

    user = Anonymous() if who == "visitor" else world[who]
    with app.app_context():
        cs101, empty = Course.objects.get(courseID="CS101"), Course.objects.get(courseID="EMPTY1")
    assert {p.name for p in Permission if user.can(p)} == granted
    assert oversees(user, cs101, Permission.TEACH) is (who in ("teacher", "admin"))
    assert oversees(user, empty, Permission.MODERATE) is (who == "admin")
    if who != "visitor":
        user.active = False
        assert not any(user.can(p) for p in Permission) and not oversees(user, cs101, Permission.TEACH)
