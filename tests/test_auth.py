"""Register, login, logout and the safe-next rules."""
import re

import pytest

from application.accounts.models import User
from application.web.requests import is_safe_next
from tests.conftest import PASSWORD

GOOD = {"email": "New.Student@Example.edu", "password": "longenough1", "password_confirm": "longenough1",
        "first_name": "New", "last_name": "Student"}


@pytest.mark.real_password_hashing
def test_register_creates_student_with_hashed_lowercase_email(client):
    response = client.post("/register", data=GOOD)
    assert response.status_code == 302 and response.headers["Location"] == "/login"
    user = User.objects.get(email="new.student@example.edu")
    assert user.role == "student" and user.user_id >= 1
    assert user.password != "longenough1" and user.password.startswith("scrypt:")
    assert user.check_password("longenough1")


def test_register_page_has_labelled_fields(client):
    html = client.get("/register").get_data(as_text=True)
    for label in ("Email", "Password", "Confirm Password", "First Name", "Last Name"):
        assert f">{label}</label>" in html
    assert 'name="password_confirm"' in html


@pytest.mark.parametrize("field,value,message", [
    ("email", "", "Enter your email."),
    ("email", "not-an-email", "Enter a valid email address."),
    ("email", "a" * 250 + "@x.edu", "Email must be at most 254 characters."),
    ("password", "", "Choose a password."),
    ("password", "short", "Password must be 8 to 128 characters."),
    ("password_confirm", "", "Confirm your password."),
    ("password_confirm", "different123", "Passwords must match."),
    ("first_name", "", "Enter your first name."),
    ("first_name", "   ", "Enter your first name."),
    ("first_name", "x" * 51, "First name must be at most 50 characters."),
    ("last_name", "", "Enter your last name."),
    ("last_name", "y" * 51, "Last name must be at most 50 characters."),
])
def test_register_validation_messages(client, field, value, message):
    data = dict(GOOD, **{field: value})
    if field == "password":
        data["password_confirm"] = value
    response = client.post("/register", data=data)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert User.objects.count() == 0


def test_register_answers_a_taken_email_exactly_like_a_new_one(app, make):
    make.user(email="taken@example.edu", password="the-owners-pass")
    answers = []
    for email in ("TAKEN@example.edu", "fresh@example.edu"):
        client = app.test_client()
        response = client.post("/register", data=dict(GOOD, email=email))
        page = client.get("/login").get_data(as_text=True)
        answers.append((response.status_code, response.headers["Location"], re.findall(r'role="alert">\s*([^<]+)', page)))
    assert answers[0] == answers[1] and "registration is done" in answers[0][2][0]
    assert User.objects.count() == 2 and User.objects.get(email="taken@example.edu").check_password("the-owners-pass")


def test_register_escapes_html_in_names(client):
    response = client.post("/register", data=dict(GOOD, first_name="<script>x</script>", password="short"))
    assert "<script>x</script>" not in response.get_data(as_text=True)


def test_login_and_logout(client, make, auth):
    make.user(email="sam@example.edu", first_name="Sam")
    response = auth.login("SAM@example.edu")
    assert response.status_code == 302
    page = client.get("/").get_data(as_text=True)
    assert "Welcome back, Sam" in page and ">Logout</button>" in page and ">Login</a>" not in page
    response = auth.logout()
    assert response.status_code == 302
    page = client.get("/").get_data(as_text=True)
    assert ">Login</a>" in page and ">Register</a>" in page and "Logout" not in page


@pytest.mark.parametrize("email,password,status", [("sam@example.edu", "wrong-password", 200),
                                                   ("nobody@example.edu", PASSWORD, 200),
                                                   ("", "", 422), ("sam@example.edu", "", 422)])
def test_login_rejects_bad_credentials(client, make, auth, email, password, status):
    make.user(email="sam@example.edu")
    response = auth.login(email, password)
    assert response.status_code == status
    assert client.get("/enrollment").status_code == 302


def test_login_wrong_password_message(make, auth):
    make.user(email="sam@example.edu")
    assert "Email or password is not right" in auth.login("sam@example.edu", "nope-nope").get_data(as_text=True)


def test_logout_is_not_a_get(client, student):
    assert client.get("/logout").status_code == 405


def test_remember_me_sets_cookie(client, make, auth):
    make.user(email="sam@example.edu")
    response = auth.login("sam@example.edu", remember_me="y")
    assert "remember_token=" in " ".join(response.headers.getlist("Set-Cookie"))


def test_login_redirects_to_safe_next(client, make):
    make.user(email="sam@example.edu")
    response = client.post("/login?next=/enrollment", data={"email": "sam@example.edu", "password": PASSWORD})
    assert response.headers["Location"] == "/enrollment"


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example", "/\\evil.example", "\\\\evil",
                                    "javascript:alert(1)", "http:/evil", "/ok\nSet-Cookie:x", "", "relative/path",
                                    "/%0a" + "x" * 3000])
def test_login_ignores_unsafe_next(client, make, target):
    make.user(email="sam@example.edu")
    response = client.post("/login", query_string={"next": target},
                           data={"email": "sam@example.edu", "password": PASSWORD})
    assert response.headers["Location"] == "/"


@pytest.mark.parametrize("target,safe", [
    ("/courses/", True), ("/course/CS101?page=2", True), ("/", True),
    ("//evil.example/x", False), ("/\\evil", False), ("https://evil", False), ("javascript:alert(1)", False),
    ("mailto:x@y", False), ("/a\tb", False), (None, False), ("ftp://x", False), (" /x", False),
])
def test_is_safe_next(target, safe):
    assert is_safe_next(target) is safe


def test_protected_page_redirects_to_login_with_next(client):
    response = client.get("/enrollment")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


def test_signed_in_user_visiting_login_or_register_goes_home(client, student):
    assert client.get("/login").status_code == 302
    assert client.get("/register").status_code == 302


def test_user_loader_ignores_garbage_ids(app):
    from application.accounts.services import load_user

    assert load_user("abc") is None and load_user("9" * 40) is None and load_user("77") is None
