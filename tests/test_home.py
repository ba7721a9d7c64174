"""Home page, health check, error pages and CSRF."""
import pytest

from application.enrollment.models import Enrollment
from tests.conftest import PASSWORD, make_config


@pytest.mark.parametrize("path", ["/", "/index", "/home"])
def test_home_pages(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert "Find your courses" in response.get_data(as_text=True)


def test_home_feed_for_signed_in_student(client, make, student):
    course = make.course("CS101-F26", title="Programming")
    make.enroll(student, course)
    make.post(make.user(first_name="Writer"), course, title="Welcome everyone")
    html = client.get("/").get_data(as_text=True)
    assert "Welcome everyone" in html and "Programming" in html and "Writer" in html


def test_healthz_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.get_json() == {"status": "ok", "database": "ok"}


def test_healthz_names_the_failure(client, monkeypatch):
    import mongoengine

    class Broken:
        def command(self, name):
            raise ConnectionError("no servers")

    monkeypatch.setattr(mongoengine, "get_db", lambda: Broken())
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "error", "database": "ConnectionError: no servers"}


def test_404_page_is_friendly(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404 and "We could not find that page" in response.get_data(as_text=True)


def test_errors_answer_json_to_json_clients(client):
    response = client.get("/no/such/page", headers={"Accept": "application/json"})
    assert response.status_code == 404 and response.get_json()["status"] == 404


def test_405_page(client):
    assert client.put("/").status_code == 405


def test_500_page_hides_the_traceback(make, monkeypatch):
    from application import create_app
    from application.courses import pipelines

    app = create_app(make_config(PROPAGATE_EXCEPTIONS=False))
    monkeypatch.setattr(pipelines, "catalog_page", lambda *a, **k: 1 / 0)
    make.course("CS101")
    response = app.test_client().get("/courses/")
    assert response.status_code == 500
    text = response.get_data(as_text=True)
    assert "Something went wrong on our side" in text and "ZeroDivisionError" not in text


def test_too_large_body_is_413(client):
    response = client.post("/login", data={"email": "x" * (2 * 1024 * 1024)})
    assert response.status_code == 413



@pytest.mark.parametrize("path", ["/login", "/register", "/logout", "/enrollment", "/enrollment/drop",
                                  "/course/CS101/posts", "/post/0123456789abcdef01234567/delete"])
def test_posts_without_csrf_token_are_400(csrf_app, path):
    response = csrf_app.test_client().post(path, data={"courseID": "CS101"})
    assert response.status_code == 400
    assert "security token" in response.get_data(as_text=True)


def test_enroll_with_csrf_token_works(csrf_app, make):
    import re

    make.user(email="csrf@example.edu")
    make.course("CS101", term="Fall 2026")
    client = csrf_app.test_client()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', client.get("/login").get_data(as_text=True))
    client.post("/login", data={"email": "csrf@example.edu", "password": PASSWORD, "csrf_token": token.group(1)})
    page = client.get("/courses/").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    assert client.post("/enrollment", data={"courseID": "CS101", "csrf_token": token}).status_code == 302
    assert Enrollment.objects.count() == 1
    assert client.post("/logout", data={"csrf_token": token}).status_code == 302


def test_timeago_filter():
    from datetime import datetime, timedelta, timezone

    from application.web.templating import isodate, timeago

    now = datetime(2026, 11, 21, 12, 0, tzinfo=timezone.utc)
    assert timeago(now - timedelta(seconds=10), now) == "just now"
    assert timeago(now - timedelta(minutes=5), now) == "5 minutes ago"
    assert timeago(now - timedelta(hours=1), now) == "1 hour ago"
    assert timeago((now - timedelta(days=3)).replace(tzinfo=None), now) == "3 days ago"
    assert timeago(now - timedelta(days=90), now) == "Aug 23, 2026"
    assert timeago(None) == "" and isodate(None) == ""
    assert isodate(datetime(2026, 1, 2, 3, 4, 5)) == "2026-01-02T03:04:05+00:00"
