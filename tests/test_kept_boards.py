"""Kept pages that show posts (a course's board, the home feed, a profile) and the API's kept answers:
made once per distinct content and viewer, again each minute for their "5 minutes ago", never old."""
import time

import pytest

from application.web import courses as course_views, home as home_views, users as user_views

PAGES = {"course": "/course/CS101-F26", "home": "/", "profile": None}


class Renders:
    """Counts the templates the board, home and profile views render."""

    def __init__(self, monkeypatch):
        self.count = 0
        for module in (course_views, home_views, user_views):
            monkeypatch.setattr(module, "render_template", self._counted(module.render_template))

    def _counted(self, real):
        def counted(*args, **kwargs):
            self.count += 1
            return real(*args, **kwargs)
        return counted


@pytest.fixture
def board(make, student):
    """The signed-in student's course, with a post of theirs."""
    course = make.course("CS101-F26", title="Intro to Programming")
    make.enroll(student, course)
    make.post(student, course, title="First question", minutes_ago=3)
    return course


def _path(name, student):
    return PAGES[name] or f"/user/{student.user_id}"


def _html(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response.get_data(as_text=True)


@pytest.mark.parametrize("name", sorted(PAGES))
def test_a_page_with_posts_is_made_once_a_minute(client, student, board, monkeypatch, name):
    path = _path(name, student)
    _html(client, "/enrollment")  # the sign-in message is shown there
    renders = Renders(monkeypatch)
    first = _html(client, path)
    assert "First question" in first and "3 minutes ago" in first
    assert _html(client, path) == first and renders.count == 1
    real = time.time
    monkeypatch.setattr("application.web.requests.time.time", lambda: real() + 60)
    assert "First question" in _html(client, path) and renders.count == 2  # a minute on: its times are made again


@pytest.mark.parametrize("name", sorted(PAGES))
def test_a_new_post_shows_at_once(client, make, student, board, name):
    path = _path(name, student)
    assert "Second question" not in _html(client, path)
    make.post(student, board, title="Second question")
    assert "Second question" in _html(client, path)


def test_a_classmate_s_new_name_shows_at_once_on_the_board(client, make, student, board):
    classmate = make.user(email="kim@example.edu", first_name="Kim")
    make.enroll(classmate, board)
    make.post(classmate, board, title="Hello from Kim")
    assert "Kim" in _html(client, "/course/CS101-F26")
    from application.accounts.models import User
    from application.core.store import collection_of

    collection_of(User).update_one({"user_id": classmate.user_id}, {"$set": {"first_name": "Kimberly"}})
    assert "Kimberly" in _html(client, "/course/CS101-F26")


def test_a_failed_post_keeps_its_own_input(client, student, board):
    response = client.post("/course/CS101-F26/posts", data={"title": "", "body": "What I typed"})
    assert response.status_code == 422 and "What I typed" in response.get_data(as_text=True)
    assert "What I typed" not in _html(client, "/course/CS101-F26")


# --- the API's kept answers --------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/api/v1/courses", "/api/v1/me/enrollments"])
def test_an_api_answer_is_the_one_the_schema_makes_and_follows_every_change(app, api, make, path):
    course = make.course("CS101-F26", capacity=2)
    student = make.user(email="sam@example.edu")
    token = api.token(student)
    first = api.call("GET", path, token)
    assert api.call("GET", path, token).get_data() == first.get_data()
    app.debug = True  # answered by the route's own response step, as without keeping
    assert api.call("GET", path, token).get_json() == first.get_json()
    app.debug = False
    assert api.call("POST", "/api/v1/me/enrollments", token, json={"courseID": "CS101-F26"}).status_code == 201
    changed = api.call("GET", path, token).get_json()
    assert changed != first.get_json()
    make.enroll(make.user(), course)  # a classmate takes the last seat: the catalog shows it, my enrollments not
    assert (api.call("GET", path, token).get_json() != changed) == path.endswith("/courses")


def test_the_catalog_answer_is_each_caller_s_own(api, make):
    make.course("CS101-F26")
    ann, ben = make.user(email="ann@example.edu"), make.user(email="ben@example.edu")
    ann_token, ben_token = api.token(ann), api.token(ben)
    assert api.call("POST", "/api/v1/me/enrollments", ann_token, json={"courseID": "CS101-F26"}).status_code == 201
    items = {who: api.call("GET", "/api/v1/courses", token).get_json()["items"][0]
             for who, token in (("ann", ann_token), ("ben", ben_token), ("anyone", None))}
    assert items["ann"]["is_enrolled"] is True and items["ben"]["is_enrolled"] is False
    assert items["anyone"]["is_enrolled"] is False
