"""The instructor's Teach page, a course's roster (sorted, searched, paginated) and its CSV download."""
import csv
import html
import io
import re
from datetime import datetime, timezone

import pytest

from application.accounts.models import User
from application.enrollment.models import Enrollment

# (first, last) in the order the roster lists them: last name, then first name
SORTED = [("Al", "Adams"), ("Bea", "Adams"), ("Cy", "Baker"), ("Ada", "Lovelace"), ("Zed", "Young")]
AT = datetime(2026, 8, 20, 9, 30, 5, tzinfo=timezone.utc)


@pytest.fixture
def config_overrides():
    """Two roster rows a page, so a handful of students spans pages."""
    return {"ROSTER_PER_PAGE": 2}


@pytest.fixture
def teacher(make):
    return make.user(email="teacher@example.edu", role="instructor", first_name="Grace", last_name="Hopper")


@pytest.fixture
def course(app, make, teacher):
    """CS101 with the SORTED students enrolled (in another order), and one student of another course."""
    course = make.course("CS101", capacity=30, instructor_id=teacher.user_id)
    other = make.course("MATH1", instructor_id=teacher.user_id, term="Spring 2026")
    for first, last in [SORTED[4], SORTED[2], SORTED[0], SORTED[3], SORTED[1]]:
        user = make.user(email=f"{first.lower()}.{last.lower()}@example.edu", first_name=first, last_name=last)
        make.enroll(user, course)
    make.enroll(make.user(email="elsewhere@example.edu", first_name="Else", last_name="Where"), other)
    with app.app_context():
        Enrollment.objects(courseID="CS101").update(set__created_at=AT)
    return course


def _names(response):
    return re.findall(r'<a href="/user/\d+">([^<]+)</a></td>', html.unescape(response.get_data(as_text=True)))


def _csv(response):
    return list(csv.reader(io.StringIO(response.data.decode("utf-8"), newline="")))


def test_teach_lists_my_courses_by_term_with_seats_and_rosters(client, auth, make, course, teacher):
    make.course("ART9", instructor_id=make.user(email="o@example.edu", role="instructor").user_id)
    auth.login(teacher.email)
    page = client.get("/teach").get_data(as_text=True)
    assert page.index("Spring 2026") < page.index("MATH1") < page.index("Fall 2026") < page.index("CS101")
    assert "5 / 30" in page and "1 / 30" in page
    assert 'href="/course/CS101/roster"' in page and 'href="/course/MATH1/roster"' in page
    assert "ART9" not in page


def test_teach_says_when_there_is_nothing_to_teach(client, auth, make):
    make.user(email="new@example.edu", role="instructor")
    auth.login("new@example.edu")
    assert "You teach no course yet" in client.get("/teach").get_data(as_text=True)


def test_roster_sorted_by_last_then_first_name_across_pages(client, auth, course, teacher):
    auth.login(teacher.email)
    shown = []
    for number in (1, 2, 3):
        response = client.get(f"/course/CS101/roster?page={number}")
        assert response.status_code == 200
        shown += _names(response)
    assert shown == [f"{last}, {first}" for first, last in SORTED]
    assert "Where, Else" not in shown


def test_roster_order_ignores_letter_case(client, auth, app, course, teacher):
    _rename(app, "cy.baker@example.edu", "cy", "de Vries")
    auth.login(teacher.email)
    rows = _csv(client.get("/course/CS101/roster.csv"))
    assert [row[1] for row in rows[1:]] == ["Adams", "Adams", "de Vries", "Lovelace", "Young"]
    assert _names(client.get("/course/CS101/roster?page=2")) == ["de Vries, cy", "Lovelace, Ada"]


def test_roster_rows_show_email_and_enrollment_date(client, auth, course, teacher):
    auth.login(teacher.email)
    page = client.get("/course/CS101/roster").get_data(as_text=True)
    assert "al.adams@example.edu" in page and "Aug 20, 2026" in page
    assert "5 students of 30 seats" in page


@pytest.mark.parametrize("number,expected", [(1, ["Adams, Al", "Adams, Bea"]), (3, ["Young, Zed"])])
def test_roster_pages(client, auth, course, teacher, number, expected):
    auth.login(teacher.email)
    assert _names(client.get(f"/course/CS101/roster?page={number}")) == expected


@pytest.mark.parametrize("page", ["4", "99"])
def test_roster_page_past_the_end_is_404(client, auth, course, teacher, page):
    auth.login(teacher.email)
    response = client.get(f"/course/CS101/roster?page={page}")
    assert response.status_code == 404 and "the list has 3 pages" in response.get_data(as_text=True)


