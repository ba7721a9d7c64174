"""Hostile input on every page: a 4xx with a message, never a 5xx, never a write.

The routes are read from the app's URL map, so a page added later is covered too. The JSON API's
routes (endpoints "api…") take JSON by design: tests/test_api_input.py covers them.
"""
import io
import json
import re

import pytest

from application import create_app, database
from application.documents import DOCUMENTS
from tests.conftest import PASSWORD, make_config

TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def _routes(method):
    """Return the (endpoint, rule) pairs of the pages that answer a method."""
    app = create_app(make_config())
    database.disconnect()
    return sorted((rule.endpoint, rule.rule) for rule in app.url_map.iter_rules()
                  if method in rule.methods and rule.endpoint != "static" and not rule.endpoint.startswith("api"))


POST_ROUTES = _routes("POST")
GET_ROUTES = _routes("GET")
JSON_BODIES = [{"courseID": {"$gt": ""}}, {"courseID": 123}, {"email": 1, "password": 1},
               {"title": {"$gt": ""}, "body": "x"}, {"email": ["a@b.edu"], "password": {"$ne": None}},
               [1, 2], "x", 7, None]
VISITOR_PAGES = ("auth.login", "auth.register")
PAGED = ("courses.catalog", "courses.detail", "users.profile", "users.followers", "users.following", "home.index",
         "staff.roster", "admin.accounts", "admin.audit_log")
STAFF_PAGES = ("staff.", "admin.")  # read as an administrator, so their own checks run (a student gets 403)
TEXT_FIELDS = ("courseID", "email", "password", "password_confirm", "first_name", "last_name", "title", "body")


@pytest.fixture
def config_overrides():
    """CSRF stays on: every hostile body carries a valid token in the X-CSRFToken header."""
    return {"WTF_CSRF_ENABLED": True, "PROPAGATE_EXCEPTIONS": False}


@pytest.fixture
def world(app, make):
    """A course, an enrolled student who wrote a post, and a client signed in as that student."""
    student = make.user(email="student@example.edu")
    course = make.course("CS101-F26")
    make.enroll(student, course)
    post = make.post(student, course)
    client = app.test_client()
    token = TOKEN.search(client.get("/login").get_data(as_text=True)).group(1)
    client.post("/login", data={"email": student.email, "password": PASSWORD, "csrf_token": token})
    token = TOKEN.search(client.get("/courses/").get_data(as_text=True)).group(1)
    values = {"course_id": "CS101-F26", "post_id": post.id, "user_id": student.user_id, "term": "Fall 2026"}
    with app.test_request_context():
        from application.accounts import links

        tokens = {"auth.reset_password": links.make_token(links.RESET, student),
                  "auth.confirm_email": links.make_token(links.CONFIRM, student)}
    visitor = app.test_client()
    visitor_token = TOKEN.search(visitor.get("/login").get_data(as_text=True)).group(1)
    admin = app.test_client()
    make.user(email="admin@example.edu", role="admin")
    admin_token = TOKEN.search(admin.get("/login").get_data(as_text=True)).group(1)
    admin.post("/login", data={"email": "admin@example.edu", "password": PASSWORD, "csrf_token": admin_token})
    return {"client": client, "token": token, "values": values, "app": app, "visitor": visitor,
            "visitor_token": visitor_token, "link_tokens": tokens, "admin": admin}


def _reader(world, endpoint):
    """Return the client that reads a page: an administrator for staff pages, else as _sender."""
    if endpoint.startswith(STAFF_PAGES):
        return world["admin"]
    return _sender(world, endpoint)[0]


def _sender(world, endpoint):
    """Return (client, token): visitors' pages are tried signed out, every other page signed in."""
    if endpoint in VISITOR_PAGES:
        return world["visitor"], world["visitor_token"]
    return world["client"], world["token"]


