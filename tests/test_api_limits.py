"""API rate limits: sign-in throttled like the site's form, writes limited per user, 429 with Retry-After."""
import pytest

from tests.api_support import assert_error
from tests.conftest import PASSWORD


@pytest.fixture
def config_overrides():
    """Limits on, small enough to reach in a test."""
    return {"RATELIMIT_ENABLED": True, "RATELIMIT_STORAGE_URI": "memory://",
            "LOGIN_FAILURES_PER_ACCOUNT": "2 per 15 minutes", "API_WRITE_RATE_LIMIT": "3 per minute",
            "POST_RATE_LIMIT": "2 per minute"}


@pytest.fixture(autouse=True)
def fresh_limits(app):
    """Start every test with empty rate-limit counters."""
    from application.extensions import limiter

    limiter.reset()


def test_sign_in_failures_share_the_web_forms_counters(make, api, auth):
    make.user(email="ada@example.edu")
    auth.login("ada@example.edu", "wrong-1")
    assert_error(api.post("/api/v1/auth/tokens", json={"email": "ada@example.edu", "password": "wrong-2"}), 401)
    locked = api.post("/api/v1/auth/tokens", json={"email": "ada@example.edu", "password": PASSWORD})
    body = assert_error(locked, 429, "too_many_attempts")
    assert 0 < int(locked.headers["Retry-After"]) <= 15 * 60 and "Too many failed sign-ins" in body["message"]
    assert auth.login("ada@example.edu").status_code == 429


def test_writes_are_limited_per_user_whatever_the_token(make, api):
    for n in range(5):
        make.course(f"C{n}")
    user, other = make.user(), make.user()
    first, second = api.token(user), api.token(user)
    codes = [api.post("/api/v1/me/enrollments", token, json={"courseID": f"C{n}"}).status_code
             for n, token in enumerate([first, second, first])]
    assert codes == [201, 201, 201]
    limited = api.delete("/api/v1/me/enrollments/C0", second)
    body = assert_error(limited, 429, "rate_limited")
    assert int(limited.headers["Retry-After"]) > 0 and "3 per 1 minute" in body["message"]
    assert api.post("/api/v1/me/enrollments", api.token(other), json={"courseID": "C4"}).status_code == 201


def test_new_posts_keep_the_sites_post_limit(make, api):
    course = make.course("CS101")
    user = make.user()
    make.enroll(user, course)
    token = api.token(user)
    codes = [api.post("/api/v1/courses/CS101/posts", token, json={"title": f"t{n}", "body": "b"}).status_code
             for n in range(3)]
    assert codes == [201, 201, 429]


def test_reads_are_not_limited(make, api):
    token = api.token(make.user())
    assert {api.get("/api/v1/me", token).status_code for _ in range(10)} == {200}
