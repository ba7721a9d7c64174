"""Email confirmation (REQUIRE_EMAIL_CONFIRMATION): the link arrives at a real SMTP server, and until it is
followed the account may browse but not enroll or post; registration still answers alike for a taken email."""
import re
from datetime import timedelta

import pytest

from application.accounts.models import User
from application.enrollment.models import Enrollment
from tests.conftest import make_config
from tests.mailbox import free_port, link_path, text_of

NEW = {"email": "new@example.edu", "password": "longenough1", "password_confirm": "longenough1",
       "first_name": "Nia", "last_name": "Novak"}
BANNER = "Confirm your email to enroll in courses and post"


@pytest.fixture
def config_overrides(mailbox):
    """Confirmation on, mail to the test's own SMTP server."""
    return {**mailbox.config(), "REQUIRE_EMAIL_CONFIRMATION": True}


def _flashes(client):
    return re.findall(r'role="alert">\s*([^<]+?)\s*<', client.get("/login").get_data(as_text=True))


def _register_and_login(app, data=NEW):
    client = app.test_client()
    client.post("/register", data=data)
    client.post("/login", data={"email": data["email"], "password": data["password"]})
    return client


def test_a_new_account_gets_a_link_and_may_browse_but_not_enroll_or_post_until_it_follows_it(app, make, mailbox,
                                                                                                api):
    course = make.course("CS101-F26")
    client = app.test_client()
    response = client.post("/register", data=NEW)
    assert response.status_code == 302 and response.headers["Location"] == "/login"
    assert any("We sent a mail to this address" in flash for flash in _flashes(client))
    message = mailbox.last("new@example.edu")
    assert message["Subject"] == "Confirm your email" and "Hello Nia" in text_of(message)
    assert User.objects.get(email="new@example.edu").email_confirmed is False
    client.post("/login", data={"email": NEW["email"], "password": NEW["password"]})
    page = client.get("/courses/").get_data(as_text=True)
    assert BANNER in page and ">Resend</button>" in page and "CS101-F26" in page
    client.post("/enrollment", data={"courseID": "CS101-F26"})
    assert "Confirm your email first" in client.get("/").get_data(as_text=True)
    token = api.tokens(NEW["email"], NEW["password"])["access_token"]
    refused = api.post("/api/v1/me/enrollments", token, json={"courseID": "CS101-F26"})
    assert refused.status_code == 403 and refused.get_json()["reason"] == "unconfirmed"
    posted = client.post("/course/CS101-F26/posts", data={"title": "Hi", "body": "there"})
    assert posted.status_code == 403 and "Confirm your email first" in posted.get_data(as_text=True)
    assert Enrollment.objects.count() == 0 and course

    followed = client.get(link_path(message))
    assert followed.status_code == 302 and followed.headers["Location"] == "/"
    home = client.get("/").get_data(as_text=True)
    assert "Your email is confirmed" in home and BANNER not in home
    client.post("/enrollment", data={"courseID": "CS101-F26"})
    assert Enrollment.objects.count() == 1


def test_a_taken_email_is_answered_alike_and_its_owner_is_told(app, make, mailbox):
    make.user(email="taken@example.edu", first_name="Owner", password="the-owners-pass")
    answers = []
    for email in ("TAKEN@example.edu", "fresh@example.edu"):
        client = app.test_client()
        response = client.post("/register", data=dict(NEW, email=email))
        answers.append((response.status_code, response.headers["Location"], _flashes(client)))
    assert answers[0] == answers[1]
    taken, fresh = mailbox.last("taken@example.edu"), mailbox.last("fresh@example.edu")
    assert taken["Subject"] == "Someone tried to register with your email" and "Hello Owner" in text_of(taken)
    assert link_path(taken) == "/reset" and fresh["Subject"] == "Confirm your email"
    assert User.objects.get(email="taken@example.edu").check_password("the-owners-pass")


def test_resend_mails_a_new_link_and_a_confirmed_account_is_told_so(app, mailbox):
    client = _register_and_login(app)
    mailbox.wait_for(1)
    response = client.post("/account/confirm/resend")
    assert response.status_code == 302
    assert "We sent a new confirmation link to new@example.edu" in client.get("/").get_data(as_text=True)
    second = mailbox.wait_for(2)[1]
    client.get(link_path(second))
    client.post("/account/confirm/resend")
    assert "Your email is already confirmed." in client.get("/").get_data(as_text=True)
    assert len(mailbox.messages) == 2


def test_a_confirmation_link_lives_seven_days(app, mailbox, clock):
    client = _register_and_login(app)
    path = link_path(mailbox.last())
    clock.travel(timedelta(days=7, minutes=1))
    client.get(path)
    assert "This link has expired" in client.get("/").get_data(as_text=True)
    assert User.objects.get(email="new@example.edu").email_confirmed is False


