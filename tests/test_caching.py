"""What is cached never shows old seats, old enrollment state or an old staff edit."""
import pytest

from application.core import stamps
from application.core.store import collection_of
from application.courses.models import Course
from application.enrollment import pipelines as enrollment
from application.notices.services import notify
from tests.conftest import PASSWORD


@pytest.fixture
def course(make):
    """A Fall 2026 course of two seats."""
    return make.course("CS101-F26", title="Intro to Programming", capacity=2)


def _html(client, path="/courses/"):
    response = client.get(path)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_a_visitor_sees_a_seat_taken_at_once(client, make, course):
    assert "2 of 2 seats left" in _html(client)
    make.enroll(make.user(), course)
    assert "1 of 2 seats left" in _html(client)


def test_the_student_who_enrolled_sees_it_on_the_next_page(app, make, course):
    student = make.user(email="fresh@example.edu")
    client = app.test_client()
    client.post("/login", data={"email": student.email, "password": PASSWORD})
    assert ">Enroll</button>" in _html(client) and "CS101-F26" not in _html(client, "/enrollment")
    assert client.post("/enrollment", data={"courseID": "CS101-F26"}).status_code == 302
    assert ">Drop</button>" in _html(client) and "1 of 2 seats left" in _html(client)
    assert "CS101-F26" in _html(client, "/enrollment")
    assert client.post("/enrollment/drop", data={"courseID": "CS101-F26"}).status_code == 302
    assert ">Enroll</button>" in _html(client) and "CS101-F26" not in _html(client, "/enrollment")


def test_a_staff_edit_shows_at_once_on_the_next_page(app, make, course, auth):
    admin = make.user(email="registrar@example.edu", role="admin")
    visitor = app.test_client()
    assert "Intro to Programming" in _html(visitor)
    auth.login(admin.email)
    assert auth.client.post("/course/CS101-F26/edit", data={"title": "Programming I"}).status_code == 302
    assert "Programming I" in _html(visitor) and "Intro to Programming" not in _html(visitor)


def test_the_catalog_text_is_kept_under_the_stamp(client, course):
    """A write that bypasses the app (mongoimport) shows once the stamp moves: so the text was kept."""
    _html(client)
    collection_of(Course).update_one({"courseID": "CS101-F26"}, {"$set": {"title": "Renamed outside"}})
    assert "Intro to Programming" in _html(client)
    stamps.touch(stamps.CATALOG)
    assert "Renamed outside" in _html(client)


def test_a_new_course_and_its_term_show_at_once(client, make, course):
    _html(client)
    make.course("NEW1-S27", term="Spring 2027")
    html = _html(client)
    assert "Spring 2027" in html and "NEW1-S27" in html


def test_a_signed_in_page_is_never_taken_from_the_visitors_pages(app, make, course, client):
    _html(client)
    student = make.user(email="sam@example.edu", first_name="Samantha")
    signed_in = app.test_client()
    signed_in.post("/login", data={"email": student.email, "password": PASSWORD})
    assert "Samantha" in _html(signed_in) and "Samantha" not in _html(client)


def test_a_visitor_page_with_a_message_is_rendered_for_that_visit(app, client, course):
    _html(client)
    with client.session_transaction() as session:
        session["_flashes"] = [("info", "A message for this visit")]
    assert "A message for this visit" in _html(client)
    assert "A message for this visit" not in _html(client)


def test_the_schedule_is_kept_only_when_it_matches_what_was_read(app, make, course, monkeypatch):
    student = make.user()
    make.enroll(student, course)
    with app.test_request_context():
        assert [row["courseID"] for row in enrollment.student_schedule(student.user_id)] == ["CS101-F26"]
    built = []
    real = enrollment.student_enrollments

    def changed_meanwhile(user_id, terms):
        built.append(user_id)
        return [] if len(built) == 1 else real(user_id, terms)

    monkeypatch.setattr(enrollment, "student_enrollments", changed_meanwhile)
    make.enroll(student, make.course("CS102-F26"))
    with app.test_request_context():
        assert enrollment.student_schedule(student.user_id) == []  # what the (changed) read gave...
    with app.test_request_context():  # ...was not kept: the next page builds it again
        assert [row["courseID"] for row in enrollment.student_schedule(student.user_id)] == ["CS101-F26", "CS102-F26"]
    assert len(built) == 2


def test_notices_are_asked_for_only_when_some_wait(app, make, student, client, round_trips):
    _html(client, "/enrollment")
    round_trips.reset()
    _html(client, "/enrollment")
    quiet = round_trips.count
    with app.app_context():
        notify(student.user_id, "promoted", "You have a seat in CS101-F26.")
    assert "You have a seat in CS101-F26." in _html(client, "/enrollment")
    assert "You have a seat in CS101-F26." not in _html(client, "/enrollment")
    round_trips.reset()
    _html(client, "/enrollment")
    assert round_trips.count == quiet
