"""Password reset by email: a real SMTP server receives the mail, its link works once, for one hour."""
import logging
import re
from datetime import timedelta

import pytest

from application.accounts import links
from application.accounts.models import User
from tests.conftest import PASSWORD, make_config
from tests.mailbox import html_of, link_path, text_of

NEW = "a-brand-new-pass-1"
SENT = "If an account has this email, we sent it a link"


@pytest.fixture
def config_overrides(mailbox):
    """Mail goes to the test's own SMTP server."""
    return mailbox.config()


def _flashes(client):
    return re.findall(r'role="alert">\s*([^<]+?)\s*<', client.get("/login").get_data(as_text=True))


def _ask(client, email):
    return client.post("/reset", data={"email": email})


def _token(app, user, purpose=links.RESET):
    with app.test_request_context():
        return links.make_token(purpose, user)


def test_a_reset_mail_arrives_and_its_link_works_once_then_never_again(app, make, mailbox):
    user = make.user(email="ada@example.edu", first_name="Ada")
    client = app.test_client()
    response = _ask(client, "ADA@example.edu ")
    assert response.status_code == 302 and response.headers["Location"] == "/login"
    message = mailbox.last("ada@example.edu")
    assert message["Subject"] == "Reset your password" and "Hello Ada" in text_of(message)
    path = link_path(message)
    assert path.startswith("/reset/") and path in html_of(message) and "60 minutes" in text_of(message)
    form = client.get(path)
    assert form.status_code == 200 and "ada@example.edu" in form.get_data(as_text=True)
    done = client.post(path, data={"password": NEW, "password_confirm": NEW})
    assert done.status_code == 302 and done.headers["Location"] == "/"
    assert client.get("/enrollment").status_code == 200  # signed in
    stored = User.objects.get(user_id=user.user_id)
    assert stored.check_password(NEW) and not stored.check_password(PASSWORD)
    for again in (client.get(path), client.post(path, data={"password": "another-pass-2", "password_confirm":
                                                            "another-pass-2"})):
        assert again.status_code == 302 and again.headers["Location"] == "/reset"
    assert "This link was already used" in client.get("/reset").get_data(as_text=True)
    assert User.objects.get(user_id=user.user_id).check_password(NEW)


def test_the_answer_is_the_same_whether_or_not_the_email_has_an_account(app, make, mailbox):
    make.user(email="real@example.edu")
    answers = []
    for email in ("nobody@example.edu", "real@example.edu"):
        client = app.test_client()
        response = _ask(client, email)
        answers.append((response.status_code, response.headers["Location"], _flashes(client)))
    assert answers[0] == answers[1] and SENT in answers[0][2][0]
    assert [str(m["To"]) for m in mailbox.wait_for(1)] == ["real@example.edu"]


@pytest.mark.parametrize("email,message", [
    ("", "Enter your email."),
    ("   ", "Enter your email."),
    ("not-an-email", "Enter a valid email address."),
    ("a" * 250 + "@x.edu", "Email must be at most 254 characters."),
    ("a\x01@example.edu", "Must not contain control characters."),
])
def test_reset_request_validation_messages(client, email, message):
    response = _ask(client, email)
    assert response.status_code == 422 and message in response.get_data(as_text=True)


@pytest.mark.parametrize("password,confirm,message", [
    ("", "", "Choose a password."),
    ("short", "short", "Password must be 8 to 128 characters."),
    ("x" * 129, "x" * 129, "Password must be 8 to 128 characters."),
    (NEW, "", "Confirm your password."),
    (NEW, "something-else-1", "Passwords must match."),
])
def test_reset_form_validation_messages(app, make, password, confirm, message):
    user = make.user()
    client = app.test_client()
    response = client.post(f"/reset/{_token(app, user)}", data={"password": password, "password_confirm": confirm})
    assert response.status_code == 422 and message in response.get_data(as_text=True)
    assert User.objects.get(user_id=user.user_id).check_password(PASSWORD)


def test_a_reset_link_lives_one_hour(app, make, clock):
    user = make.user()
    path = f"/reset/{_token(app, user)}"
    client = app.test_client()
    clock.travel(timedelta(minutes=59))
    assert client.get(path).status_code == 200
    clock.travel(timedelta(minutes=2))
    response = client.post(path, data={"password": NEW, "password_confirm": NEW})
    assert response.status_code == 302 and response.headers["Location"] == "/reset"
    assert "This link has expired" in client.get("/reset").get_data(as_text=True)
    assert User.objects.get(user_id=user.user_id).check_password(PASSWORD)


def _tampered(token):
    return token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")


@pytest.mark.parametrize("forge", [
    _tampered,
    lambda token: token.replace(".", "", 1),
    lambda token: "x" * 400,
    lambda token: "not-a-token",
    lambda token: token + "A" * 40,
])
def test_a_tampered_link_is_refused(app, make, forge):
    user = make.user()
    client = app.test_client()
    response = client.get(f"/reset/{forge(_token(app, user))}")
    assert response.status_code == 302 and response.headers["Location"] == "/reset"
    assert "This link is not valid" in client.get("/reset").get_data(as_text=True)


def test_a_link_for_another_purpose_or_signed_with_another_key_is_refused(app, make):
    from itsdangerous import URLSafeTimedSerializer

    user = make.user()
    confirm = _token(app, user, links.CONFIRM)
    foreign = URLSafeTimedSerializer("another-secret", salt="password-reset").dumps([user.user_id, "x" * 16])
    for token in (confirm, foreign):
        with app.test_request_context(), pytest.raises(links.BadLink):
            links.token_holder(links.RESET, token)
    with app.test_request_context(), pytest.raises(links.BadLink):
        links.token_holder(links.RESET, None)


