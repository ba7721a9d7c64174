"""Changing the password while signed in: the form's messages, the notice mail and the guessing limit."""
import pytest

from application.accounts.models import User
from tests.conftest import PASSWORD
from tests.mailbox import link_path, text_of

NEW = "a-brand-new-pass-1"
GOOD = {"current_password": PASSWORD, "password": NEW, "password_confirm": NEW}


@pytest.fixture
def config_overrides(mailbox):
    """Mail goes to the test's own SMTP server."""
    return mailbox.config()


def test_the_page_has_labelled_fields_and_the_sign_out_everywhere_button(client, student):
    html = client.get("/account/password").get_data(as_text=True)
    for label in ("Current Password", "New Password", "Confirm New Password"):
        assert f">{label}</label>" in html
    assert ">Sign out everywhere</button>" in html and 'action="/account/sessions/revoke"' in html


def test_a_changed_password_is_the_one_that_works_and_a_notice_is_mailed(app, client, student, mailbox):
    response = client.post("/account/password", data=GOOD)
    assert response.status_code == 302 and response.headers["Location"] == f"/user/{student.user_id}"
    assert "Your password is changed" in client.get("/").get_data(as_text=True)
    notice = mailbox.last(student.email)
    assert notice["Subject"] == "Your password was changed" and "every other session" in text_of(notice)
    assert link_path(notice) == "/reset"
    stored = User.objects.get(user_id=student.user_id)
    assert stored.check_password(NEW) and not stored.check_password(PASSWORD)
    fresh = app.test_client()
    assert fresh.post("/login", data={"email": student.email, "password": NEW}).status_code == 302


@pytest.mark.parametrize("field,value,message", [
    ("current_password", "", "Enter your current password."),
    ("current_password", "x" * 129, "Password must be 8 to 128 characters."),
    ("current_password", "not-my-password", "Your current password is not right."),
    ("password", "", "Choose a password."),
    ("password", "short", "Password must be 8 to 128 characters."),
    ("password", "y" * 129, "Password must be 8 to 128 characters."),
    ("password_confirm", "", "Confirm your password."),
    ("password_confirm", "something-else-1", "Passwords must match."),
])
def test_password_change_validation_messages(client, student, mailbox, field, value, message):
    data = dict(GOOD, **{field: value})
    if field == "password":
        data["password_confirm"] = value
    response = client.post("/account/password", data=data)
    assert response.status_code == 422 and message in response.get_data(as_text=True)
    assert User.objects.get(user_id=student.user_id).check_password(PASSWORD) and mailbox.messages == []


class TestGuessing:
    """A wrong current password counts as a failed sign-in: a stolen session cannot guess the password."""

    @pytest.fixture
    def config_overrides(self):
        return {"RATELIMIT_ENABLED": True, "LOGIN_FAILURES_PER_ACCOUNT": "3 per 15 minutes"}

    def test_the_account_locks_after_too_many_wrong_current_passwords(self, client, student):
        from application.extensions import limiter

        limiter.reset()
        codes = [client.post("/account/password", data=dict(GOOD, current_password=f"guess-{i}-x")).status_code
                 for i in range(4)]
        assert codes == [422, 422, 422, 429]
        locked = client.post("/account/password", data=GOOD)
        assert locked.status_code == 429 and locked.headers["Retry-After"].isdigit()
        assert "Too many failed sign-ins" in locked.get_data(as_text=True)
        assert User.objects.get(user_id=student.user_id).check_password(PASSWORD)
