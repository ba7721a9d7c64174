"""Account journeys in Chromium: a forgotten password reset through the mailed link, a profile, following."""
import json
import re
from collections import Counter
from pathlib import Path

from playwright.sync_api import expect

from tests.e2e.conftest import accessibility_problems, shoot
from tests.e2e.test_journeys import register_and_login
from tests.mailbox import LINK, text_of

DATA = Path(__file__).resolve().parents[2] / "data"


def test_forgot_password_then_the_mailed_link_then_a_new_password_signs_in(page, site_mailbox):
    email = register_and_login(page, first="Morgan", last="Reyes")
    page.get_by_role("navigation", name="Main").get_by_role("button", name="Logout").click()
    expect(page.get_by_text("You are logged out.")).to_be_visible()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Login").click()
    page.get_by_role("link", name="Forgot your password?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reset your password")
    assert accessibility_problems(page) == []
    page.get_by_label("Email").fill(email)
    page.get_by_role("button", name="Send the link").click()
    expect(page.get_by_text("If an account has this email, we sent it a link")).to_be_visible()

    link = LINK.search(text_of(site_mailbox.last(email))).group(0)
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Choose a new password")
    expect(page.get_by_text(email)).to_be_visible()
    assert accessibility_problems(page) == []
    shoot(page, "reset-password")
    page.get_by_label("New Password", exact=True).fill("my-new-e2e-pass-2")
    page.get_by_label("Confirm New Password").fill("my-new-e2e-pass-2")
    page.get_by_role("button", name="Set password").click()
    expect(page.get_by_text("Your new password is set and you are signed in.")).to_be_visible()
    expect(page.get_by_role("navigation", name="Main").get_by_role("link", name="Morgan Reyes")).to_be_visible()

    page.goto(link)
    expect(page.get_by_text("This link was already used")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reset your password")


def _a_prolific_author():
    """Return (user_id, first name, title of their newest post) of the demo student with the most posts."""
    users = {u["user_id"]: u for u in json.loads((DATA / "users.json").read_text())}
    posts = json.loads((DATA / "posts.json").read_text())
    author = Counter(p["user_id"] for p in posts if users[p["user_id"]].get("role", "student") == "student")
    user_id = author.most_common(1)[0][0]
    newest = max((p for p in posts if p["user_id"] == user_id), key=lambda p: p["created_at"]["$date"])
    return user_id, users[user_id]["first_name"], newest["title"]


def test_a_student_edits_their_profile_follows_a_classmate_and_reads_their_posts(page):
    register_and_login(page, first="Alex", last="Kim")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Alex Kim").click()
    page.get_by_role("link", name="Edit profile").click()
    page.get_by_label("About Me").fill("Second year.\nMaths and music.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Your profile is saved.")).to_be_visible()
    expect(page.locator(".about")).to_have_text("Second year.\nMaths and music.")
    expect(page.locator(".avatar")).to_have_text("AK")
    assert accessibility_problems(page) == []
    shoot(page, "own-profile")

    user_id, name, title = _a_prolific_author()
    page.goto(f"/user/{user_id}")
    page.get_by_role("button", name=re.compile(f"^Follow {name}")).click()
    expect(page.get_by_text(re.compile(f"You now follow {name}"))).to_be_visible()
    expect(page.get_by_role("link", name="1 follower")).to_be_visible()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Home").click()
    expect(page.get_by_role("heading", name="From your courses and the people you follow")).to_be_visible()
    expect(page.get_by_role("heading", name=title, exact=True).first).to_be_visible()
    assert accessibility_problems(page) == []
    shoot(page, "home-feed")
