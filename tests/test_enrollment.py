"""Enroll, drop, my enrollments, and the seat and duplicate guarantees."""
import pytest

from application.courses.models import Course
from application.enrollment.models import Enrollment
from application.enrollment.seats import Outcome, drop, enroll, recount
from tests.concurrency import released_together
from tests.conftest import PASSWORD


def test_enroll_and_drop_through_the_pages(client, make, student):
    make.course("CS101-F26", capacity=3)
    response = client.post("/enrollment", data={"courseID": "CS101-F26"}, follow_redirects=True)
    assert "You are enrolled in CS101-F26." in response.get_data(as_text=True)
    assert Enrollment.objects(user_id=student.user_id).count() == 1
    assert Course.objects.get(courseID="CS101-F26").enrolled == 1
    response = client.post("/enrollment/drop", data={"courseID": "CS101-F26"}, follow_redirects=True)
    assert "You dropped CS101-F26." in response.get_data(as_text=True)
    assert Enrollment.objects.count() == 0 and Course.objects.get(courseID="CS101-F26").enrolled == 0


@pytest.mark.parametrize("setup,course_id,message", [
    ("full", "FULL1", "FULL1 is full: no seats are left."),
    ("none", "GHOST", "There is no course GHOST."),
    ("twice", "CS101-F26", "You are already enrolled in CS101-F26."),
])
def test_enroll_refusals_flash_and_change_nothing(client, make, student, setup, course_id, message):
    if setup == "full":
        make.enroll(make.user(), make.course("FULL1", capacity=1))
    if setup == "twice":
        make.enroll(student, make.course("CS101-F26"))
    before = (Enrollment.objects.count(), [c.enrolled for c in Course.objects])
    response = client.post("/enrollment", data={"courseID": course_id}, follow_redirects=True)
    assert message in response.get_data(as_text=True)
    assert (Enrollment.objects.count(), [c.enrolled for c in Course.objects]) == before


def test_drop_not_enrolled_is_a_message(client, make, student):
    make.course("CS101-F26")
    response = client.post("/enrollment/drop", data={"courseID": "CS101-F26"}, follow_redirects=True)
    assert "You are not enrolled in CS101-F26." in response.get_data(as_text=True)


@pytest.mark.parametrize("data", [{}, {"courseID": ""}, {"courseID": "x" * 21}, {"courseID": "$gt"},
                                  {"courseID": "<script>"}])
def test_enroll_bad_form_is_400(client, student, data):
    assert client.post("/enrollment", data=data).status_code == 400


def test_enroll_returns_to_safe_next(client, make, student):
    make.course("CS101-F26")
    response = client.post("/enrollment", data={"courseID": "CS101-F26", "next": "/courses/?page=1"})
    assert response.headers["Location"] == "/courses/?page=1"
    response = client.post("/enrollment/drop", data={"courseID": "CS101-F26", "next": "//evil.example"})
    assert response.headers["Location"] == "/enrollment"


@pytest.mark.parametrize("method,path", [("get", "/enrollment"), ("post", "/enrollment"),
                                         ("post", "/enrollment/drop"), ("post", "/logout"),
                                         ("post", "/course/CS101/posts"), ("get", "/post/0123456789abcdef01234567/edit"),
                                         ("post", "/post/0123456789abcdef01234567/delete")])
def test_login_required(client, method, path):
    response = getattr(client, method)(path)
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_my_enrollments_sorted_by_term_then_course_with_credits(client, make, student):
    courses = [make.course("ZED-S26", term="Spring 2026", credits=4), make.course("ABC-F26", term="Fall 2026"),
               make.course("BIO-F26", term="Fall 2026", credits=2), make.course("AAA-U26", term="Summer 2026")]
    for course in courses:
        make.enroll(student, course)
    html = client.get("/enrollment").get_data(as_text=True)
    order = [html.index(token) for token in ("Spring 2026", "ZED-S26", "Summer 2026", "AAA-U26", "Fall 2026",
                                             "ABC-F26", "BIO-F26")]
    assert order == sorted(order)
    assert "5 credits" in html and "4 credits" in html and html.count(">Drop</button>") == 4


def test_my_enrollments_empty(client, student):
    assert "You are not enrolled in any course yet" in client.get("/enrollment").get_data(as_text=True)