@pytest.mark.parametrize("payload", [["1", "x"], [True, "x"], [10**20, "x"], {"u": 1}, [1], "1"])
def test_a_validly_signed_link_with_odd_contents_is_refused(app, make, payload):
    from itsdangerous import URLSafeTimedSerializer

    make.user()
    with app.test_request_context():
        token = URLSafeTimedSerializer(app.secret_key, salt="password-reset").dumps(payload)
        with pytest.raises(links.BadLink):
            links.token_holder(links.RESET, token)


def test_a_deactivated_account_gets_no_reset_mail_and_its_links_die(app, make, mailbox):
    from application.accounts.sessions import deactivate

    user, other = make.user(email="gone@example.edu"), make.user(email="here@example.edu")
    token = _token(app, user)
    deactivate(user)
    _ask(app.test_client(), "gone@example.edu")
    _ask(app.test_client(), "here@example.edu")
    assert [str(m["To"]) for m in mailbox.wait_for(1)] == ["here@example.edu"] and other
    response = app.test_client().get(f"/reset/{token}")
    assert response.status_code == 302 and response.headers["Location"] == "/reset"


def test_a_reset_confirms_the_email_and_ends_every_session_and_token(app, make, api):
    user = make.user(email="sam@example.edu")
    User.objects(user_id=user.user_id).update(set__email_confirmed=False)
    other = app.test_client()
    other.post("/login", data={"email": "sam@example.edu", "password": PASSWORD, "remember_me": "y"})
    token = api.token(user)
    path = f"/reset/{_token(app, User.objects.get(user_id=user.user_id))}"
    app.test_client().post(path, data={"password": NEW, "password_confirm": NEW})
    assert User.objects.get(user_id=user.user_id).email_confirmed is True
    assert other.get("/enrollment").status_code == 302
    assert api.get("/api/v1/me", token).status_code == 401


def test_the_login_page_links_to_the_reset_page(client):
    assert 'href="/reset"' in client.get("/login").get_data(as_text=True)
    assert "Send the link" in client.get("/reset").get_data(as_text=True)


def test_links_use_site_url_when_it_is_set(make, mailbox):
    from application import create_app

    make.user(email="ada@example.edu")
    app = create_app(make_config(SITE_URL="https://enroll.example.edu", **mailbox.config()))
    _ask(app.test_client(), "ada@example.edu")
    assert "https://enroll.example.edu/reset/" in text_of(mailbox.last())


class TestLimits:
    """Reset requests are limited per email as typed (with or without an account) and per address."""

    @pytest.fixture
    def config_overrides(self, mailbox):
        return {**mailbox.config(), "RATELIMIT_ENABLED": True, "MAIL_REQUESTS_PER_EMAIL": "3 per hour",
                "MAIL_REQUESTS_PER_ADDRESS": "5 per hour"}

    @pytest.fixture(autouse=True)
    def fresh_limits(self, app):
        from application.extensions import limiter

        limiter.reset()

    def _ask_from(self, app, email, address):
        return app.test_client().post("/reset", data={"email": email}, environ_base={"REMOTE_ADDR": address})

    def test_per_email_the_same_for_an_email_with_or_without_an_account(self, app, make):
        make.user(email="real@example.edu")
        pages = []
        for email in ("real@example.edu", "ghost@example.edu"):
            codes = [self._ask_from(app, email, f"10.0.0.{i}").status_code for i in range(3)]
            refused = self._ask_from(app, email, "10.0.0.9")
            assert codes == [302] * 3 and refused.status_code == 429 and refused.headers["Retry-After"].isdigit()
            html = refused.get_data(as_text=True)
            pages.append(html[html.index("Too many mails"):].split("<")[0])
        assert pages[0] == pages[1] and "this email address" in pages[0]

    def test_per_address(self, app):
        codes = [self._ask_from(app, f"user{i}@example.edu", "10.0.1.1").status_code for i in range(6)]
        assert codes == [302] * 5 + [429]
        assert self._ask_from(app, "user9@example.edu", "10.0.1.2").status_code == 302


def test_without_a_mail_server_development_logs_one_line_with_the_link(make, caplog):
    from application import create_app

    make.user(email="ada@example.edu")
    app = create_app(make_config())
    with caplog.at_level(logging.INFO, logger="application.mail"):
        _ask(app.test_client(), "ada@example.edu")
    lines = [r.getMessage() for r in caplog.records if r.name == "application.mail"]
    assert len(lines) == 1 and "ada@example.edu" in lines[0] and "Reset your password" in lines[0]
    path = "/reset/" + lines[0].split("/reset/")[1]
    assert app.test_client().get(path).status_code == 200


def test_production_without_a_mail_server_warns_and_the_reset_page_says_so(make, caplog):
    from application import create_app

    make.user(email="ada@example.edu")
    with caplog.at_level(logging.WARNING, logger="application.mail"):
        app = create_app(make_config(ENV_NAME="production", ADMIN_EMAIL="help@example.edu"))
    assert any("MAIL_SERVER is not set" in r.getMessage() for r in caplog.records)
    page = app.test_client().get("/reset").get_data(as_text=True)
    assert "Mail is not configured on this site" in page and "help@example.edu" in page
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="application.mail"):
        _ask(app.test_client(), "ada@example.edu")
    assert all("/reset/" not in r.getMessage() for r in caplog.records)  # never a live link in the logs
