"""Every page makes a fixed number of database round trips whatever the list sizes."""
import pytest

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
    assert counts[0] <= 6


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
