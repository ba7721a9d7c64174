"""Creating, editing, archiving and deleting courses: who may, every validation message, capacity and the line."""
import html

import pytest

from application.courses.models import Course
from application.discussion.models import Post
from application.enrollment import services as enrollment
from application.enrollment.models import Enrollment, WaitlistEntry
from application.staff.models import AuditEntry

NEW = {"courseID": "BIO200", "title": "Cells", "description": "Life, small.", "credits": "4", "term": "Fall 2026",
       "capacity": "20", "instructor_id": "", "meetings": "Tue Thu 13:00-14:15 Lab 2", "prerequisites": "BIO101"}


@pytest.fixture
def people(make):
    return {"teacher": make.user(email="teacher@example.edu", role="instructor"),
            "admin": make.user(email="admin@example.edu", role="admin"),
            "student": make.user(email="student@example.edu")}


@pytest.fixture
def course(make, people):
    """CS101, capacity 2, taught by the teacher, with one student enrolled."""
    course = make.course("CS101", capacity=2, instructor_id=people["teacher"].user_id, title="Intro")
    make.enroll(people["student"], course)
    return course


def _text(response):
    return html.unescape(response.get_data(as_text=True))


def _as(auth, people, who):
    assert auth.login(people[who].email).status_code == 302


def _stored(app, course_id="CS101"):
    with app.app_context():
        return Course.objects(courseID=course_id).first()


def _actions(app):
    with app.app_context():
        return [(e.action, e.target, e.before, e.after) for e in AuditEntry.objects.order_by("at", "id")]


def test_admin_creates_a_course_that_shows_in_its_terms_catalog(app, client, auth, people):
    _as(auth, people, "admin")
    form = client.get("/courses/new").get_data(as_text=True)
    assert all(f'name="{name}"' in form for name in NEW)
    response = client.post("/courses/new", data={**NEW, "instructor_id": str(people["teacher"].user_id)})
    assert response.status_code == 302 and response.headers["Location"] == "/course/BIO200"
    stored = _stored(app, "BIO200")
    assert (stored.title, stored.credits, stored.capacity, stored.instructor_id) == ("Cells", 4, 20,
                                                                                     people["teacher"].user_id)
    assert [(m.days, m.start, m.end, m.room) for m in stored.meetings] == [(["Tue", "Thu"], "13:00", "14:15", "Lab 2")]
    assert stored.prerequisites == ["BIO101"]
    assert 'href="/course/BIO200"' in client.get("/courses/Fall%202026").get_data(as_text=True)
    assert _actions(app)[0][:2] == ("course created", "BIO200")


def test_a_course_in_a_new_term_opens_that_terms_catalog(client, auth, people, make):
    make.course("OLD1", term="Fall 2026")
    _as(auth, people, "admin")
    assert client.get("/courses/Spring%202027").status_code == 404
    client.post("/courses/new", data={**NEW, "term": "Spring 2027"})
    catalog = client.get("/courses/Spring%202027")
    assert catalog.status_code == 200 and 'href="/course/BIO200"' in catalog.get_data(as_text=True)


@pytest.mark.parametrize("field,value,message", [
    ("courseID", "bad id!", "letters, digits"), ("courseID", "", "Give the course an ID"),
    ("courseID", "X" * 21, "at most 20 characters"),
    ("title", "", "Give the course a title."), ("title", "   ", "Give the course a title."),
    ("title", "t" * 201, "at most 200 characters"), ("term", "", "Name the term"),
    ("credits", "three", "Must be a whole number."), ("credits", "2.5", "Must be a whole number."),
    ("credits", "-1", "at least 0"), ("credits", "31", "at most 30"),
    ("capacity", "ten", "Must be a whole number."), ("capacity", "", "Must be a whole number."),
    ("capacity", "0", "at least 1"),
    ("meetings", "Mon 9-10", 'Line 1: write days, then start-end, then the room'),
    ("meetings", "Mon 09:00-10:00 A\nFunday 09:00-10:00 B", "Line 2: write days"),
    ("meetings", "Mon 10:00-09:00 Room", "Line 1"),
    ("instructor_id", "999", "there is no user with user_id 999"),
    ("instructor_id", "abc", "Must be a whole number."),
])
def test_create_validation_messages(app, client, auth, people, field, value, message):
    _as(auth, people, "admin")
    response = client.post("/courses/new", data={**NEW, field: value})
    assert response.status_code == 422
    assert message in _text(response), _text(response)[-3000:]
    assert 'aria-invalid="true"' in response.get_data(as_text=True)
    with app.app_context():
        assert Course.objects.count() == 0 and AuditEntry.objects.count() == 0


