"""The service layer: one rule in one place, the same answer for every caller."""
import pytest

from application.accounts.models import Anonymous, Counter, User
from application.core.errors import Conflict, DomainError, Forbidden, Invalid, NotFound
from application.core.paging import parse_page_number
from application.core.wording import counted
from application.courses.services import catalog, course_page
from application.discussion import moderation, services as discussion
from application.discussion.models import Post
from application.enrollment import services as enrollment
from application.enrollment.models import Enrollment
from application.enrollment.offers import Viewing, annotate

BOARD = "/course/CS101-F26"


@pytest.fixture
def people(make):
    """A student, the course's instructor, another instructor and an admin."""
    return {
        "student": make.user(email="s@example.edu"),
        "teacher": make.user(email="t@example.edu", role="instructor"),
        "other_teacher": make.user(email="o@example.edu", role="instructor"),
        "admin": make.user(email="a@example.edu", role="admin"),
    }


@pytest.fixture
def ctx(app):
    """An app context for tests that call services directly (no request is made inside it)."""
    with app.app_context():
        yield


@pytest.fixture
def course(make, people):
    """A course taught by the teacher."""
    return make.course("CS101-F26", capacity=2, instructor_id=people["teacher"].user_id)


@pytest.mark.parametrize("number,noun,expected", [(0, "credit", "0 credits"), (1, "credit", "1 credit"),
                                                  (3, "seat", "3 seats"), (1, "post", "1 post"),
                                                  (None, "student", "0 students")])
def test_counted_words_every_count(number, noun, expected):
    assert counted(number, noun) == expected


@pytest.mark.parametrize("raw,expected", [(None, 1), ("1", 1), ("7", 7), (7, 7), ("100000", 100000)])
def test_page_numbers(raw, expected):
    assert parse_page_number(raw) == expected


@pytest.mark.parametrize("raw", ["0", "-1", "1.5", "two", "²", "①", "١", "100001", "9" * 40, "", " 2", "2 ", "+2",
                                 "\u30002", "\x0b2", True, 2.0])
def test_bad_page_numbers_are_a_domain_error(raw):
    with pytest.raises(DomainError) as caught:
        parse_page_number(raw)
    assert caught.value.status == 400


@pytest.mark.parametrize("who,enrolled,full,action", [
    ("visitor", False, False, "login"), ("visitor", False, True, "full"),
    ("student", False, False, "enroll"), ("student", False, True, "waitlist"), ("student", True, True, "drop"),
    ("teacher", False, False, "teaching"), ("teacher", False, True, "teaching"),
    ("other_teacher", False, False, None), ("other_teacher", False, True, None), ("admin", False, False, None), ("admin", False, True, None),
])
def test_enroll_action_per_viewer(app, people, course, who, enrolled, full, action):
    viewer = Anonymous() if who == "visitor" else people[who]
    row = {"courseID": "CS101-F26", "term": "Fall 2026", "credits": 3, "capacity": 2, "enrolled": 2 if full else 0,
           "instructor_id": course.instructor_id}
    with app.test_request_context():
        assert annotate(row, Viewing(viewer), enrolled)["action"] == action


def test_enroll_service_refuses_staff_accounts(ctx, people, course):
    with pytest.raises(Forbidden) as teaching:
        enrollment.enroll(people["teacher"], "CS101-F26")
    with pytest.raises(Forbidden) as staff:
        enrollment.enroll(people["admin"], "CS101-F26")
    with pytest.raises(Forbidden) as other_staff:
        enrollment.enroll(people["other_teacher"], "CS101-F26")
    assert (teaching.value.code, staff.value.code, other_staff.value.code) == ("teaching", "staff", "staff")
    assert "Instructor accounts do not enroll" in other_staff.value.message
    assert Enrollment.objects.count() == 0


def test_enroll_service_outcomes_carry_codes_and_messages(ctx, people, course, make):
    done = enrollment.enroll(people["student"], "CS101-F26")
    assert (done.code, done.message) == ("enrolled", "You are enrolled in CS101-F26.")
    with pytest.raises(Conflict) as again:
        enrollment.enroll(people["student"], "CS101-F26")
    assert again.value.code == "already_enrolled" and again.value.status == 409
    make.enroll(make.user(), course)
    with pytest.raises(Conflict) as full:
        enrollment.enroll(make.user(), "CS101-F26")
    assert full.value.code == "full" and full.value.message.startswith("CS101-F26 is full: no seats are left.")
    with pytest.raises(NotFound) as unknown:
        enrollment.enroll(people["student"], "GHOST")
    assert unknown.value.code == "unknown_course"
    with pytest.raises(DomainError) as malformed:
        enrollment.enroll(people["student"], {"$gt": ""})
    assert malformed.value.status == 400 and malformed.value.code == "bad_course_id"


