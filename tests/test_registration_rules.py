"""Registration rules at enroll: windows, drop deadlines, time conflicts, credit caps, prerequisites."""
from datetime import datetime, timedelta, timezone

import pytest

from application.courses.models import Term
from application.enrollment.models import Enrollment
from application.enrollment.rules import overlap
from tests.api_support import ApiActions

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=timezone.utc)
MWF9 = [{"days": ["Mon", "Wed", "Fri"], "start": "09:00", "end": "09:50", "room": "Turing Hall 101"}]
TTH930 = [{"days": ["Tue", "Thu"], "start": "09:30", "end": "10:45", "room": "Noether Hall 2"}]
WED930 = [{"days": ["Wed"], "start": "09:30", "end": "11:00"}]


@pytest.fixture(autouse=True)
def frozen_now(monkeypatch):
    """Registration rules read the time from core.clock: freeze it."""
    monkeypatch.setattr("application.core.clock.utcnow", lambda: NOW)


def term(name, opens=-10, closes=10, drop=5, starts=20, ends=120):
    """Save a term whose dates are so many days from NOW."""
    day = lambda n: NOW + timedelta(days=n)  # noqa: E731
    return Term(name=name, starts=day(starts), ends=day(ends), registration_opens=day(opens),
                registration_closes=day(closes), drop_deadline=day(drop)).save()


def _enroll(client, course_id, waitlist=False):
    response = client.post("/waitlist" if waitlist else "/enrollment", data={"courseID": course_id},
                           follow_redirects=True)
    return response.get_data(as_text=True)


@pytest.mark.parametrize("opens,closes,message", [
    (2, 10, "Registration for Spring 2027 opens on Nov 26, 2026 12:00 UTC"),
    (-20, -1, "Registration for Spring 2027 closed on Nov 23, 2026 12:00 UTC."),
])
def test_enrolling_outside_the_window_is_refused_with_its_dates(client, make, student, opens, closes, message):
    term("Spring 2027", opens=opens, closes=closes)
    make.course("CS101-S27", term="Spring 2027")
    assert message in _enroll(client, "CS101-S27")
    assert Enrollment.objects.count() == 0


def test_a_term_without_dates_is_always_open(client, make, student):
    make.course("OLD1", term="Fall 2026")
    assert "You are enrolled in OLD1." in _enroll(client, "OLD1")


def test_dropping_after_the_deadline_is_refused_with_the_date(client, make, student):
    term("Spring 2027", drop=-1)
    make.enroll(student, make.course("CS101-S27", term="Spring 2027"))
    html = client.post("/enrollment/drop", data={"courseID": "CS101-S27"}, follow_redirects=True).get_data(as_text=True)
    assert "The last day to drop CS101-S27 was Nov 23, 2026 12:00 UTC" in html
    assert Enrollment.objects.count() == 1


def test_a_time_conflict_names_the_other_course(client, make, student):
    make.enroll(student, make.course("MATH110-F26", meetings=MWF9))
    make.course("CS101-F26", meetings=WED930)
    html = _enroll(client, "CS101-F26")
    assert "CS101-F26 meets on Wed 09:30-11:00, at the same time as MATH110-F26 (09:00-09:50)." in html
    make.course("ART1-F26", meetings=TTH930)
    assert "You are enrolled in ART1-F26." in _enroll(client, "ART1-F26")


def test_courses_of_other_terms_never_conflict(client, make, student):
    make.enroll(student, make.course("MATH110-S26", term="Spring 2026", meetings=MWF9))
    make.course("CS101-F26", meetings=MWF9)
    assert "You are enrolled in CS101-F26." in _enroll(client, "CS101-F26")


@pytest.mark.parametrize("config_overrides", [{"MAX_CREDITS_PER_TERM": 7}])
def test_the_credit_limit_names_the_limit(client, make, student, config_overrides):
    make.enroll(student, make.course("BIG4-F26", credits=4))
    make.course("MORE4-F26", credits=4)
    assert "MORE4-F26 would bring you to 8 credits in Fall 2026: the limit is 7." in _enroll(client, "MORE4-F26")
    make.course("MORE3-F26", credits=3)
    assert "You are enrolled in MORE3-F26." in _enroll(client, "MORE3-F26")


@pytest.mark.parametrize("earlier,needed,ok", [
    ("CS101-S26", "CS101", True), ("CS101-S26", "CS101-S26", True), ("CS101-S26", "CS10", False),
    (None, "CS101", False),
])
def test_prerequisites_must_be_taken_in_an_earlier_term(client, make, student, earlier, needed, ok):
    if earlier:
        make.enroll(student, make.course(earlier, term="Spring 2026"))
    make.course("CS201-F26", prerequisites=[needed])
    html = _enroll(client, "CS201-F26")
    assert ("You are enrolled in CS201-F26." in html) is ok
    assert (f"CS201-F26 requires {needed}, taken in an earlier term." in html) is not ok


