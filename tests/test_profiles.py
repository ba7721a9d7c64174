"""Profile editing, "about me", last seen and the avatar; pages that need a signed-in user."""
import re
from datetime import timedelta

import pytest

from application.accounts.models import User
from application.accounts.profiles import edit_profile
from application.core.errors import Forbidden, Invalid
from tests.conftest import PASSWORD

GOOD = {"first_name": "Samantha", "last_name": "Stone", "about": "Second-year.\r\nLikes proofs."}


def test_a_student_edits_their_profile(client, student):
    form = client.get("/profile/edit").get_data(as_text=True)
    for label in ("First Name", "Last Name", "About Me"):
        assert f">{label}</label>" in form
    assert 'value="Sam"' in form
    response = client.post("/profile/edit", data=GOOD)
    assert response.status_code == 302 and response.headers["Location"] == f"/user/{student.user_id}"
    stored = User.objects.get(user_id=student.user_id)
    assert (stored.first_name, stored.last_name, stored.about) == ("Samantha", "Stone", "Second-year.\nLikes proofs.")
    page = client.get(f"/user/{student.user_id}").get_data(as_text=True)
    assert "Samantha Stone" in page and '<p class="about lead fs-6">Second-year.\nLikes proofs.</p>' in page
    assert "Welcome back, Samantha" in client.get("/").get_data(as_text=True)


@pytest.mark.parametrize("field,value,message", [
    ("first_name", "", "Enter your first name."),
    ("first_name", "   ", "Enter your first name."),
    ("first_name", "x" * 51, "First name must be at most 50 characters."),
    ("first_name", "a\x01b", "Must not contain control characters."),
    ("last_name", "", "Enter your last name."),
    ("last_name", "y" * 51, "Last name must be at most 50 characters."),
    ("last_name", "\x85", "Enter your last name."),
    ("last_name", "Lo\x85ve", "Must not contain control characters."),
    ("about", "z" * 281, "About me must be at most 280 characters."),
    ("about", "bell\x07", "Must not contain control characters."),
])
def test_profile_validation_messages(client, student, field, value, message):
    response = client.post("/profile/edit", data=dict(GOOD, **{field: value}))
    assert response.status_code == 422 and message in response.get_data(as_text=True)
    assert User.objects.get(user_id=student.user_id).first_name == "Sam"


def test_about_me_is_plain_text_and_may_be_cleared(client, student):
    client.post("/profile/edit", data=dict(GOOD, about="<b>bold</b> & <script>x</script>"))
    page = client.get(f"/user/{student.user_id}").get_data(as_text=True)
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; &lt;script&gt;" in page and "<script>x" not in page
    client.post("/profile/edit", data=dict(GOOD, about="  \r\n "))
    assert User.objects.get(user_id=student.user_id).about == ""
    client.post("/profile/edit", data={"first_name": "Sam", "last_name": "Student"})
    assert User.objects.get(user_id=student.user_id).about == ""


def test_280_characters_with_line_breaks_fit(client, student):
    about = "\r\n".join(["x" * 68] * 4) + "abc"  # 275 letters, 3 line breaks sent as CR LF: 281 characters
    assert len(about) == 281
    assert client.post("/profile/edit", data=dict(GOOD, about=about)).status_code == 302
    assert len(User.objects.get(user_id=student.user_id).about) == 278


@pytest.mark.parametrize("values", [
    {"first_name": {"$ne": ""}, "last_name": "L", "about": ""},
    {"first_name": "F", "last_name": ["L"], "about": ""},
    {"first_name": "F", "last_name": "L", "about": 7},
])
def test_the_service_refuses_values_that_are_not_text(make, values):
    user = make.user()
    with pytest.raises(Invalid):
        edit_profile(user, **values)


def test_the_service_refuses_visitors(app):
    from application.accounts.models import Anonymous

    with pytest.raises(Forbidden):
        edit_profile(Anonymous(), "A", "B", "")


def test_the_profile_shows_the_avatar_last_seen_and_follow_counts(client, make, student, clock):
    ada = make.user(email="ada@example.edu", first_name="ada", last_name="Lovelace")
    client.post(f"/user/{ada.user_id}/follow")
    User.objects(user_id=ada.user_id).update(set__last_seen=clock_now(clock) - timedelta(hours=3))
    page = client.get(f"/user/{ada.user_id}").get_data(as_text=True)
    avatar = re.search(r'<span class="avatar avatar-(\d) avatar-lg" aria-hidden="true">(\w+)</span>', page)
    assert avatar and avatar.groups() == (str(ada.user_id % 8), "AL")
    assert "Last seen" in page and "3 hours ago" in page
    assert "1 follower</a>" in page and "0 following</a>" in page
    assert 'aria-label="Unfollow ada Lovelace"' in page
    mine = client.get(f"/user/{student.user_id}").get_data(as_text=True)
    assert "0 followers</a>" in mine and "1 following</a>" in mine and "Edit profile" in mine
    assert "Follow" not in re.sub(r"follow(ers|ing)", "", mine.split("<main")[1])


def clock_now(clock):
    from application.core.clock import utcnow

    return utcnow() + clock.offset


def test_the_avatar_is_initials_on_a_palette_colour_with_no_style_attribute(client, make, student):
    page = client.get(f"/user/{student.user_id}").get_data(as_text=True)
    assert ">SS</span>" in page and "style=" not in page and "<svg" not in page and "data:" not in page


@pytest.mark.parametrize("path", ["/profile/edit", "/account/password", "/user/1/followers", "/user/1/following",
                                  "/user/1"])
def test_account_pages_send_visitors_to_the_login_page(client, make, path):
    make.user()
    response = client.get(path)
    assert response.status_code == 302 and response.headers["Location"].startswith("/login?next=")


@pytest.mark.parametrize("path", ["/profile/edit", "/account/password", "/account/sessions/revoke",
                                  "/account/confirm/resend", "/user/1/follow", "/user/1/unfollow"])
def test_account_actions_send_visitors_to_the_login_page_and_change_nothing(client, make, path):
    user = make.user()
    response = client.post(path, data={"first_name": "X", "last_name": "Y", "current_password": PASSWORD,
                                       "password": "new-password-1", "password_confirm": "new-password-1"})
    assert response.status_code == 302 and response.headers["Location"].startswith("/login?next=")
    stored = User.objects.get(user_id=user.user_id)
    assert stored.first_name == "Test" and stored.check_password(PASSWORD) and stored.session_stamp is None
