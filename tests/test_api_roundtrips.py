"""Every API endpoint makes a fixed number of database round trips whatever the amount of data."""
import pytest

# a page reads at most this many times; an enroll click, which applies every registration rule and holds
# the student's lease, at most WRITE_TRIPS
READ_TRIPS, WRITE_TRIPS = 8, 12


@pytest.fixture
def config_overrides():
    """No credit limit here: these tests grow one student's enrollments to measure round trips."""
    return {"MAX_CREDITS_PER_TERM": 1000}

from application.discussion.models import Post
from application.documents import DOCUMENTS
from tests.api_support import ApiActions
from tests.test_roundtrips import _populate

READS = ["/api/v1/terms", "/api/v1/courses", "/api/v1/courses?term=Fall%202026&q=C", "/api/v1/courses/C0001",
         "/api/v1/me", "/api/v1/me/enrollments", "/api/v1/courses/C0001/posts"]
WRITES = {
    "sign in": ("POST", "/api/v1/auth/tokens", {"email": "rt@example.edu", "password": "correct-horse-9"}, 201),
    "refresh": ("POST", "/api/v1/auth/refresh", None, 200),
    "revoke": ("DELETE", "/api/v1/auth/tokens", None, 204),
    "enroll": ("POST", "/api/v1/me/enrollments", {"courseID": "NEW1"}, 201),
    "drop": ("DELETE", "/api/v1/me/enrollments/C0001", None, 204),
    "post": ("POST", "/api/v1/courses/C0001/posts", {"title": "t", "body": "b"}, 201),
    "edit": ("PATCH", "/api/v1/posts/{post}", {"title": "t2"}, 200),
    "delete": ("DELETE", "/api/v1/posts/{post}", None, 204),
}


def _fresh(app, make, n):
    """Empty the database, fill it for size n and read it once (what is kept, such as the term list, is kept).

    Return a caller and the student's tokens.
    """
    for doc in DOCUMENTS:
        doc._get_collection().delete_many({})
    _populate(make, n)
    make.course("NEW1", capacity=n + 5)
    caller = ApiActions(app.test_client())
    tokens = caller.tokens("rt@example.edu")
    for path in READS:
        caller.get(path, tokens["access_token"])
    return caller, tokens


@pytest.mark.parametrize("path", READS)
def test_reads_do_not_grow_with_data(app, make, round_trips, path):
    counts = []
    for n in (2, 14):
        caller, tokens = _fresh(app, make, n)
        round_trips.reset()
        assert caller.get(path, tokens["access_token"]).status_code == 200, path
        counts.append(round_trips.count)
    assert counts[0] == counts[1], f"{path}: {counts}"
    assert counts[0] <= READ_TRIPS, f"{path}: {counts}"


@pytest.mark.parametrize("name", list(WRITES))
def test_writes_do_not_grow_with_data(app, make, round_trips, name):
    method, path, body, status = WRITES[name]
    counts = []
    for n in (2, 14):
        caller, tokens = _fresh(app, make, n)
        token = tokens["refresh_token" if name == "refresh" else "access_token"]
        url = path.format(post=Post.objects(courseID="C0001").first().id)
        round_trips.reset()
        response = caller.call(method, url, None if name == "sign in" else token, json=body)
        assert response.status_code == status, (name, response.get_data(as_text=True))
        counts.append(round_trips.count)
    assert counts[0] == counts[1], f"{name}: {counts}"
    assert counts[0] <= WRITE_TRIPS, f"{name}: {counts}"