def test_a_missing_field_is_named(app, client, auth, people):
    _as(auth, people, "admin")
    data = {name: value for name, value in NEW.items() if name not in ("title", "capacity")}
    response = client.post("/courses/new", data=data)
    assert response.status_code == 422 and _text(response).count("is required") >= 2
    assert _stored(app, "BIO200") is None


@pytest.mark.parametrize("who,message", [("student", "is a student: only instructors and administrators teach"),
                                         ("teacher", None), ("admin", None)])
def test_who_may_teach_a_new_course(app, client, auth, people, who, message):
    _as(auth, people, "admin")
    response = client.post("/courses/new", data={**NEW, "instructor_id": str(people[who].user_id)})
    assert response.status_code == (422 if message else 302)
    assert message is None or message in _text(response)
    assert (_stored(app, "BIO200") is None) is bool(message)


def test_duplicate_course_id_is_refused(app, client, auth, people, course):
    _as(auth, people, "admin")
    response = client.post("/courses/new", data={**NEW, "courseID": "CS101"})
    assert response.status_code == 422 and "A course CS101 exists already." in _text(response)
    assert _stored(app).title == "Intro"


def test_the_instructor_edits_only_description_capacity_and_meetings(app, client, auth, people, course):
    _as(auth, people, "teacher")
    form = client.get("/course/CS101/edit").get_data(as_text=True)
    assert 'name="description"' in form and 'name="capacity"' in form and 'name="meetings"' in form
    assert 'name="title"' not in form and 'name="instructor_id"' not in form
    response = client.post("/course/CS101/edit", data={"description": "Updated", "capacity": "5",
                                                       "meetings": "mon wed 09:00-09:50 Room 1",
                                                       "title": "Hijacked", "credits": "30", "instructor_id": "1"})
    assert response.status_code == 302
    stored = _stored(app)
    assert (stored.description, stored.capacity, stored.title, stored.credits) == ("Updated", 5, "Intro", 3)
    assert stored.instructor_id == people["teacher"].user_id and stored.meetings[0].days == ["Mon", "Wed"]


def test_admin_edits_any_field_but_the_course_id(app, client, auth, people, course):
    _as(auth, people, "admin")
    response = client.post("/course/CS101/edit", data={"courseID": "CS999", "title": "Renamed", "credits": "4"})
    assert response.status_code == 302
    stored = _stored(app)
    assert (stored.title, stored.credits) == ("Renamed", 4) and _stored(app, "CS999") is None
    assert ("course edited", "CS101", {"title": "Intro", "credits": 3}, {"title": "Renamed", "credits": 4}) \
        in _actions(app)
    assert client.post("/course/CS101/edit", data={"instructor_id": ""}).status_code == 302
    assert _stored(app).instructor_id is None  # an empty instructor field takes the instructor off


@pytest.mark.parametrize("data,message", [
    ({"title": " ", "description": "New"}, "Give the course a title."),
    ({"title": "Bell\x07", "description": "New"}, "Must not contain control characters."),
    ({"instructor_id": "DEACTIVATED", "description": "New"}, "account is deactivated"),
])
def test_admin_edit_refusals_change_nothing(app, client, auth, make, people, course, data, message):
    gone = make.user(email="gone@example.edu", role="instructor")
    with app.app_context():
        gone.update(set__active=False)
    _as(auth, people, "admin")
    data = {**data, "instructor_id": str(gone.user_id)} if "instructor_id" in data else data
    response = client.post("/course/CS101/edit", data=data)
    assert response.status_code == 422 and message in _text(response)
    stored = _stored(app)
    assert (stored.title, stored.description, stored.instructor_id) == ("Intro", "About CS101",
                                                                         people["teacher"].user_id)


def test_the_api_refuses_fields_the_instructor_may_not_change(app, api, people, course):
    token = api.token(people["teacher"])
    refused = api.patch("/api/v1/courses/CS101", token, json={"title": "Mine now", "description": "x"})
    assert refused.status_code == 403 and "not its title" in refused.get_json()["message"]
    assert (_stored(app).title, _stored(app).description) == ("Intro", "About CS101")
    admin = api.token(people["admin"])
    assert api.patch("/api/v1/courses/CS101", admin, json={"instructor_id": None}).status_code == 200
    assert _stored(app).instructor_id is None


