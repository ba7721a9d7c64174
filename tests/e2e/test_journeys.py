"""The main student journeys, through visible labels and buttons, in Chromium."""
import json
import re
import uuid
from collections import Counter
from pathlib import Path

from playwright.sync_api import expect

from tests.e2e.conftest import accessibility_problems, shoot

DATA = Path(__file__).resolve().parents[2] / "data"


def register_and_login(page, first="Jamie", last="Rivera"):
    """Create a fresh account through the forms and log in; return its email."""
    email = f"e2e-{uuid.uuid4().hex[:10]}@example.edu"
    password = "e2e-password-1"
    page.goto("/")
    page.get_by_role("link", name="Register").click()
    page.get_by_label("Email").fill(email)
    page.get_by_label("First Name").fill(first)
    page.get_by_label("Last Name").fill(last)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_label("Confirm Password").fill(password)
    page.get_by_role("button", name="Register").click()
    expect(page.get_by_text("Your registration is done")).to_be_visible()
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Login").click()
    expect(page.get_by_text(f"Welcome back, {first}!")).to_be_visible()
    return email


def enroll_in_first_open_course(page, skip=()):
    """Press the first Enroll button of the catalog page not in skip; return its courseID."""
    buttons = page.locator("form[action='/enrollment'] button")
    for i in range(buttons.count()):
        course_id = buttons.nth(i).get_attribute("aria-label").removeprefix("Enroll in ")
        if course_id not in skip:
            buttons.nth(i).click()
            expect(page.get_by_text(f"You are enrolled in {course_id}.")).to_be_visible()
            return course_id
    raise AssertionError("no open course on this page")


def full_course(term=None):
    """Return the courseID of a course (of a term) that the demo data fills completely."""
    courses = {c["courseID"]: c for c in json.loads((DATA / "courses.json").read_text())}
    taken = Counter(e["courseID"] for e in json.loads((DATA / "enrollments.json").read_text()))
    return next(cid for cid, n in sorted(taken.items())
                if n >= courses[cid]["capacity"] and (term is None or courses[cid]["term"] == term))


def test_visitor_browses_terms_searches_and_opens_a_course(page):
    page.goto("/")
    assert accessibility_problems(page) == []
    shoot(page, "home")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Courses").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Fall 2026")
    shoot(page, "catalog")
    page.get_by_role("navigation", name="Terms").get_by_role("link", name="Spring 2026").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Spring 2026")
    assert all(code.endswith("-S26") for code in page.locator(".card .badge.text-bg-primary").all_inner_texts())
    page.get_by_label("Search courses").fill("calculus")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_text("matching “calculus”")).to_be_visible()
    titles = page.locator(".card-title").all_inner_texts()
    assert titles and all("calculus" in t.lower() for t in titles)
    page.get_by_role("link", name=titles[0], exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(titles[0])
    expect(page.get_by_role("heading", name=re.compile("Discussion"))).to_be_visible()
    assert accessibility_problems(page) == []
    shoot(page, "course")


def test_new_student_enrolls_reviews_drops_and_logs_out(page):
    register_and_login(page)
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("button", name="Logout")).to_be_visible()
    expect(nav.get_by_role("link", name="Jamie Rivera")).to_be_visible()
    nav.get_by_role("link", name="Courses").click()
    fall = [enroll_in_first_open_course(page)]
    fall.append(enroll_in_first_open_course(page, skip=fall))
    page.get_by_role("navigation", name="Terms").get_by_role("link", name="Spring 2026").click()
    expect(page.get_by_text("Registration for Spring 2026 closed on Jan 30, 2026").first).to_be_visible()
    assert page.locator("form[action='/enrollment'] button").count() == 0
    nav.get_by_role("link", name="My Enrollments").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My Enrollments")
    rows = page.locator("tbody tr td:first-child").all_inner_texts()
    assert rows == sorted(fall)
    sections = page.locator("section h2").all_inner_texts()
    assert sections == ["Fall 2026"]
    assert all(re.fullmatch(r"\d+ credits?", t) for t in page.locator(".credits-total").all_inner_texts())
    assert accessibility_problems(page) == []
    shoot(page, "my-enrollments")
    page.get_by_role("button", name=f"Drop {fall[0]}").click()
    expect(page.get_by_text(f"You dropped {fall[0]}.")).to_be_visible()
    assert page.locator("tbody tr td:first-child").all_inner_texts() == [fall[1]]
    nav.get_by_role("button", name="Logout").click()
    expect(page.get_by_text("You are logged out.")).to_be_visible()
    expect(nav.get_by_role("link", name="Login")).to_be_visible()
    expect(nav.get_by_role("link", name="Register")).to_be_visible()
    expect(nav.get_by_role("link", name="My Enrollments")).to_have_count(0)


def test_a_full_course_offers_its_waitlist(page):
    course_id = full_course(term="Fall 2026")
    page.goto(f"/course/{course_id}")
    expect(page.get_by_role("button", name="Full")).to_be_disabled()
    register_and_login(page, first="Casey")
    page.goto(f"/course/{course_id}")
    assert page.locator("form[action='/enrollment'] button").count() == 0
    page.get_by_role("button", name=f"Join waitlist of {course_id}").click()
    expect(page.get_by_text(f"You are on the waitlist of {course_id}, 1st in line.")).to_be_visible()
    expect(page.get_by_text("1st in line").last).to_be_visible()
    page.get_by_role("button", name=f"Leave waitlist of {course_id}").first.click()
    expect(page.get_by_text(f"You left the waitlist of {course_id}.")).to_be_visible()