def test_a_prerequisite_taken_in_the_same_term_does_not_count(client, make, student):
    make.enroll(student, make.course("CS101-F26"))
    make.course("CS201-F26", prerequisites=["CS101"])
    assert "CS201-F26 requires CS101, taken in an earlier term." in _enroll(client, "CS201-F26")


def test_term_order_comes_from_the_term_documents(client, make, student):
    term("Winter 2025", starts=-500, ends=-400, opens=-600, closes=-450, drop=-480)
    term("Intersession", starts=-300, ends=-280, opens=-320, closes=-290, drop=-295)
    make.enroll(student, make.course("A-INT", term="Intersession"))
    make.enroll(student, make.course("B-W25", term="Winter 2025"))
    html = client.get("/enrollment").get_data(as_text=True)
    assert html.index("Winter 2025") < html.index("Intersession")


def test_the_catalog_shows_the_rule_before_the_click(client, make, student):
    make.enroll(student, make.course("MATH110-F26", meetings=MWF9))
    make.course("CS101-F26", meetings=WED930)
    make.course("CS201-F26", prerequisites=["CS101"])
    make.course("FREE-F26")
    html = client.get("/courses/").get_data(as_text=True)
    assert "at the same time as MATH110-F26" in html and "CS201-F26 requires CS101" in html
    assert 'aria-label="Enroll in FREE-F26"' in html
    assert 'aria-label="Enroll in CS101-F26"' not in html and 'aria-label="Enroll in CS201-F26"' not in html
    assert "at the same time as MATH110-F26" in client.get("/course/CS101-F26").get_data(as_text=True)


@pytest.mark.parametrize("code", ["window_closed", "time_conflict", "credit_limit", "prerequisite"])
def test_the_api_refuses_with_the_same_codes(client, make, code):
    api = ApiActions(client)
    student = make.user(email="apistudent@example.edu")
    token = api.token(student)
    if code == "window_closed":
        term("Spring 2027", opens=3)
        make.course("TARGET", term="Spring 2027")
    elif code == "time_conflict":
        make.enroll(student, make.course("OTHER", meetings=MWF9))
        make.course("TARGET", meetings=WED930)
    elif code == "credit_limit":
        make.enroll(student, make.course("OTHER", credits=16))
        make.course("TARGET", credits=3)
    else:
        make.course("TARGET", prerequisites=["CS101"])
    response = api.post("/api/v1/me/enrollments", token, json={"courseID": "TARGET"})
    body = response.get_json()
    assert (response.status_code, body["reason"]) == (409, code)
    assert "TARGET" in body["message"] or code == "window_closed"
    catalog = api.get("/api/v1/courses", token, query_string={"term": "Spring 2027" if code == "window_closed"
                                                                   else "Fall 2026"}).get_json()
    target = next(course for course in catalog["items"] if course["courseID"] == "TARGET")
    assert target["action"] == "blocked" and target["hint"] == body["message"]


@pytest.mark.parametrize("a,b,day", [
    ({"days": ["Mon"], "start": "09:00", "end": "10:00"}, {"days": ["Mon"], "start": "10:00", "end": "11:00"}, None),
    ({"days": ["Mon"], "start": "09:00", "end": "10:01"}, {"days": ["Mon"], "start": "10:00", "end": "11:00"}, "Mon"),
    ({"days": ["Mon", "Fri"], "start": "09:00", "end": "10:00"}, {"days": ["Fri"], "start": "08:00", "end": "12:00"},
     "Fri"),
    ({"days": ["Tue"], "start": "09:00", "end": "10:00"}, {"days": ["Thu"], "start": "09:00", "end": "10:00"}, None),
])
def test_overlap(a, b, day):
    assert overlap(a, b) == day and overlap(b, a) == day


def test_my_enrollments_offers_no_drop_after_the_deadline(client, make, student):
    term("Spring 2027", drop=-1)
    make.enroll(student, make.course("CS101-S27", term="Spring 2027"))
    make.enroll(student, make.course("CS101-F26"))
    html = client.get("/enrollment").get_data(as_text=True)
    assert "Drop deadline passed" in html and 'aria-label="Drop CS101-F26"' in html
    assert 'aria-label="Drop CS101-S27"' not in html


def test_the_api_leaves_a_waitlist(client, make):
    api = ApiActions(client)
    holder, waiting = make.user(), make.user(email="waiting@example.edu")
    make.enroll(holder, make.course("TINY", capacity=1))
    token = api.token(waiting)
    assert api.post("/api/v1/me/waitlist", token, json={"courseID": "TINY"}).get_json()["outcome"] == "waitlisted"
    assert api.call("DELETE", "/api/v1/me/waitlist/TINY", token).status_code == 204
    missing = api.call("DELETE", "/api/v1/me/waitlist/TINY", token)
    assert missing.status_code == 404 and missing.get_json()["reason"] == "not_waiting"
    assert api.get("/api/v1/me/waitlist", token).get_json() == {"items": []}