def _url(world, endpoint):
    with world["app"].test_request_context():
        from flask import url_for

        rule = next(r for r in world["app"].url_map.iter_rules(endpoint))
        values = dict(world["values"], token=world["link_tokens"].get(endpoint))  # a mailed link's own token
        return url_for(endpoint, **{k: v for k, v in values.items() if k in rule.arguments})


def _snapshot():
    return {doc._get_collection_name(): sorted(map(repr, doc._get_collection().find({}, {"_id": 0})))
            for doc in DOCUMENTS}


def _assert_refused(response, before):
    assert 400 <= response.status_code < 500, (response.status_code, response.get_data(as_text=True)[:300])
    assert _snapshot() == before


@pytest.mark.parametrize("endpoint,rule", POST_ROUTES)
@pytest.mark.parametrize("body", JSON_BODIES, ids=lambda b: repr(b)[:30])
def test_json_bodies_are_refused(world, endpoint, rule, body):
    before = _snapshot()
    client, token = _sender(world, endpoint)
    response = client.post(_url(world, endpoint), data=json.dumps(body), content_type="application/json",
                           headers={"X-CSRFToken": token})
    _assert_refused(response, before)
    assert response.status_code == 415


@pytest.mark.parametrize("endpoint,rule", POST_ROUTES)
def test_malformed_json_is_refused(world, endpoint, rule):
    before = _snapshot()
    response = world["client"].post(_url(world, endpoint), data='{"courseID": ', content_type="application/json",
                                    headers={"X-CSRFToken": world["token"]})
    _assert_refused(response, before)


@pytest.mark.parametrize("endpoint,rule", POST_ROUTES)
def test_file_parts_in_place_of_text_fields_are_refused(world, endpoint, rule):
    before = _snapshot()
    data = {name: (io.BytesIO(b"<script>x</script>"), f"{name}.txt") for name in TEXT_FIELDS}
    data["csrf_token"] = world["token"]
    response = world["client"].post(_url(world, endpoint), data=data, content_type="multipart/form-data")
    _assert_refused(response, before)
    assert "no files" in response.get_data(as_text=True)


@pytest.mark.parametrize("endpoint,rule", POST_ROUTES)
def test_other_body_types_are_refused(world, endpoint, rule):
    before = _snapshot()
    response = world["client"].post(_url(world, endpoint), data="courseID=CS101-F26", content_type="text/plain",
                                    headers={"X-CSRFToken": world["token"]})
    _assert_refused(response, before)


@pytest.mark.parametrize("endpoint,rule", POST_ROUTES)
def test_oversized_bodies_are_413_for_a_signed_in_user(world, endpoint, rule):
    before = _snapshot()
    response = world["client"].post(_url(world, endpoint), data={"title": "x" * (2 * 1024 * 1024),
                                                                 "csrf_token": world["token"]})
    _assert_refused(response, before)
    assert response.status_code == 413 and "too large" in response.get_data(as_text=True)


@pytest.mark.parametrize("endpoint,rule", POST_ROUTES)
def test_oversized_json_is_4xx_for_a_signed_in_user(world, endpoint, rule):
    before = _snapshot()
    response = world["client"].post(_url(world, endpoint), data="[" + "1," * (1024 * 1024) + "1]",
                                    content_type="application/json", headers={"X-CSRFToken": world["token"]})
    _assert_refused(response, before)


# their form is the token alone: posting it is the action
FIELD_FREE = ("auth.logout", "posts.delete", "account.revoke_sessions", "account.resend_confirmation", "users.follow",
              "users.unfollow")


FORM_ROUTES = [route for route in POST_ROUTES if route[0] not in FIELD_FREE]


def _post_every_field(world, endpoint, encoded):
    client, token = _sender(world, endpoint)
    fields = "&".join(f"{field}={encoded.format(field=field)}" for field in TEXT_FIELDS)
    return client.post(_url(world, endpoint), data=f"{fields}&csrf_token={token}".encode(),
                       content_type="application/x-www-form-urlencoded")