def test_seats_count_tracks_enrollments(make):
    course = make.course("CS101-F26", capacity=2)
    users = [make.user() for _ in range(3)]
    assert [make.enroll(u, course) for u in users] == [Outcome.ENROLLED, Outcome.ENROLLED, Outcome.FULL]
    assert drop(users[0].user_id, "CS101-F26") is Outcome.DROPPED
    assert drop(users[0].user_id, "CS101-F26") is Outcome.NOT_ENROLLED
    assert enroll(users[2].user_id, "CS101-F26") is Outcome.ENROLLED
    assert Course.objects.get(courseID="CS101-F26").enrolled == Enrollment.objects(courseID="CS101-F26").count() == 2


def test_unique_index_backs_the_duplicate_check(make):
    from mongoengine.errors import NotUniqueError

    course, user = make.course("CS101-F26"), make.user()
    make.enroll(user, course)
    with pytest.raises(NotUniqueError):
        Enrollment(user_id=user.user_id, courseID="CS101-F26").save()


def test_seat_is_given_back_when_the_insert_loses_a_race(make, monkeypatch):
    course, user = make.course("CS101-F26", capacity=5), make.user()
    make.enroll(user, course)
    monkeypatch.setattr("application.enrollment.models.EnrollmentQuerySet.holds", lambda self, *a: False)
    assert enroll(user.user_id, "CS101-F26") is Outcome.ALREADY_ENROLLED
    assert Course.objects.get(courseID="CS101-F26").enrolled == 1


def test_recount_repairs_counts(make):
    course = make.course("CS101-F26", capacity=1)
    Enrollment(user_id=make.user().user_id, courseID="CS101-F26").save()
    Enrollment(user_id=make.user().user_id, courseID="CS101-F26").save()
    changed, over = recount()
    assert changed == [("CS101-F26", 0, 2)] and over == [("CS101-F26", 2, 1)]
    assert Course.objects.get(courseID=course.courseID).enrolled == 2


def test_thirty_parallel_requests_fill_exactly_five_seats(app, make):
    make.course("TINY", capacity=5)
    users = [make.user(email=f"p{i}@example.edu") for i in range(30)]
    clients = []
    for user in users:
        c = app.test_client()
        c.post("/login", data={"email": user.email, "password": PASSWORD})
        clients.append(c)
    results = released_together(30, lambda i: clients[i].post("/enrollment", data={"courseID": "TINY"}).status_code)
    assert results == [302] * 30
    assert Enrollment.objects(courseID="TINY").count() == 5
    assert Course.objects.get(courseID="TINY").enrolled == 5


def test_ten_parallel_requests_by_one_student_leave_one(app, make):
    make.course("CS101-F26", capacity=30)
    user = make.user(email="eager@example.edu")
    clients = []
    for _ in range(10):
        c = app.test_client()
        c.post("/login", data={"email": user.email, "password": PASSWORD})
        clients.append(c)
    released_together(10, lambda i: clients[i].post("/enrollment", data={"courseID": "CS101-F26"}))
    assert Enrollment.objects(user_id=user.user_id).count() == 1
    assert Course.objects.get(courseID="CS101-F26").enrolled == 1


def test_parallel_seat_logic_directly(app, make):
    make.course("TINY", capacity=5)
    users = [make.user() for _ in range(40)]
    outcomes = released_together(40, lambda i: enroll(users[i].user_id, "TINY"))
    assert outcomes.count(Outcome.ENROLLED) == 5 and outcomes.count(Outcome.FULL) == 35


@pytest.mark.real_mongo
def test_seat_guarantees_on_a_real_server(app, make):
    """The same guarantees against MongoDB itself (TEST_MONGO_URI), where writes truly interleave."""
    make.course("REAL", capacity=5)
    users = [make.user() for _ in range(30)]
    outcomes = released_together(30, lambda i: enroll(users[i].user_id, "REAL"))
    assert outcomes.count(Outcome.ENROLLED) == 5
    repeat = released_together(10, lambda i: enroll(users[0].user_id, "REAL"))
    assert Outcome.ENROLLED not in repeat or outcomes[0] is not Outcome.ENROLLED
    assert Enrollment.objects(courseID="REAL").count() == Course.objects.get(courseID="REAL").enrolled == 5


def test_parallel_drops_of_one_enrollment_drop_it_once(app, make):
    course = make.course("CS101-F26", capacity=5)
    user = make.user(email="double@example.edu")
    make.enroll(user, course)
    make.enroll(make.user(), course)
    clients = []
    for _ in range(20):
        c = app.test_client()
        c.post("/login", data={"email": user.email, "password": PASSWORD})
        clients.append(c)
    codes = released_together(20, lambda i: clients[i].post("/enrollment/drop", data={"courseID": "CS101-F26"}).status_code)
    assert codes == [302] * 20
    assert Enrollment.objects(courseID="CS101-F26").count() == Course.objects.get(courseID="CS101-F26").enrolled == 1
