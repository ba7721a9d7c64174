"""A student promoted from a waitlist gets a mail (a real SMTP server receives it) beside the notice."""
import pytest

from application.enrollment import services
from tests.mailbox import html_of, link_path, text_of


@pytest.fixture
def config_overrides(mailbox):
    """Mail goes to the test's own SMTP server; links point at the site's address."""
    return {**mailbox.config(), "SITE_URL": "https://enroll.example.edu"}


def test_a_promoted_student_is_mailed_with_a_link_to_their_courses(app, make, mailbox):
    course = make.course("TINY", capacity=1)
    holder = make.user(email="holder@example.edu")
    first = make.user(email="first@example.edu", first_name="Fay")
    make.enroll(holder, course)
    with app.test_request_context():
        services.join_waitlist(first, "TINY")
        services.drop(holder, "TINY")
    mailbox.wait_for(1)
    message = mailbox.last("first@example.edu")
    assert message["Subject"] == "You have a seat"
    assert "Hello Fay," in text_of(message) and "A seat freed up in TINY: you are now enrolled." in text_of(message)
    assert "https://enroll.example.edu/enrollment" in text_of(message) and "<p>Hello Fay,</p>" in html_of(message)
    assert link_path(message) == "/enrollment"
    assert [m["To"] for m in mailbox.wait_for(1)] == ["first@example.edu"]


def test_without_a_request_the_mail_goes_without_a_link(app, make, mailbox):
    app.config["SITE_URL"] = None
    course = make.course("TINY", capacity=1)
    holder, first = make.user(email="holder@example.edu"), make.user(email="first@example.edu")
    make.enroll(holder, course)
    with app.app_context():
        services.join_waitlist(first, "TINY")
        services.drop(holder, "TINY")
    mailbox.wait_for(1)
    assert "Your courses:" not in text_of(mailbox.last("first@example.edu"))