def test_catalog_hands_templates_seats_and_actions(ctx, people, course, make):
    make.enroll(people["student"], course)
    page = catalog(people["student"], None, "", 1, 12)
    row = page.courses[0]
    assert (row["seats_left"], row["full"], row["action"]) == (1, False, "drop")
    assert catalog(people["admin"], None, "", 1, 12).courses[0]["action"] is None
    with pytest.raises(NotFound):
        catalog(people["student"], "Winter 1999", "", 1, 12)


def test_course_page_gives_each_post_the_viewers_rights(ctx, people, course, make):
    mine = make.post(people["student"], course, title="mine")
    make.post(people["other_teacher"], course, title="theirs", minutes_ago=5)
    view = course_page(people["student"], "CS101-F26", 1, 10)
    rights = {p["title"]: (p["can_edit"], p["can_delete"]) for p in view.board.posts}
    assert rights == {"mine": (True, True), "theirs": (False, False)}
    admin_view = course_page(people["admin"], "CS101-F26", 1, 10)
    assert all(p["can_delete"] and not p["can_edit"] for p in admin_view.board.posts)
    assert view.board.posts[0]["author"].full_name == "Test User" and str(mine.id) == str(view.board.posts[0]["_id"])


def test_post_services_enforce_every_rule(ctx, people, course, make):
    with pytest.raises(Forbidden):
        discussion.create_post(people["student"], "CS101-F26", "t", "b")
    with pytest.raises(NotFound):
        discussion.create_post(people["student"], "NOPE", "t", "b")
    make.enroll(people["student"], course)
    with pytest.raises(Invalid) as invalid:
        discussion.create_post(people["student"], "CS101-F26", " ", {"$gt": ""})
    assert invalid.value.errors == {"title": ["Give your post a title."], "body": ["Must be text."]}
    post = discussion.create_post(people["teacher"], "CS101-F26", " Hello ", "Body")
    assert post.title == "Hello"
    with pytest.raises(Forbidden):
        discussion.edit_post(people["admin"], post.id, "x", "y")
    with pytest.raises(Forbidden):
        moderation.take_down(people["student"], post.id)
    with pytest.raises(Forbidden):
        moderation.take_down(people["other_teacher"], post.id)
    assert moderation.take_down(people["admin"], post.id)[1] == "removed"
    assert Post.objects.get(id=post.id).removed is True
    assert moderation.take_down(people["teacher"], post.id)[1] == "deleted"
    assert Post.objects.count() == 0


