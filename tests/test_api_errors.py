"""One error shape for every status under /api/; the site's pages keep theirs; CSRF and CORS."""
import pytest

from application import create_app, database
from tests.api_support import assert_error
from tests.conftest import make_config


@pytest.fixture
def config_overrides():
    """CSRF on, as in production; failures answered, not raised."""
    return {"WTF_CSRF_ENABLED": True, "PROPAGATE_EXCEPTIONS": False}


def test_each_status_has_the_api_shape(make, api, monkeypatch):
    make.course("FULL1", capacity=1)
    token = api.token(make.user())
    api.post("/api/v1/me/enrollments", token, json={"courseID": "FULL1"})
    other = api.token(make.user())
    teacher = api.token(make.user(role="instructor"))
    cases = [
        (api.post("/api/v1/me/enrollments", other, data="{", content_type="application/json"), 400, "bad_request"),
        (api.get("/api/v1/me"), 401, "token_missing"),
        (api.post("/api/v1/me/enrollments", teacher, json={"courseID": "FULL1"}), 403, "staff"),
        (api.get("/api/v1/no/such/thing"), 404, None),
        (api.post("/api/v1/me/enrollments", other, json={"courseID": "FULL1"}), 409, "full"),
        (api.post("/api/v1/me/enrollments", other, data="x" * (1024 * 1024 + 1), content_type="application/json"),
         413, "too_large"),
        (api.post("/api/v1/me/enrollments", other, data="courseID=FULL1"), 415, "not_json"),
        (api.post("/api/v1/me/enrollments", other, json={"courseID": 1}), 422, "invalid"),
    ]
    for response, status, reason in cases:
        assert_error(response, status, reason)
    not_allowed = api.call("PUT", "/api/v1/me", token)
    assert_error(not_allowed, 405, "method_not_allowed")
    assert set(not_allowed.headers["Allow"].replace(" ", "").split(",")) == {"GET", "HEAD", "OPTIONS", "PATCH"}


def test_an_unexpected_failure_is_a_500_in_the_api_shape_without_details(app, api, monkeypatch):
    from application.courses import services

    monkeypatch.setattr(services, "terms", lambda: 1 / 0)
    body = assert_error(api.get("/api/v1/terms"), 500, "server_error")
    assert "division" not in body["message"]


def test_the_sites_pages_keep_their_own_errors(app, client):
    page = client.get("/no/such/page")
    assert page.status_code == 404 and page.mimetype == "text/html" and "We could not find that page" in page.text
    as_json = client.get("/no/such/page", headers={"Accept": "application/json"})
    assert as_json.get_json()["status"] == 404 and as_json.get_json()["error"] == "We could not find that page"


def test_the_api_needs_no_csrf_token_but_the_forms_still_do(make, api, client):
    make.course("CS101")
    user = make.user()
    assert api.post("/api/v1/me/enrollments", api.token(user), json={"courseID": "CS101"}).status_code == 201
    form = client.post("/login", data={"email": user.email, "password": "x"})
    assert form.status_code == 400 and "security token" in form.text


def test_the_api_ignores_and_never_sets_a_session(make, api, auth):
    user = make.user()
    auth.login(user.email)  # a session cookie from the site does not sign API requests in
    assert_error(api.get("/api/v1/me"), 401, "token_missing")
    response = api.get("/api/v1/me", api.token(user))
    assert response.status_code == 200 and "Set-Cookie" not in response.headers


def test_api_responses_carry_the_sites_security_headers(app, api):
    response = api.get("/api/v1/terms")
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_cors_is_off_unless_origins_are_listed(app, api):
    response = api.get("/api/v1/terms", headers={"Origin": "https://portal.example.edu"})
    assert "Access-Control-Allow-Origin" not in response.headers


def test_cors_answers_listed_origins_on_the_api_only(monkeypatch):
    monkeypatch.setenv("CORS_ORIGINS", "https://portal.example.edu, https://app.example.edu")
    database.disconnect()
    app = create_app(make_config())
    try:
        client = app.test_client()
        allowed = client.get("/api/v1/terms", headers={"Origin": "https://portal.example.edu"})
        assert allowed.headers["Access-Control-Allow-Origin"] == "https://portal.example.edu"
        preflight = client.options("/api/v1/me/enrollments", headers={
            "Origin": "https://app.example.edu", "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "Authorization, Content-Type"})
        assert preflight.headers["Access-Control-Allow-Origin"] == "https://app.example.edu"
        assert "authorization" in preflight.headers["Access-Control-Allow-Headers"].lower()
        other = client.get("/api/v1/terms", headers={"Origin": "https://evil.example"})
        assert "Access-Control-Allow-Origin" not in other.headers
        page = client.get("/courses/", headers={"Origin": "https://portal.example.edu"})
        assert "Access-Control-Allow-Origin" not in page.headers
    finally:
        database.disconnect()
