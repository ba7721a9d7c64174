"""Waitlists: first come, first served; promotion on a freed seat; exact under concurrent requests."""
import pytest

from application.courses.models import Course
from application.enrollment import services, waitlist
from application.enrollment.models import Enrollment, WaitlistEntry
from application.notices.models import Notice
from tests.api_support import ApiActions
from tests.concurrency import released_together
from tests.conftest import PASSWORD


def _signed_in(app, users):
    clients = []
    for user in users:
        client = app.test_client()
        client.post("/login", data={"email": user.email, "password": PASSWORD})
        clients.append(client)
    return clients


def _line(course_id):
    """Return the user_ids waiting for a course, first in line first."""
    return [entry.user_id for entry in WaitlistEntry.objects(courseID=course_id).order_by("seq")]


def _consistent(course_id):
    course = Course.objects.get(courseID=course_id)
    enrolled = {e.user_id for e in Enrollment.objects(courseID=course_id)}
    assert course.enrolled == len(enrolled) <= course.capacity
    assert course.waiting == len(_line(course_id)) and not enrolled & set(_line(course_id))


@pytest.fixture
def ctx(app):
    """An app context for direct service calls."""
    with app.app_context():
        yield


def test_joining_a_full_course_gives_a_place_in_line(client, make, student):
    make.enroll(make.user(), make.course("TINY", capacity=1))
    html = client.post("/waitlist", data={"courseID": "TINY"}, follow_redirects=True).get_data(as_text=True)
    assert "You are on the waitlist of TINY, 1st in line." in html and "1st in line" in html
    assert _line("TINY") == [student.user_id]
    _consistent("TINY")


def test_joining_when_a_seat_is_free_enrolls_at_once(client, make, student):
    make.course("OPEN", capacity=3)
    html = client.post("/waitlist", data={"courseID": "OPEN"}, follow_redirects=True).get_data(as_text=True)
    assert "A seat was free: you are enrolled in OPEN." in html and _line("OPEN") == []


def test_a_newcomer_never_takes_a_seat_before_the_line(ctx, make):
    course = make.course("TINY", capacity=1)
    holder, waiting, newcomer = make.user(), make.user(), make.user()
    make.enroll(holder, course)
    assert services.join_waitlist(waiting, "TINY").code == "waitlisted"
    Course.objects(courseID="TINY").update(inc__capacity=1)  # a seat appears (a staff change, say)
    with pytest.raises(Exception) as refused:
        services.enroll(newcomer, "TINY")
    assert refused.value.code == "full"
    assert waitlist.promote("TINY") == [waiting.user_id]
    _consistent("TINY")


def test_a_drop_promotes_the_first_in_line_who_is_told_at_the_next_page(app, make):
    course = make.course("TINY", capacity=1)
    holder, first, second = (make.user(email=f"{n}@example.edu") for n in ("holder", "first", "second"))
    make.enroll(holder, course)
    with app.app_context():
        services.join_waitlist(first, "TINY")
        services.join_waitlist(second, "TINY")
        assert [row["position"] for row in services.my_waitlist(second)] == [2]
        services.drop(holder, "TINY")
    assert Enrollment.objects.holds(first.user_id, "TINY") and _line("TINY") == [second.user_id]
    client = _signed_in(app, [first])[0]
    assert "A seat freed up in TINY: you are now enrolled." in client.get("/courses/").get_data(as_text=True)
    assert "A seat freed up in TINY" not in client.get("/courses/").get_data(as_text=True)
    _consistent("TINY")


def test_a_student_whose_rules_now_fail_is_skipped_and_told_why(app, make):
    meets = [{"days": ["Mon"], "start": "09:00", "end": "10:00"}]
    course = make.course("TINY", capacity=1, meetings=meets)
    holder, first, second = make.user(), make.user(), make.user()
    make.enroll(holder, course)
    with app.app_context():
        services.join_waitlist(first, "TINY")
        services.join_waitlist(second, "TINY")
        services.enroll(first, make.course("CLASH", meetings=meets).courseID)
        services.drop(holder, "TINY")
    assert Enrollment.objects.holds(second.user_id, "TINY") and not Enrollment.objects.holds(first.user_id, "TINY")
    skipped = Notice.objects.get(user_id=first.user_id)
    assert skipped.kind == "skipped" and "at the same time as CLASH" in skipped.message
    _consistent("TINY")


def test_a_student_is_never_both_enrolled_and_waiting(ctx, make):
    course = make.course("TINY", capacity=1)
    student = make.user()
    make.enroll(make.user(), course)
    services.join_waitlist(student, "TINY")
    for service in (services.enroll, services.join_waitlist):
        with pytest.raises(Exception) as refused:
            service(student, "TINY")
        assert refused.value.code == "already_waiting" and "1st in line" in refused.value.message
    other = make.course("OTHER", capacity=5)
    services.enroll(student, other.courseID)
    with pytest.raises(Exception) as refused:
        services.join_waitlist(student, "OTHER")
    assert refused.value.code == "already_enrolled"


def test_leaving_the_line(client, make, student):
    make.enroll(make.user(), make.course("TINY", capacity=1))
    client.post("/waitlist", data={"courseID": "TINY"})
    html = client.post("/waitlist/leave", data={"courseID": "TINY"}, follow_redirects=True).get_data(as_text=True)
    assert "You left the waitlist of TINY." in html and _line("TINY") == []
    html = client.post("/waitlist/leave", data={"courseID": "TINY"}, follow_redirects=True).get_data(as_text=True)
    assert "You are not on the waitlist of TINY." in html
    _consistent("TINY")


