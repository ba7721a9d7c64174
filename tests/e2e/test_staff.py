"""Staff journeys in Chromium: an instructor's Teach page, roster and CSV; an admin creates a course."""
import csv
import io
import re
import uuid

from playwright.sync_api import expect

from tests.e2e.conftest import accessibility_problems, shoot

HEADER = ["user_id", "last_name", "first_name", "email", "enrolled_at"]


def sign_in(page, email, password):
    """Log in through the form."""
    page.goto("/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Login").click()
    expect(page.get_by_role("alert").filter(has_text="Welcome back,")).to_be_visible()


def test_an_instructor_opens_a_roster_and_downloads_its_csv(page):
    sign_in(page, "ada.lovelace@example.edu", "teach-pass-2026")
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="New course")).to_have_count(0)
    nav.get_by_role("link", name="Teach").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Teach")
    assert accessibility_problems(page) == []
    shoot(page, "teach")
    rosters = page.get_by_role("link", name=re.compile(r"^Roster of "))
    assert rosters.count() >= 1
    course_id = rosters.first.get_attribute("aria-label").removeprefix("Roster of ")
    rosters.first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Roster · {course_id}")
    assert accessibility_problems(page) == []
    shoot(page, "roster")
    enrolled = int(re.search(r"(\d+) students? of \d+ seats", page.locator("main").inner_text())[1])
    names = page.locator("tbody tr td:first-child a").all_inner_texts()
    assert names == sorted(names, key=lambda name: tuple(part.strip() for part in name.split(",", 1)))

    with page.expect_download() as waiting:
        page.get_by_role("link", name="Download CSV").click()
    download = waiting.value
    assert download.suggested_filename == f"roster-{course_id}.csv"
    rows = list(csv.reader(io.StringIO(open(download.path(), encoding="utf-8", newline="").read())))
    assert rows[0] == HEADER
    assert len(rows) - 1 == enrolled
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", row[4]) for row in rows[1:])
    if names:
        assert f"{rows[1][1]}, {rows[1][2]}" == names[0]


def test_an_instructor_is_refused_another_instructors_roster(page):
    sign_in(page, "ada.lovelace@example.edu", "teach-pass-2026")
    page.goto("/teach")
    mine = {link.get_attribute("aria-label").removeprefix("Roster of ")
            for link in page.get_by_role("link", name=re.compile(r"^Roster of ")).all()}
    page.goto("/courses/")
    others = [code for code in page.locator(".card .badge.text-bg-primary").all_inner_texts() if code not in mine]
    response = page.goto(f"/course/{others[0]}/roster")
    assert response.status == 403
    expect(page.get_by_text("Only the course's instructor and administrators see its roster.")).to_be_visible()


def test_an_admin_creates_a_course_that_appears_in_the_catalog(page):
    code = f"E2E{uuid.uuid4().hex[:6].upper()}"
    title = f"Browser Testing {code}"
    sign_in(page, "admin@example.edu", "admin-pass-2026")
    page.get_by_role("navigation", name="Main").get_by_role("button", name="Admin").click()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="New course").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("New course")
    assert accessibility_problems(page) == []
    page.get_by_label("Course ID").fill(code)
    page.get_by_label("Credits").fill("3")
    page.get_by_label("Term").fill("Fall 2026")
    page.get_by_label("Capacity").fill("12")
    page.get_by_label("Meetings").fill("Mon Wed 09:00-09:50 Turing Hall 101")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Give the course a title.")).to_be_visible()
    shoot(page, "course-form-errors")
    page.get_by_label("Title").fill(title)
    page.get_by_label("Description").fill("Clicking through a real browser.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text(f"{code} is in the catalog of Fall 2026.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text(title)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Courses").click()
    page.get_by_role("navigation", name="Terms").get_by_role("link", name="Fall 2026").click()
    page.get_by_label("Search courses").fill(code)
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("link", name=title, exact=True)).to_be_visible()

    page.get_by_role("navigation", name="Main").get_by_role("button", name="Admin").click()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Audit log").click()
    expect(page.locator("tbody tr").first).to_contain_text("course created")
    expect(page.locator("tbody tr").first).to_contain_text(code)
    assert accessibility_problems(page) == []
    shoot(page, "audit-log")


def test_an_admin_finds_an_account_on_a_phone_sized_page(page):
    sign_in(page, "admin@example.edu", "admin-pass-2026")
    page.goto("/admin/users")
    page.get_by_label("Search by name or email").fill("ada.lovelace")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("button", name="Change role of Ada Lovelace")).to_be_visible()
    expect(page.get_by_label("Role of Ada Lovelace", exact=True)).to_have_value("instructor")
    assert accessibility_problems(page) == []
    shoot(page, "accounts")
