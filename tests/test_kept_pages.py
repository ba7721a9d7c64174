"""Kept pages: a page is made once per distinct basis (what it shows, read fresh) and viewer, then looked up."""
import re
import time
from datetime import datetime, timedelta, timezone

import pytest
from flask_wtf.csrf import generate_csrf

from application.courses import services as course_services
from application.courses.models import Term
from application.courses.terms import date_phase
from application.web import courses as course_views, enrollment as enrollment_views
from application.web.requests import kept_page
from tests.conftest import PASSWORD, signed_in_browser

TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


class Renders:
    """Counts the templates a view module renders and the courses the catalog service annotates."""

    def __init__(self, monkeypatch):
        self.pages, self.annotated = 0, 0
        for module in (course_views, enrollment_views):
            monkeypatch.setattr(module, "render_template", self._counted(module.render_template, "pages"))
        monkeypatch.setattr(course_services, "annotate", self._counted(course_services.annotate, "annotated"))

    def _counted(self, real, name):
        def counted(*args, **kwargs):
            setattr(self, name, getattr(self, name) + 1)
            return real(*args, **kwargs)
        return counted


@pytest.fixture
def renders(monkeypatch):
    """Count page renders and course annotations."""
    return Renders(monkeypatch)


@pytest.fixture
def catalog(make):
    """Three Fall 2026 courses of two seats."""
    return [make.course(f"CS10{number}-F26", capacity=2) for number in range(3)]


def _html(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response.get_data(as_text=True)


@pytest.mark.parametrize("path", ["/courses/", "/enrollment"])
def test_a_student_s_page_is_made_once_then_looked_up(client, student, catalog, renders, path):
    _html(client, "/")  # the sign-in message is shown there
    first = _html(client, path)
    made = (renders.pages, renders.annotated)
    assert _html(client, path) == first
    assert (renders.pages, renders.annotated) == made and made[0] == 1


def test_a_visitor_s_catalog_is_made_once_and_keeps_its_etag(client, catalog, renders):
    first = client.get("/courses/")
    again = client.get("/courses/", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and renders.pages == 1 and renders.annotated == len(catalog)


@pytest.mark.parametrize("change,shown", [
    ("seat", "1 of 2 seats left"),
    ("enroll", ">Drop</button>"),
    ("name", "Samuel"),
    ("edit", "Renamed by the registrar"),
])
def test_anything_the_page_shows_makes_it_again(app, client, make, student, catalog, renders, change, shown):
    assert shown not in _html(client, "/courses/")
    if change == "seat":
        make.enroll(make.user(), catalog[0])
    elif change == "enroll":
        make.enroll(student, catalog[0])
    elif change == "name":
        assert client.post("/profile/edit", data={"first_name": "Samuel", "last_name": "Student"}).status_code == 302
    else:
        admin = make.user(email="registrar@example.edu", role="admin")
        staff = app.test_client()
        staff.post("/login", data={"email": admin.email, "password": PASSWORD})
        assert staff.post("/course/CS100-F26/edit", data={"title": "Renamed by the registrar"}).status_code == 302
    assert shown in _html(client, "/courses/")


def test_the_page_changes_the_moment_registration_opens(client, make, student, renders, monkeypatch):
    opens = datetime(2026, 11, 27, 9, 0, tzinfo=timezone.utc)
    now = [opens - timedelta(seconds=1)]
    monkeypatch.setattr("application.core.clock.utcnow", lambda: now[0])
    Term(name="Spring 2027", starts=opens + timedelta(days=60), ends=opens + timedelta(days=150),
         registration_opens=opens, registration_closes=opens + timedelta(days=20),
         drop_deadline=opens + timedelta(days=70)).save()
    make.course("CS101-S27", term="Spring 2027")
    _html(client, "/")  # the sign-in message is shown there
    assert "Registration for Spring 2027 opens on" in _html(client, "/courses/")
    assert "Registration for Spring 2027 opens on" in _html(client, "/courses/") and renders.pages == 1
    now[0] = opens
    html = _html(client, "/courses/")
    assert "opens on" not in html and ">Enroll</button>" in html


def test_the_date_phase_counts_the_dates_passed(app, make):
    day = datetime(2027, 1, 10, tzinfo=timezone.utc)
    Term(name="Spring 2027", starts=day, ends=day + timedelta(days=90), registration_opens=day - timedelta(days=30),
         registration_closes=day + timedelta(days=7), drop_deadline=day + timedelta(days=14)).save()
    with app.test_request_context():
        assert [date_phase(day + timedelta(days=offset)) for offset in (-31, -30, 0, 7, 13, 14, 100)] == \
            [0, 1, 1, 2, 2, 3, 3]


def test_a_page_with_a_message_is_made_for_that_view_only(client, student, catalog, renders):
    _html(client, "/courses/")
    assert client.post("/enrollment", data={"courseID": "CS100-F26"}).status_code == 302
    assert "You are enrolled in CS100-F26." in _html(client, "/enrollment")
    assert "You are enrolled in CS100-F26." not in _html(client, "/enrollment")


def test_a_page_holding_a_real_token_is_never_kept(app):
    made = []

    def render(text):
        made.append(text)
        return text

    with app.test_request_context("/somewhere"):
        kept_page(("same",), lambda: render(f"<input value='{generate_csrf()}'>"))
    with app.test_request_context("/somewhere"):
        kept_page(("same",), lambda: render(f"<input value='{generate_csrf()}'>"))
        kept_page(("plain",), lambda: render("<p>plain</p>"))
    with app.test_request_context("/somewhere"):
        kept_page(("plain",), lambda: render("<p>plain</p>"))
    assert len(made) == 3


def test_debug_mode_makes_every_page(app, client, catalog, renders):
    app.debug = True
    _html(client, "/courses/")
    _html(client, "/courses/")
    assert renders.pages == 2




@pytest.mark.parametrize("path", ["/courses/", "/enrollment"])
def test_two_browsers_of_one_student_each_get_their_own_token(csrf_app, make, catalog, path):
    student = make.user(email="sam@example.edu")
    make.enroll(student, catalog[1])
    laptop, phone = signed_in_browser(csrf_app, student.email), signed_in_browser(csrf_app, student.email)
    laptop_token = TOKEN.search(_html(laptop, path)).group(1)
    phone_token = TOKEN.search(_html(phone, path)).group(1)
    assert laptop_token != phone_token
    assert laptop.post("/enrollment/drop", data={"courseID": "CS101-F26", "csrf_token": phone_token}).status_code == 400
    assert phone.post("/enrollment/drop", data={"courseID": "CS101-F26", "csrf_token": phone_token}).status_code == 302


def test_a_page_s_token_is_signed_once_a_minute_and_stays_valid(csrf_app, make, catalog, clock, monkeypatch):
    student = make.user(email="sam@example.edu")
    browser = signed_in_browser(csrf_app, student.email)
    first, again = (TOKEN.search(_html(browser, "/courses/")).group(1) for _ in range(2))
    assert first == again
    real = time.monotonic
    monkeypatch.setattr("application.web.templating.time.monotonic", lambda: real() + 61)
    clock.travel(timedelta(seconds=61))
    later = TOKEN.search(_html(browser, "/enrollment")).group(1)
    assert later != first
    assert browser.post("/enrollment", data={"courseID": "CS100-F26", "csrf_token": first}).status_code == 302
    assert browser.post("/enrollment", data={"courseID": "CS102-F26", "csrf_token": later}).status_code == 302
