"""The catalog term by term, search, pagination and one course's page."""
import pytest


@pytest.fixture
def catalog(make):
    """Three terms of courses."""
    make.course("CS101-S26", term="Spring 2026", title="Intro to Programming")
    make.course("CS101-F26", term="Fall 2026", title="Intro to Programming", description="Loops and lists")
    make.course("MATH110-F26", term="Fall 2026", title="Calculus I", capacity=2)
    make.course("BIO101-U26", term="Summer 2026", title="Cells")


def test_catalog_defaults_to_newest_term_only(client, catalog):
    html = client.get("/courses/").get_data(as_text=True)
    assert "Fall 2026" in html and "CS101-F26" in html and "MATH110-F26" in html
    assert "CS101-S26" not in html and "BIO101-U26" not in html


def test_catalog_of_a_given_term(client, catalog):
    html = client.get("/courses/Spring 2026").get_data(as_text=True)
    assert "CS101-S26" in html and "CS101-F26" not in html


def test_courses_without_slash_redirects(client, catalog):
    assert client.get("/courses").status_code in (301, 308)


def test_unknown_term_is_404_listing_terms(client, catalog):
    response = client.get("/courses/Winter 1999")
    assert response.status_code == 404
    text = response.get_data(as_text=True)
    assert "Spring 2026, Summer 2026, Fall 2026" in text


@pytest.mark.parametrize("query,found,absent", [
    ("calc", "MATH110-F26", "CS101-F26"), ("CS101", "CS101-F26", "MATH110-F26"),
    ("LOOPS", "CS101-F26", "MATH110-F26"), (".*", None, "CS101-F26"), ("$where", None, "CS101-F26"),
])
def test_catalog_search_is_case_insensitive_and_literal(client, catalog, query, found, absent):
    html = client.get("/courses/Fall 2026", query_string={"q": query}).get_data(as_text=True)
    if found:
        assert found in html
    assert f">{absent}<" not in html


def test_search_text_too_long_is_400(client, catalog):
    assert client.get("/courses/Fall 2026", query_string={"q": "x" * 101}).status_code == 400


def test_catalog_shows_credits_and_seats(client, catalog):
    html = client.get("/courses/Fall 2026").get_data(as_text=True)
    assert "2 of 2 seats left" in html and "3 credits" in html


def test_catalog_paginates(client, make):
    for i in range(30):
        make.course(f"C{i:03d}", term="Fall 2026")
    first = client.get("/courses/").get_data(as_text=True)
    assert "C000" in first and "C012" not in first and "page 1 of 3" in first
    third = client.get("/courses/?page=3").get_data(as_text=True)
    assert "C029" in third and "C000" not in third


@pytest.mark.parametrize("page,status", [("0", 400), ("-1", 400), ("abc", 400), ("1.5", 400), ("9999999", 400),
                                         ("4", 404), ("1", 200)])
def test_catalog_page_edges(client, make, page, status):
    for i in range(30):
        make.course(f"C{i:03d}", term="Fall 2026")
    assert client.get(f"/courses/?page={page}").status_code == status


def test_empty_catalog_is_friendly(client):
    response = client.get("/courses/")
    assert response.status_code == 200 and "The catalog is empty" in response.get_data(as_text=True)


def test_enroll_buttons_are_csrf_forms_for_signed_in(client, catalog, student):
    html = client.get("/courses/").get_data(as_text=True)
    assert 'action="/enrollment"' in html and ">Enroll</button>" in html


def test_visitor_enroll_button_leads_to_login(client, catalog):
    html = client.get("/courses/").get_data(as_text=True)
    assert "/login?next=" in html


def test_a_full_course_offers_a_student_its_waitlist_and_a_visitor_a_disabled_button(app, client, make, student):
    course = make.course("TINY", capacity=1)
    make.enroll(make.user(), course)
    html = client.get("/courses/").get_data(as_text=True)
    assert ">Join waitlist</button>" in html and "No seat is free." in html
    visitor = app.test_client().get("/courses/").get_data(as_text=True)
    assert "disabled" in visitor and ">Full</button>" in visitor


def test_catalog_marks_my_enrollments_with_drop(client, make, student):
    course = make.course("CS101-F26")
    make.enroll(student, course)
    html = client.get("/courses/").get_data(as_text=True)
    assert ">Drop</button>" in html and ">Enroll</button>" not in html


def test_course_detail(client, make):
    teacher = make.user(role="instructor", first_name="Grace", last_name="Hopper")
    make.course("CS101-F26", instructor_id=teacher.user_id, capacity=10)
    html = client.get("/course/CS101-F26").get_data(as_text=True)
    assert "CS101-F26" in html and "10 of 10 seats left" in html and "Grace Hopper" in html


@pytest.mark.parametrize("course_id", ["NOPE", "x" * 200, "%24ne", "{\"$gt\": \"\"}"])
def test_unknown_course_is_404(client, make, course_id):
    make.course("CS101-F26")
    assert client.get(f"/course/{course_id}").status_code == 404


@pytest.mark.parametrize("path", ["/courses/", "/courses/Fall 2026", "/course/CS101-F26"])
def test_public_pages_answer_304_to_a_visitor_who_has_them(client, catalog, path):
    first = client.get(path)
    assert first.status_code == 200 and first.headers["ETag"] and "Cookie" in first.headers["Vary"]
    assert "no-cache" in first.headers["Cache-Control"]
    again = client.get(path, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.get_data() == b""


def test_a_seat_change_changes_the_etag(client, catalog, make):
    from application.courses.models import Course

    first = client.get("/course/MATH110-F26").headers["ETag"]
    make.enroll(make.user(), Course.objects.get(courseID="MATH110-F26"))
    response = client.get("/course/MATH110-F26", headers={"If-None-Match": first})
    assert response.status_code == 200 and response.headers["ETag"] != first


@pytest.mark.parametrize("config_overrides", [{"WTF_CSRF_ENABLED": True}])
@pytest.mark.parametrize("path", ["/courses/", "/courses/Fall 2026?q=intro&page=1", "/course/CS101-F26"])
def test_a_visitor_reading_public_pages_gets_no_session_cookie(client, catalog, path, config_overrides):
    response = client.get(path)
    assert response.status_code == 200 and "Set-Cookie" not in response.headers


def test_signed_in_pages_carry_no_etag(client, catalog, student):
    assert "ETag" not in client.get("/courses/").headers


def test_static_files_have_versioned_urls_cached_for_a_year(client, catalog):
    import re

    html = client.get("/courses/").get_data(as_text=True)
    css = re.search(r'href="(/static/app\.css\?v=[0-9a-f]{12})"', html).group(1)
    response = client.get(css)
    assert response.status_code == 200 and response.cache_control.max_age == 31536000
