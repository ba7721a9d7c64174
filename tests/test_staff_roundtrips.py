"""Staff pages and endpoints make a fixed number of database round trips whatever the list sizes."""
import pytest

from application.documents import DOCUMENTS
from application.staff.audit import record
from tests.api_support import ApiActions
from tests.conftest import PASSWORD

PAGES = ["/teach", "/course/C0001/roster", "/course/C0001/roster?q=Stu", "/course/C0001/roster.csv",
         "/course/C0001/edit", "/courses/new", "/admin/users", "/admin/users?q=stu", "/admin/audit",
         "/api/v1/teaching", "/api/v1/courses/C0001/roster", "/api/v1/admin/users?q=stu", "/api/v1/admin/audit"]


def _populate(make, n):
    """An administrator teaching n courses of n students each, and n audit entries."""
    admin = make.user(email="boss@example.edu", role="admin")
    students = [make.user(email=f"stu{i}@example.edu", first_name=f"Stu{i}") for i in range(n)]
    for i in range(n):
        course = make.course(f"C{i:04d}", term="Fall 2026" if i % 2 else "Spring 2026", capacity=n + 5,
                             instructor_id=admin.user_id)
        for student in students:
            make.enroll(student, course)
        record(admin, "course edited", course.courseID, {"title": "old"}, {"title": "new"})
    return admin


def _trips(client, round_trips, path, headers):
    """Count the round trips of one request in the steady state, its streamed body read to the end."""
    client.get(path, headers=headers).get_data()
    round_trips.reset()
    response = client.get(path, headers=headers)
    response.get_data()
    assert response.status_code == 200, (path, response.status_code)
    return round_trips.count


@pytest.mark.parametrize("path", PAGES)
def test_staff_round_trips_do_not_grow_with_data(app, make, round_trips, path):
    counts = []
    for n in (2, 14):
        for doc in DOCUMENTS:
            doc._get_collection().delete_many({})
        _populate(make, n)
        client = app.test_client()
        headers = {}
        if path.startswith("/api/"):
            headers = {"Authorization": f"Bearer {ApiActions(client).tokens('boss@example.edu')['access_token']}"}
        else:
            client.post("/login", data={"email": "boss@example.edu", "password": PASSWORD})
        counts.append(_trips(client, round_trips, path, headers))
    assert counts[0] == counts[1], f"{path}: {counts}"
    assert counts[0] <= 8, f"{path}: {counts}"
