"""Kept fragments: shared by every viewer who sees the same thing, each form with the viewer's own CSRF token."""
import re
from datetime import datetime, timedelta, timezone

from application.courses.models import Term
from application.enrollment.models import Enrollment
from application.web.templating import TOKEN_HOLE
from tests.conftest import PASSWORD, signed_in_browser

TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')




def _form_tokens(html):
    return set(TOKEN.findall(html))


def test_two_students_see_the_same_cards_each_with_their_own_token(csrf_app, make):
    for number in range(3):
        make.course(f"CS10{number}-F26")
    make.user(email="ann@example.edu")
    make.user(email="ben@example.edu")
    ann, ben = signed_in_browser(csrf_app, "ann@example.edu"), signed_in_browser(csrf_app, "ben@example.edu")
    ann_page, ben_page = ann.get("/courses/").get_data(as_text=True), ben.get("/courses/").get_data(as_text=True)
    assert TOKEN_HOLE not in ann_page and TOKEN_HOLE not in ben_page
    assert len(_form_tokens(ann_page)) == 1 and len(_form_tokens(ben_page)) == 1
    assert _form_tokens(ann_page) != _form_tokens(ben_page)
    assert ann_page.count('name="courseID" value="CS10') == 3 == ben_page.count('name="courseID" value="CS10')
    ben_token = _form_tokens(ben_page).pop()
    assert ben.post("/enrollment", data={"courseID": "CS101-F26", "csrf_token": ben_token}).status_code == 302
    assert ann.post("/enrollment", data={"courseID": "CS102-F26", "csrf_token": ben_token}).status_code == 400
    ann_token = _form_tokens(ann.get("/courses/").get_data(as_text=True)).pop()
    assert ann.post("/enrollment", data={"courseID": "CS102-F26", "csrf_token": ann_token}).status_code == 302
    assert sorted(e.courseID for e in Enrollment.objects) == ["CS101-F26", "CS102-F26"]


def test_the_kept_card_changes_with_what_it_shows(client, make, auth):
    course = make.course("CS101-F26", capacity=3)
    student = make.user(email="sam@example.edu")
    auth.login(student.email)
    assert "3 of 3 seats left" in client.get("/courses/").get_data(as_text=True)
    make.enroll(make.user(), course)
    html = client.get("/courses/").get_data(as_text=True)
    assert "2 of 3 seats left" in html and "Enroll" in html
    client.post("/enrollment", data={"courseID": "CS101-F26"})
    html = client.get("/courses/").get_data(as_text=True)
    assert "1 of 3 seats left" in html and ">Drop<" in html


def test_the_navigation_is_kept_per_viewer(app, make):
    make.course("CS101-F26")
    for email, first in (("ann@example.edu", "Annabel"), ("ben@example.edu", "Benedict")):
        make.user(email=email, first_name=first)
    pages = {}
    for email in ("ann@example.edu", "ben@example.edu"):
        client = app.test_client()
        client.post("/login", data={"email": email, "password": PASSWORD})
        pages[email] = client.get("/courses/").get_data(as_text=True)
    assert "Annabel" in pages["ann@example.edu"] and "Benedict" not in pages["ann@example.edu"]
    assert "Benedict" in pages["ben@example.edu"] and "Annabel" not in pages["ben@example.edu"]


def test_a_new_term_window_shows_on_the_next_page(client, make, auth, monkeypatch):
    now = datetime(2026, 11, 24, 12, 0, tzinfo=timezone.utc)
    monkeypatch.setattr("application.core.clock.utcnow", lambda: now)
    term = Term(name="Spring 2027", starts=now + timedelta(days=60), ends=now + timedelta(days=150),
                registration_opens=now + timedelta(days=3), registration_closes=now + timedelta(days=20),
                drop_deadline=now + timedelta(days=70)).save()
    make.course("CS101-S27", term="Spring 2027")
    auth.login(make.user(email="sam@example.edu").email)
    assert "Registration for Spring 2027 opens on Nov 27, 2026" in client.get("/courses/").get_data(as_text=True)
    term.registration_opens = now - timedelta(days=1)
    term.save()
    html = client.get("/courses/").get_data(as_text=True)
    assert "opens on" not in html and ">Enroll<" in html


def test_page_links_keep_the_search_and_change_with_the_page(client, make):
    for number in range(30):
        make.course(f"CS{number:03d}-F26")
    first = client.get("/courses/Fall 2026?q=CS").get_data(as_text=True)
    assert 'href="/courses/Fall%202026?q=CS&amp;page=2"' in first and 'aria-current="page">1<' in first
    second = client.get("/courses/Fall 2026?q=CS&page=2").get_data(as_text=True)
    assert 'aria-current="page">2<' in second and 'href="/courses/Fall%202026?q=CS"' in second