def test_a_link_for_an_older_email_or_a_tampered_one_confirms_nothing(app, mailbox):
    client = _register_and_login(app)
    path = link_path(mailbox.last())
    client.get(path[:-2] + ("xx" if not path.endswith("xx") else "yy"))
    assert "This link is not valid" in client.get("/").get_data(as_text=True)
    User.objects(email="new@example.edu").update(set__email="renamed@example.edu")
    client.get(path)
    assert User.objects.get(email="renamed@example.edu").email_confirmed is False


def test_a_visitor_following_the_link_is_sent_to_the_login_page(app, mailbox):
    app.test_client().post("/register", data=NEW)
    response = app.test_client().get(link_path(mailbox.last()))
    assert response.status_code == 302 and response.headers["Location"] == "/login"
    assert User.objects.get(email="new@example.edu").email_confirmed is True


class TestResendLimits:
    """Confirmation mails are limited like reset mails."""

    @pytest.fixture
    def config_overrides(self, mailbox):
        return {**mailbox.config(), "REQUIRE_EMAIL_CONFIRMATION": True, "RATELIMIT_ENABLED": True,
                "MAIL_REQUESTS_PER_EMAIL": "2 per hour"}

    def test_too_many_resends_wait(self, app, mailbox):
        from application.extensions import limiter

        limiter.reset()
        client = _register_and_login(app)
        for _ in range(3):
            client.post("/account/confirm/resend")
        assert "Too many mails were asked for this email address" in client.get("/").get_data(as_text=True)
        assert len(mailbox.wait_for(3)) == 3  # the registration's and two resends


class TestMailDown:
    """A mail that cannot be sent never loses what the person did."""

    @pytest.fixture
    def config_overrides(self):
        return {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": free_port(), "MAIL_TIMEOUT": 2,
                "REQUIRE_EMAIL_CONFIRMATION": True}

    def test_registration_keeps_the_account_and_says_the_mail_could_not_be_sent_alike_for_a_taken_email(self, app,
                                                                                                        make):
        make.user(email="taken@example.edu")
        answers = []
        for email in ("taken@example.edu", "fresh@example.edu"):
            client = app.test_client()
            response = client.post("/register", data=dict(NEW, email=email))
            answers.append((response.status_code, response.headers["Location"], _flashes(client)))
        assert answers[0] == answers[1] and any("could not be sent" in flash for flash in answers[0][2])
        assert User.objects(email="fresh@example.edu").count() == 1

    def test_a_password_change_happens_and_the_page_says_the_notice_was_not_sent(self, app, make):
        from tests.conftest import PASSWORD

        user = make.user(email="sam@example.edu")
        client = app.test_client()
        client.post("/login", data={"email": user.email, "password": PASSWORD})
        client.post("/account/password", data={"current_password": PASSWORD, "password": "a-new-pass-1",
                                               "password_confirm": "a-new-pass-1"})
        page = client.get(f"/user/{user.user_id}").get_data(as_text=True)
        assert "Your password is changed" in page and "could not be sent" in page
        assert User.objects.get(user_id=user.user_id).check_password("a-new-pass-1")

    def test_resend_says_the_mail_could_not_be_sent(self, app):
        client = _register_and_login(app)
        client.post("/account/confirm/resend")
        assert "could not be sent just now" in client.get("/").get_data(as_text=True)


def test_without_the_setting_accounts_are_confirmed_and_no_mail_goes_out(make, mailbox):
    from application import create_app

    app = create_app(make_config(**mailbox.config()))
    client = _register_and_login(app)
    assert User.objects.get(email="new@example.edu").email_confirmed is True
    assert BANNER not in client.get("/").get_data(as_text=True) and mailbox.messages == []


@pytest.mark.parametrize("env,raw,expected", [("production", None, True), ("development", None, False),
                                              ("production", "off", False), ("development", "yes", True)])
def test_confirmation_is_on_by_default_in_production_only(monkeypatch, env, raw, expected):
    from config import config_for

    if raw is None:
        monkeypatch.delenv("REQUIRE_EMAIL_CONFIRMATION", raising=False)
    else:
        monkeypatch.setenv("REQUIRE_EMAIL_CONFIRMATION", raw)
    assert config_for(env).REQUIRE_EMAIL_CONFIRMATION is expected


def test_a_yes_no_setting_that_is_neither_is_named(monkeypatch):
    from config import ConfigError, config_for

    monkeypatch.setenv("MAIL_USE_TLS", "sometimes")
    with pytest.raises(ConfigError, match="MAIL_USE_TLS"):
        config_for("development")