@pytest.mark.parametrize("endpoint,rule", FORM_ROUTES)
@pytest.mark.parametrize("encoded", ["x" * 5000, "%00", "%01abc", "", "%20%20"])
def test_invalid_text_in_every_form_field_is_4xx_and_writes_nothing(world, endpoint, rule, encoded):
    before = _snapshot()
    response = _post_every_field(world, endpoint, encoded)
    _assert_refused(response, before)


@pytest.mark.parametrize("endpoint,rule", FORM_ROUTES)
@pytest.mark.parametrize("encoded,text", [("%24gt", "$gt"), ("%7B%22%24ne%22%3A1%7D", '{"$ne":1}'),
                                          ("%3Cscript%3E", "<script>"), ("a&{field}=b", "a")])
def test_odd_but_valid_text_is_only_ever_stored_as_that_text(world, endpoint, rule, encoded, text):
    before = _snapshot()
    response = _post_every_field(world, endpoint, encoded)
    assert response.status_code < 500
    after = _snapshot()
    changed = {"post", "user"}  # posts take a title and body, the account its names or a new password
    assert {k: v for k, v in after.items() if k not in changed} == {k: v for k, v in before.items() if k not in changed}
    from application.accounts.models import User
    from application.discussion.models import Post

    for post in Post.objects:
        assert (post.title, post.body) in (("Hello", "First post"), (text, text))
    user = User.objects.get(email="student@example.edu")
    assert (user.first_name, user.last_name) in (("Test", "User"), (text, text))
    assert user.check_password(PASSWORD) or (endpoint == "auth.reset_password" and user.check_password(text))


PAGED_GET_ROUTES = [route for route in GET_ROUTES
                    if route[0] not in ("home.healthz", "courses.catalog_without_slash", "auth.confirm_email")]


@pytest.mark.parametrize("endpoint,rule", PAGED_GET_ROUTES)
@pytest.mark.parametrize("page", ["²", "①", "٣", "-1", "0", "1e3", "99999999999", "1 OR 1=1", "%00", " 2", "+2"])
def test_page_numbers_that_are_not_ascii_digits_are_400(world, endpoint, rule, page):
    response = _reader(world, endpoint).get(_url(world, endpoint), query_string={"page": page})
    expected = (400,) if endpoint in PAGED else (200,)
    assert response.status_code in expected, (endpoint, response.status_code)


@pytest.mark.parametrize("endpoint,rule", GET_ROUTES)
@pytest.mark.parametrize("query", [{"q": "x" * 5000}, {"q[$gt]": ""}, {"q": "\x00"}, {"q": "(((("},
                                   {"next": "//evil.example"}])
def test_odd_query_strings_never_break_a_page(world, endpoint, rule, query):
    response = _reader(world, endpoint).get(_url(world, endpoint), query_string=query)
    assert response.status_code < 500
    assert "evil.example" not in response.headers.get("Location", "")


def test_error_pages_never_read_the_body_again(world):
    response = world["client"].post("/enrollment", data={"courseID": "x" * (2 * 1024 * 1024)},
                                    headers={"X-CSRFToken": world["token"]})
    html = response.get_data(as_text=True)
    assert response.status_code == 413 and ">Logout</button>" in html


def test_chunked_bodies_are_refused_before_anything_is_read_past_the_limit(world):
    before = _snapshot()
    body = (f"csrf_token={world['token']}&courseID=CS101-F26&junk=" + "x" * (2 * 1024 * 1024)).encode()
    response = world["client"].post("/enrollment/drop", input_stream=io.BytesIO(body),
                                    headers={"Transfer-Encoding": "chunked",
                                             "Content-Type": "application/x-www-form-urlencoded"})
    _assert_refused(response, before)


def test_a_doubled_slash_is_not_redirected_to_the_requests_host(client):
    response = client.get("/courses//", headers={"Host": "evil.example"})
    assert response.status_code == 404 and "evil.example" not in response.headers.get("Location", "")