def test_my_enrollments_lists_the_lines_with_places(client, make, student):
    make.enroll(make.user(), make.course("TINY", capacity=1, title="Tiny Seminar"))
    client.post("/waitlist", data={"courseID": "TINY"})
    html = client.get("/enrollment").get_data(as_text=True)
    assert "Waitlists" in html and "Tiny Seminar" in html and "1st in line" in html and ">Leave waitlist<" in html


def test_thirty_students_race_for_five_seats_then_three_drop_at_once(app, make):
    make.course("RACE", capacity=5)
    students = [make.user(email=f"racer{i}@example.edu") for i in range(30)]
    clients = _signed_in(app, students)
    codes = released_together(30, lambda i: clients[i].post("/waitlist", data={"courseID": "RACE"}).status_code)
    assert codes == [302] * 30
    seated = {e.user_id for e in Enrollment.objects(courseID="RACE")}
    line = _line("RACE")
    assert len(seated) == 5 and len(line) == 25 and not seated & set(line)
    with app.app_context():
        places = {row.user_id: waitlist.place_in_line(row.user_id, "RACE") for row in WaitlistEntry.objects}
    assert sorted(places.values()) == list(range(1, 26))
    assert [places[user_id] for user_id in line] == list(range(1, 26))  # places follow the order of arrival
    _consistent("RACE")
    by_id = {s.user_id: clients[i] for i, s in enumerate(students)}
    dropping = sorted(seated)[:3]
    released_together(3, lambda i: by_id[dropping[i]].post("/enrollment/drop", data={"courseID": "RACE"}))
    now_seated = {e.user_id for e in Enrollment.objects(courseID="RACE")}
    assert now_seated == (seated - set(dropping)) | set(line[:3])
    assert _line("RACE") == line[3:]
    _consistent("RACE")


def test_the_same_race_through_the_api(app, make):
    make.course("RACE", capacity=5)
    students = [make.user(email=f"apiracer{i}@example.edu") for i in range(30)]
    api = ApiActions(app.test_client())
    tokens = [api.token(student) for student in students]
    answers = released_together(30, lambda i: ApiActions(app.test_client()).post(
        "/api/v1/me/waitlist", tokens[i], json={"courseID": "RACE"}).get_json()["outcome"])
    assert answers.count("enrolled") == 5 and answers.count("waitlisted") == 25
    line = _line("RACE")
    seated = sorted(e.user_id for e in Enrollment.objects(courseID="RACE"))
    by_id = {s.user_id: tokens[i] for i, s in enumerate(students)}
    codes = released_together(3, lambda i: ApiActions(app.test_client()).call(
        "DELETE", "/api/v1/me/enrollments/RACE", by_id[seated[i]]).status_code)
    assert codes == [204] * 3
    assert set(line[:3]) <= {e.user_id for e in Enrollment.objects(courseID="RACE")} and _line("RACE") == line[3:]
    _consistent("RACE")
    mine = ApiActions(app.test_client()).get("/api/v1/me/waitlist", by_id[line[3]]).get_json()
    assert mine["items"][0]["courseID"] == "RACE" and mine["items"][0]["position"] == 1


def test_recount_repairs_the_lines(runner, make, app):
    course = make.course("TINY", capacity=2)
    waiting = make.user()
    WaitlistEntry(user_id=waiting.user_id, courseID="TINY", seq=1).save()  # as mongoimport would leave it
    result = runner.invoke(args=["recount"])
    assert "TINY: 1 student enrolled from the waitlist" in result.output
    assert Enrollment.objects.holds(waiting.user_id, "TINY") and _line("TINY") == []
    assert Course.objects.get(courseID=course.courseID).waiting == 0


def test_my_enrollments_shows_the_week(client, make, student):
    mwf = [{"days": ["Mon", "Wed", "Fri"], "start": "09:00", "end": "09:50", "room": "Turing Hall 101"}]
    evening = [{"days": ["Thu"], "start": "18:00", "end": "20:45"}]
    make.enroll(student, make.course("CS101-F26", meetings=mwf))
    make.enroll(student, make.course("ART1-F26", meetings=evening))
    make.enroll(student, make.course("WEB1-F26"))
    html = client.get("/enrollment").get_data(as_text=True)
    # the grid runs from 09:00 (the first meeting) to 21:00 in five-minute rows: 50 minutes span 10 rows
    assert html.count("tt-block tt-from-1 tt-span-10") == 3 and "tt-block tt-from-109 tt-span-33" in html
    assert html.count("tt-hours-12") == 5 and ">20:00</div>" in html and ">21:00</div>" not in html
    assert "Turing Hall 101" in html and "No set meeting times: WEB1-F26" in html
    assert 'href="/static/timetable.css?v=' in html


def test_overlapping_meetings_of_imported_data_sit_side_by_side(client, make, student):
    from application.enrollment.models import Enrollment as Row

    make.course("A-F26", meetings=[{"days": ["Tue"], "start": "14:00", "end": "15:15"}])
    make.course("B-F26", meetings=[{"days": ["Tue"], "start": "14:30", "end": "15:00"}])
    for course_id in ("A-F26", "B-F26"):
        Row(user_id=student.user_id, courseID=course_id).save()  # as an import may hold them
    html = client.get("/enrollment").get_data(as_text=True)
    assert "tt-lanes-2" in html and "tt-lane-1" in html and "tt-lane-2" in html