def test_wrong_password_and_return_to_protected_page(page):
    page.goto("/enrollment")
    expect(page).to_have_url(re.compile(r"/login\?next=%2Fenrollment"))
    expect(page.get_by_text("Please log in to see that page.")).to_be_visible()
    page.get_by_label("Email").fill("student@example.edu")
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Login").click()
    expect(page.get_by_text("Email or password is not right")).to_be_visible()
    assert accessibility_problems(page) == []
    shoot(page, "login-error")
    page.get_by_label("Password").fill("student-pass-2026")
    page.get_by_role("button", name="Login").click()
    expect(page).to_have_url(re.compile(r"/enrollment$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("My Enrollments")


def test_register_form_shows_errors(page):
    page.goto("/register")
    page.get_by_label("Email").fill("not-an-email")
    page.get_by_label("Password", exact=True).fill("short")
    page.get_by_role("button", name="Register").click()
    expect(page.get_by_text("Enter a valid email address.")).to_be_visible()
    expect(page.get_by_text("Password must be 8 to 128 characters.")).to_be_visible()
    expect(page.get_by_text("Enter your first name.")).to_be_visible()
    assert accessibility_problems(page) == []
    shoot(page, "register-errors")


def test_discussion_post_edit_delete(page):
    register_and_login(page, first="Robin")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Courses").click()
    course_id = enroll_in_first_open_course(page)
    page.goto(f"/course/{course_id}")
    page.get_by_label("Title").fill("Study group on Friday")
    page.get_by_label("Message").fill("Library, room 2.\nBring <your> notes.")
    page.get_by_role("button", name="Post", exact=True).click()
    expect(page.get_by_text("Your post is on the board.")).to_be_visible()
    first = page.locator("article.post").first
    expect(first.get_by_role("heading")).to_have_text("Study group on Friday")
    expect(first.locator(".post-body")).to_have_text("Library, room 2.\nBring <your> notes.")
    shoot(page, "discussion")
    first.get_by_role("link", name="Edit").click()
    page.get_by_label("Title").fill("Study group moved to Saturday")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("article.post").first.get_by_role("heading")).to_have_text("Study group moved to Saturday")
    page.locator("article.post").first.get_by_role("button", name="Delete").click()
    expect(page.get_by_text("The post is deleted.")).to_be_visible()
    expect(page.get_by_text("Study group moved to Saturday")).to_have_count(0)


def test_phone_nav_collapses(page):
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto("/")
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="Courses")).to_be_hidden()
    nav.get_by_role("button", name="Toggle navigation").click()
    expect(nav.get_by_role("link", name="Courses")).to_be_visible()


def test_other_pages_pass_the_accessibility_check(page):
    for path in ("/login", "/register", "/courses/Nowhere", "/course/NOPE"):
        page.goto(path)
        assert accessibility_problems(page) == [], path
    page.goto("/user/3")
    expect(page.get_by_role("heading", level=1)).to_have_text("Login")
    page.get_by_label("Email").fill("admin@example.edu")
    page.get_by_label("Password").fill("admin-pass-2026")
    page.get_by_role("button", name="Login").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ada Lovelace")
    assert accessibility_problems(page) == []
    shoot(page, "profile")


def test_an_instructor_sees_their_standing_not_an_enroll_button(page):
    page.goto("/login")
    page.get_by_label("Email").fill("ada.lovelace@example.edu")
    page.get_by_label("Password").fill("teach-pass-2026")
    page.get_by_role("button", name="Login").click()
    page.get_by_role("link", name="Ada Lovelace").click()
    page.locator("h2:has-text('Teaches') + ul a").first.click()
    expect(page.get_by_text("You teach this course.")).to_be_visible()
    expect(page.get_by_role("button", name="Enroll")).to_have_count(0)
    shoot(page, "course-instructor")


def test_the_content_security_policy_holds_in_development(browser, server):
    """The site runs here as `python main.py` does: an injected inline script is refused and reported."""
    context = browser.new_context(base_url=server)
    page = context.new_page()
    messages = []
    page.on("console", lambda msg: messages.append(msg.text))
    page.goto("/courses/")
    page.evaluate("() => { const s = document.createElement('script'); s.textContent = 'window.injected = 1';"
                  " document.body.appendChild(s); }")
    page.wait_for_timeout(300)
    assert page.evaluate("() => window.injected") is None
    assert any("Content Security Policy" in text for text in messages)
    context.close()


def test_a_student_sees_their_week_at_both_widths(page):
    users = {u["user_id"]: u for u in json.loads((DATA / "users.json").read_text())}
    courses = {c["courseID"]: c for c in json.loads((DATA / "courses.json").read_text())}
    taken = Counter(e["user_id"] for e in json.loads((DATA / "enrollments.json").read_text())
                    if courses[e["courseID"]]["term"] == "Fall 2026" and courses[e["courseID"]].get("meetings"))
    student = users[max(taken, key=lambda uid: (taken[uid], -uid))]
    page.goto("/login")
    page.get_by_label("Email").fill(student["email"])
    page.get_by_label("Password").fill("student-pass-2026")
    page.get_by_role("button", name="Login").click()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My Enrollments").click()
    expect(page.locator(".timetable").first).to_be_visible()
    assert page.locator(".timetable .tt-block").count() >= 2
    shoot(page, "my-week")
    page.set_viewport_size({"width": 375, "height": 812})
    expect(page.locator(".timetable").first).to_be_hidden()
    expect(page.locator(".day-list").first).to_be_visible()