def test_a_new_post_that_fails_validation_keeps_what_was_typed(client, make, people, course, auth):
    make.enroll(people["student"], course)
    auth.login("s@example.edu")
    response = client.post(f"{BOARD}/posts", data={"title": "", "body": "My long careful question"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Give your post a title." in html and "My long careful question" in html
    assert Post.objects.count() == 0


@pytest.mark.parametrize("who,shown,absent", [
    ("t@example.edu", "You teach this course", ">Enroll<"),
    ("a@example.edu", None, ">Enroll<"),
    ("o@example.edu", None, "You teach this course"),
])
def test_staff_see_their_standing_not_the_enroll_button(client, auth, people, course, who, shown, absent):
    auth.login(who)
    for path in (BOARD, "/courses/"):
        html = client.get(path).get_data(as_text=True)
        if shown:
            assert shown in html
        assert absent not in html and ">Drop<" not in html


def test_staff_posting_the_enroll_form_is_refused_with_a_message(client, auth, people, course):
    auth.login("a@example.edu")
    response = client.post("/enrollment", data={"courseID": "CS101-F26"}, follow_redirects=True)
    assert "Admin accounts do not enroll in courses: use a student account." in response.get_data(as_text=True)
    assert Enrollment.objects.count() == 0


def test_counts_are_worded_alike_on_every_page(client, make, student):
    make.course("ONE-F26", credits=1)
    make.enroll(student, make.course("ONE-S26", credits=1, term="Spring 2026"))
    pages = [client.get(path).get_data(as_text=True) for path in ("/courses/", "/course/ONE-F26", "/enrollment")]
    assert all("1 credit<" in html and "1 credits" not in html for html in pages)


@pytest.mark.parametrize("path", ["/course/-bad", "/course/" + "x" * 21, "/course/a%20b", "/user/0",
                                  "/user/007", "/user/" + "9" * 17, "/post/xyz/edit",
                                  "/post/0123456789abcdef0123456/edit"])
def test_malformed_ids_are_404_at_routing(app, client, student, path):
    from urllib.parse import unquote

    from werkzeug.exceptions import NotFound as RoutingNotFound

    assert client.get(path).status_code == 404
    with pytest.raises(RoutingNotFound):
        app.url_map.bind("localhost").match(unquote(path))


def test_a_repeated_email_is_told_apart_by_the_index_and_burns_only_the_id_it_tried(make, monkeypatch):
    from application.accounts.models import UserQuerySet
    from application.accounts.services import EmailTaken, create_user

    make.user(email="race@example.edu")
    before = Counter.objects.get(name="user_id").seq
    monkeypatch.setattr(UserQuerySet, "by_email", lambda self, email: None)  # a concurrent twin passed the check
    with pytest.raises(EmailTaken):
        create_user("race@example.edu", "long-enough-1", "A", "B")
    assert Counter.objects.get(name="user_id").seq == before + 1 and User.objects.count() == 1


@pytest.mark.parametrize("course_id", [{"$regex": "^CS"}, 101, None, True, "", "x" * 21, "bad id", ["CS101-F26"]])
def test_course_services_refuse_anything_but_a_course_id(ctx, people, course, course_id):
    with pytest.raises(DomainError) as caught:
        course_page(people["student"], course_id, 1, 10)
    assert caught.value.status == 400
    for service in (enrollment.enroll, enrollment.drop):
        with pytest.raises(DomainError):
            service(people["student"], course_id)
    with pytest.raises(DomainError):
        discussion.create_post(people["student"], course_id, "t", "b")
    assert Enrollment.objects.count() == 0 and Post.objects.count() == 0


@pytest.mark.parametrize("term,status", [({"$ne": ""}, 400), (7, 400), ("", 400), ("x" * 41, 400),
                                         ("Winter 1999", 404)])
def test_catalog_refuses_anything_but_a_known_term(ctx, people, course, term, status):
    with pytest.raises(DomainError) as caught:
        catalog(people["student"], term, "", 1, 12)
    assert caught.value.status == status


@pytest.mark.parametrize("page_number", [0, -1, "2x", True, 2.5, {"$gt": 1}])
def test_services_refuse_page_numbers_that_are_not_page_numbers(ctx, people, course, page_number):
    for call in (lambda: catalog(people["student"], None, "", page_number, 12),
                 lambda: course_page(people["student"], "CS101-F26", page_number, 10),
                 lambda: discussion.board(people["student"], {"courseID": "CS101-F26"}, page_number, 10)):
        with pytest.raises(DomainError) as caught:
            call()
        assert caught.value.status == 400


@pytest.mark.parametrize("query", [{"$ne": ""}, ["a"], "x" * 101])
def test_catalog_refuses_a_search_that_is_not_short_text(ctx, people, course, query):
    with pytest.raises(DomainError):
        catalog(people["student"], None, query, 1, 12)


def test_my_enrollments_is_for_signed_in_students_only(ctx, people):
    with pytest.raises(Forbidden):
        enrollment.my_enrollments(Anonymous())


@pytest.mark.parametrize("raw,message", [("a\x00b", "control characters"), ("\x1b[31m", "control characters"),
                                         ("x" * 101, "at most 100"), (["x"], "at most 100")])
def test_search_text_refuses_what_no_regex_should_carry(raw, message):
    from application.core.checks import search_text

    with pytest.raises(DomainError) as caught:
        search_text(raw, 100)
    assert caught.value.code == "bad_search" and caught.value.status == 400 and message in caught.value.message
    assert search_text("  intro ", 100) == "intro" and search_text(None, 100) == ""


def test_every_search_box_answers_400_to_a_nul_byte(client, make, auth):
    make.user(email="a@example.edu", role="admin")
    make.course("CS101-F26")
    auth.login("a@example.edu")
    for path in ("/courses/", "/course/CS101-F26/roster", "/admin/users"):
        response = client.get(path, query_string={"q": "a\x00"})
        assert response.status_code == 400 and "control characters" in response.get_data(as_text=True), path
