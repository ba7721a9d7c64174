"""API terms, catalog and course: the catalog service's rules, as JSON."""
import pytest

from tests.api_support import assert_error


@pytest.fixture
def catalog(make):
    """Three terms; Fall 2026 (the newest) holds 15 courses, one taught by an instructor."""
    teacher = make.user(email="ada@example.edu", role="instructor", first_name="Ada", last_name="Lovelace")
    make.course("OLD1", term="Spring 2026")
    make.course("MID1", term="Summer 2026")
    for n in range(15):
        make.course(f"CS{n:03d}", term="Fall 2026", capacity=2, title=f"Topic {n}",
                    instructor_id=teacher.user_id if n == 0 else None)
    make.course("PY200", term="Fall 2026", title="Python (advanced)", description="Snakes and c++")
    return teacher


def test_terms_are_chronological(catalog, api):
    response = api.get("/api/v1/terms")
    assert response.status_code == 200
    assert response.get_json() == {"terms": ["Spring 2026", "Summer 2026", "Fall 2026"]}


def test_terms_of_an_empty_catalog(app, api):
    assert api.get("/api/v1/terms").get_json() == {"terms": []}
    body = api.get("/api/v1/courses").get_json()
    assert body["term"] is None and body["items"] == [] and body["pagination"]["total"] == 0


def test_the_catalog_defaults_to_the_newest_term_and_paginates_in_the_body(catalog, api):
    body = api.get("/api/v1/courses").get_json()
    assert body["term"] == "Fall 2026" and body["query"] == ""
    assert body["pagination"] == {"page": 1, "per_page": 12, "total": 16, "pages": 2}
    assert [c["courseID"] for c in body["items"]][:3] == ["CS000", "CS001", "CS002"]
    first = body["items"][0]
    assert first["seats_left"] == 2 and first["full"] is False and first["is_enrolled"] is False
    assert first["action"] == "login" and "instructor" not in first  # the catalog joins no instructors
    second = api.get("/api/v1/courses", query_string={"page": 2, "per_page": 12}).get_json()
    assert [c["courseID"] for c in second["items"]] == ["CS012", "CS013", "CS014", "PY200"]


def test_one_term_searched(catalog, api):
    body = api.get("/api/v1/courses", query_string={"term": "Fall 2026", "q": "C++"}).get_json()
    assert [c["courseID"] for c in body["items"]] == ["PY200"]
    assert api.get("/api/v1/courses", query_string={"term": "Spring 2026"}).get_json()["items"][0]["courseID"] == "OLD1"


def test_a_signed_in_student_sees_their_enrollments_and_seats(catalog, make, api):
    student = make.user()
    make.enroll(student, make.course("CS900", term="Fall 2026", capacity=1))
    body = api.get("/api/v1/courses", api.token(student), query_string={"per_page": 100}).get_json()
    mine = next(c for c in body["items"] if c["courseID"] == "CS900")
    assert mine["is_enrolled"] is True and mine["action"] == "drop" and mine["seats_left"] == 0 and mine["full"]
    assert body["items"][0]["action"] == "enroll"


@pytest.mark.parametrize("query,status,reason", [
    ({"page": 0}, 400, "bad_page"),
    ({"page": 100001}, 400, "bad_page"),
    ({"page": 3}, 404, "not_found"),
    ({"per_page": 101}, 400, "bad_page_size"),
    ({"term": "Winter 1999"}, 404, "not_found"),
    ({"term": "x" * 41}, 400, "bad_term"),
    ({"q": "x" * 101}, 400, "bad_search"),
])
def test_bad_catalog_queries_get_the_services_answer(catalog, api, query, status, reason):
    assert_error(api.get("/api/v1/courses", query_string=query), status, reason)


@pytest.mark.parametrize("query,field", [({"page": "abc"}, "page"), ({"per_page": "1.5"}, "per_page"),
                                         ({"page": ""}, "page")])
def test_catalog_query_values_of_the_wrong_type_are_422(catalog, api, query, field):
    assert_error(api.get("/api/v1/courses", query_string=query), 422, "invalid", [field])


def test_one_course_with_its_instructor_but_never_their_email(catalog, make, api):
    body = api.get("/api/v1/courses/CS000").get_json()
    assert body["courseID"] == "CS000" and body["title"] == "Topic 0" and body["credits"] == 3
    assert body["instructor"] == {"user_id": catalog.user_id, "first_name": "Ada", "last_name": "Lovelace",
                                  "role": "instructor"}
    assert body["action"] == "login"
    assert api.get("/api/v1/courses/CS000", api.token(catalog)).get_json()["action"] == "teaching"
    student = make.user()
    make.enroll(student, make.course("CS900", term="Fall 2026"))
    mine = api.get("/api/v1/courses/CS900", api.token(student)).get_json()
    assert mine["is_enrolled"] is True and mine["action"] == "drop" and mine["instructor"] is None


def test_unknown_or_malformed_courses_are_404(catalog, api):
    assert_error(api.get("/api/v1/courses/NOPE1"), 404, "unknown_course")
    assert_error(api.get("/api/v1/courses/bad%20id"), 404)
    assert_error(api.get("/api/v1/courses/" + "A" * 21), 404)
