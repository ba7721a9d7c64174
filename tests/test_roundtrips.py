"""Every page makes a fixed number of database round trips whatever the list sizes."""
import pytest

from application.courses.models import Course
from tests.conftest import PASSWORD


def _populate(make, n):
    """A student enrolled in n courses of 2 terms, each course with n posts."""
    student = make.user(email="rt@example.edu")
    for i in range(n):
        course = make.course(f"C{i:04d}", term="Fall 2026" if i % 2 else "Spring 2026", capacity=n + 5)
        make.enroll(student, course)
        for j in range(n):
            make.post(student, course, title=f"p{j}", minutes_ago=j)
    return student


def _trips(client, round_trips, path):
    """Count the round trips of a page in the steady state (what is kept, such as the term list, is kept)."""
    client.get(path)
    round_trips.reset()
    response = client.get(path)
    assert response.status_code == 200, path
    return round_trips.count


PAGES = ["/", "/courses/", "/courses/Fall 2026?q=C", "/course/C0001", "/enrollment", "/user/1"]


@pytest.mark.parametrize("path", PAGES)
def test_round_trips_do_not_grow_with_data(app, make, round_trips, path):
    counts = []
    for n in (2, 14):
        from application.documents import DOCUMENTS

        for doc in DOCUMENTS:
            doc._get_collection().delete_many({})
        _populate(make, n)
        client = app.test_client()
        client.post("/login", data={"email": "rt@example.edu", "password": PASSWORD})
        counts.append(_trips(client, round_trips, path))
    assert counts[0] == counts[1], f"{path}: {counts}"
    assert counts[0] <= 7


def test_first_and_last_page_of_a_large_board_cost_the_same(app, make, round_trips):
    from datetime import datetime, timedelta, timezone

    from application.discussion.models import Post

    author = make.user()
    make.course("BIG")
    now = datetime.now(timezone.utc)
    Post._get_collection().insert_many([
        {"courseID": "BIG", "user_id": author.user_id, "title": f"t{i}", "body": "b",
         "created_at": now - timedelta(minutes=i), "updated_at": now} for i in range(1000)])
    client = app.test_client()
    first = _trips(client, round_trips, "/course/BIG")
    last = _trips(client, round_trips, "/course/BIG?page=100")
    small = _trips(client, round_trips, "/courses/")
    assert first == last and small <= first


@pytest.mark.parametrize("path", ["/", "/courses/", "/course/BIG", "/enrollment", "/user/1"])
def test_pages_read_as_many_documents_for_a_course_of_5000_as_for_one_of_25(app, make, documents_read, path):
    """Once every list on the page is full, a page reads the same documents however large the course."""
    from datetime import datetime, timedelta, timezone

    from application.discussion.models import Post
    from application.documents import DOCUMENTS
    from application.enrollment.models import Enrollment

    reads = []
    for size in (25, 5000):
        for doc in DOCUMENTS:
            doc._get_collection().delete_many({})
        student = make.user(email=f"reader{size}@example.edu")
        make.course("BIG", capacity=size + 1, term="Fall 2026")
        make.enroll(student, Course.objects.get(courseID="BIG"))
        now = datetime.now(timezone.utc)
        Enrollment._get_collection().insert_many(
            [{"user_id": 10_000 + i, "courseID": "BIG", "created_at": now} for i in range(size)])
        Post._get_collection().insert_many(
            [{"courseID": "BIG", "user_id": 10_000 + i, "title": f"t{i}", "body": "b",
              "created_at": now - timedelta(minutes=i), "updated_at": now} for i in range(size)])
        client = app.test_client()
        client.post("/login", data={"email": student.email, "password": PASSWORD})
        target = path.replace("/user/1", f"/user/{student.user_id}")
        client.get(target)  # what is kept between requests (the term list) is kept
        reads.append(documents_read.during(lambda: client.get(target)))
    assert reads[0] == reads[1], f"{path}: {reads}"