@pytest.mark.parametrize("query,expected", [
    ("adams", ["Adams, Al", "Adams, Bea"]), ("ADA", ["Adams, Al", "Adams, Bea", "Lovelace, Ada"]),
    ("zed", ["Young, Zed"]), ("  young ", ["Young, Zed"]), ("example.edu", []), (".", []), ("a.*", []),
    ("Else", []),
])
def test_roster_search_by_name(client, auth, course, teacher, query, expected):
    auth.login(teacher.email)
    response = client.get("/course/CS101/roster", query_string={"q": query})
    assert response.status_code == 200
    assert _names(response) == expected[:2]
    if not expected:
        assert "Nobody on the roster matches" in html.unescape(response.get_data(as_text=True))


def test_search_results_paginate_on_their_own_total(client, auth, course, teacher):
    auth.login(teacher.email)
    assert 'href="/course/CS101/roster?q=ada&amp;page=2"' in client.get("/course/CS101/roster?q=ada").get_data(
        as_text=True)
    assert _names(client.get("/course/CS101/roster?q=ada&page=2")) == ["Lovelace, Ada"]
    assert client.get("/course/CS101/roster?q=ada&page=3").status_code == 404


def test_empty_roster(client, auth, make, teacher):
    make.course("NEW1", instructor_id=teacher.user_id)
    auth.login(teacher.email)
    response = client.get("/course/NEW1/roster")
    assert response.status_code == 200 and "Nobody is enrolled yet." in response.get_data(as_text=True)
    assert _csv(client.get("/course/NEW1/roster.csv")) == [["user_id", "last_name", "first_name", "email",
                                                            "enrolled_at"]]


def test_csv_download(client, auth, app, course, teacher):
    auth.login(teacher.email)
    response = client.get("/course/CS101/roster.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv" and response.mimetype_params.get("charset", "").lower() == "utf-8"
    assert response.headers["Content-Disposition"] == 'attachment; filename="roster-CS101.csv"'
    assert response.data.startswith(b"user_id,last_name,first_name,email,enrolled_at\r\n")
    rows = _csv(response)
    with app.app_context():
        ids = {u.email: u.user_id for u in User.objects}
    assert rows[1:] == [[str(ids[f"{f.lower()}.{l.lower()}@example.edu"]), l, f, f"{f.lower()}.{l.lower()}@example.edu",
                         "2026-08-20T09:30:05Z"] for f, l in SORTED]


def test_admin_downloads_any_roster(client, auth, make, course):
    make.user(email="admin@example.edu", role="admin")
    auth.login("admin@example.edu")
    assert len(_csv(client.get("/course/CS101/roster.csv"))) == 1 + len(SORTED)


def _rename(app, email, first, last):
    with app.app_context():
        User.objects(email=email).update(set__first_name=first, set__last_name=last)


def test_csv_quotes_commas_quotes_and_newlines(client, auth, app, course, teacher):
    _rename(app, "al.adams@example.edu", 'Al "the Pal"', "Adams, Jr.")
    _rename(app, "zed.young@example.edu", "Zed\nSecond line", "Young")
    auth.login(teacher.email)
    raw = client.get("/course/CS101/roster.csv").data.decode("utf-8")
    assert ',"Adams, Jr.","Al ""the Pal""",' in raw
    assert ',Young,"Zed\nSecond line",' in raw
    rows = _csv(client.get("/course/CS101/roster.csv"))
    by_email = {row[3]: row[1:3] for row in rows}
    assert by_email["al.adams@example.edu"] == ["Adams, Jr.", 'Al "the Pal"']
    assert by_email["zed.young@example.edu"] == ["Young", "Zed\nSecond line"]
    assert len(rows) == 1 + len(SORTED) and all(len(row) == 5 for row in rows)


def test_csv_is_utf8(client, auth, app, course, teacher):
    _rename(app, "cy.baker@example.edu", "Zoë", "Ångström-Łukasiewicz")
    auth.login(teacher.email)
    data = client.get("/course/CS101/roster.csv").data
    assert "Ångström-Łukasiewicz,Zoë".encode("utf-8") in data


@pytest.mark.parametrize("name", ["=HYPERLINK(\"http://evil\")", "+1+2", "-2+3", "@SUM(A1)", "\tTAB", "=1,2"])
def test_csv_cells_never_start_a_formula(client, auth, app, course, teacher, name):
    _rename(app, "ada.lovelace@example.edu", name, name)
    auth.login(teacher.email)
    rows = _csv(client.get("/course/CS101/roster.csv"))
    mine = next(row for row in rows if row[3] == "ada.lovelace@example.edu")
    assert mine[1] == mine[2] == "'" + name
    assert all(not cell.startswith(("=", "+", "-", "@", "\t")) for row in rows for cell in row)


def test_csv_keeps_ordinary_cells_as_they_are(client, auth, app, course, teacher):
    _rename(app, "ada.lovelace@example.edu", "Mary-Jane", "O'Brien")
    auth.login(teacher.email)
    rows = _csv(client.get("/course/CS101/roster.csv"))
    assert ["O'Brien", "Mary-Jane"] in [row[1:3] for row in rows]