def test_capacity_below_enrollment_changes_nothing(app, client, auth, make, people, course):
    make.enroll(make.user(email="second@example.edu"), course)
    _as(auth, people, "teacher")
    response = client.post("/course/CS101/edit", data={"capacity": "1", "description": "Should not stay"})
    assert response.status_code == 422
    assert "CS101 has 2 students enrolled: the capacity cannot be lower than that." in _text(response)
    stored = _stored(app)
    assert (stored.capacity, stored.description) == (2, "About CS101")
    assert _actions(app) == []


def test_capacity_down_to_enrollment_is_allowed_and_audited(app, client, auth, people, course):
    _as(auth, people, "teacher")
    assert client.post("/course/CS101/edit", data={"capacity": "1"}).status_code == 302
    assert _stored(app).capacity == 1
    assert _actions(app) == [("capacity changed", "CS101", {"capacity": 2}, {"capacity": 1})]


def test_raising_capacity_promotes_the_first_waiting_student(app, client, auth, make, people, course):
    with app.app_context():
        make.enroll(make.user(email="holder@example.edu"), course)
        first, second = make.user(email="first@example.edu"), make.user(email="second@example.edu")
        assert enrollment.join_waitlist(first, "CS101").code == "waitlisted"
        assert enrollment.join_waitlist(second, "CS101").code == "waitlisted"
    _as(auth, people, "teacher")
    assert client.post("/course/CS101/edit", data={"capacity": "3"}).status_code == 302
    with app.app_context():
        assert Enrollment.objects.holds(first.user_id, "CS101")
        assert not Enrollment.objects.holds(second.user_id, "CS101")
        assert [e.user_id for e in WaitlistEntry.objects(courseID="CS101")] == [second.user_id]
        stored = Course.objects.get(courseID="CS101")
        assert (stored.enrolled, stored.waiting, stored.capacity) == (3, 1, 3)


def test_archive_hides_from_catalog_and_refuses_enrollment_then_restore(app, client, auth, make, people, course):
    _as(auth, people, "admin")
    assert client.post("/course/CS101/archive").status_code == 302
    assert _stored(app).archived is True
    client.get("/")  # shows the flash message that names the course
    assert 'href="/course/CS101"' not in client.get("/courses/Fall%202026").get_data(as_text=True)
    assert client.get("/course/CS101").status_code == 200
    newcomer = make.user(email="new@example.edu")
    other = client.application.test_client()
    other.post("/login", data={"email": newcomer.email, "password": "correct-horse-9"})
    refused = other.post("/enrollment", data={"courseID": "CS101"}, follow_redirects=True)
    assert "CS101 is archived: it is no longer offered." in _text(refused)
    with app.app_context():
        assert not Enrollment.objects.holds(newcomer.user_id, "CS101")
        assert Enrollment.objects.holds(people["student"].user_id, "CS101")
    assert client.post("/course/CS101/restore").status_code == 302
    assert 'href="/course/CS101"' in client.get("/courses/Fall%202026").get_data(as_text=True)
    assert [a[0] for a in _actions(app)] == ["course archived", "course restored"]


def test_delete_is_refused_while_students_are_enrolled_or_waiting(app, client, auth, make, people, course):
    with app.app_context():
        make.enroll(make.user(), make.course("FULL1", capacity=1))
        enrollment.join_waitlist(make.user(), "FULL1")
        Enrollment.objects(courseID="FULL1").delete()  # the seat holder's record went away; the line stays
    _as(auth, people, "admin")
    response = client.post("/course/CS101/delete")
    assert response.status_code == 409
    assert "CS101 has students enrolled or waiting: archive it instead." in _text(response)
    assert client.post("/course/FULL1/delete").status_code == 409
    assert _stored(app) is not None and _stored(app, "FULL1") is not None and _actions(app) == []


def test_delete_an_empty_course_with_its_board(app, client, auth, make, people):
    course = make.course("EMPTY1")
    make.post(people["admin"], course)
    _as(auth, people, "admin")
    response = client.post("/course/EMPTY1/delete")
    assert response.status_code == 302 and response.headers["Location"] == "/courses/"
    assert _stored(app, "EMPTY1") is None
    with app.app_context():
        assert Post.objects(courseID="EMPTY1").count() == 0
    assert _actions(app)[0][:2] == ("course deleted", "EMPTY1")
    assert client.get("/course/EMPTY1").status_code == 404
