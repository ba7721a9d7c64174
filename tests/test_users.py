"""Profiles and user-id allocation."""
import pytest

from application.accounts.models import Counter, User


def test_profile_shows_name_role_courses_posts(client, make, auth):
    teacher = make.user(email="teacher@example.edu", role="instructor")
    user = make.user(first_name="Ada", last_name="Lovelace")
    course = make.course("CS101-F26", title="Programming", instructor_id=teacher.user_id)
    make.enroll(user, course)
    make.post(user, course, title="My post")
    auth.login("teacher@example.edu")
    html = client.get(f"/user/{user.user_id}").get_data(as_text=True)
    assert "Ada Lovelace" in html and "Student" in html and "Programming" in html and "My post" in html
    assert user.email not in html


def test_profile_lists_courses_taught(client, make, student):
    teacher = make.user(role="instructor")
    make.course("CS101-F26", title="Taught course", instructor_id=teacher.user_id)
    assert "Taught course" in client.get(f"/user/{teacher.user_id}").get_data(as_text=True)


@pytest.mark.parametrize("viewer,shown", [("self", True), ("admin", True), ("other", False)])
def test_email_only_for_self_and_admin(client, make, auth, viewer, shown):
    target = make.user(email="target@example.edu")
    if viewer == "admin":
        make.user(email="boss@example.edu", role="admin")
    if viewer == "other":
        make.user(email="other@example.edu")
    auth.login({"self": "target@example.edu", "admin": "boss@example.edu", "other": "other@example.edu"}[viewer])
    assert ("target@example.edu" in client.get(f"/user/{target.user_id}").get_data(as_text=True)) is shown


@pytest.mark.parametrize("path", ["/user/999", "/user/abc", "/user/-1", f"/user/{10**30}"])
def test_unknown_profile_is_404(client, student, path):
    assert client.get(path).status_code == 404


def test_profile_posts_paginate(client, make, student):
    user = make.user()
    course = make.course("CS101")
    for i in range(12):
        make.post(user, course, title=f"P{i:02d}", minutes_ago=i)
    assert "P11" in client.get(f"/user/{user.user_id}?page=2").get_data(as_text=True)
    assert client.get(f"/user/{user.user_id}?page=3").status_code == 404


def test_user_ids_are_allocated_after_imported_ids(make):
    User(user_id=41, email="imported@example.edu", first_name="I", last_name="M", password="x").save()
    assert make.user().user_id == 42
    assert make.user().user_id == 43


def test_user_ids_are_never_reused(make):
    first = make.user()
    first.delete()
    assert make.user().user_id == first.user_id + 1


def test_counter_next_value_is_monotonic(app):
    values = [Counter.next_value("demo") for _ in range(3)]
    assert values == [1, 2, 3] and Counter.next_value("demo", at_least=10) == 11


def test_create_retries_when_an_id_is_taken_meanwhile(make, monkeypatch):
    User(user_id=5, email="five@example.edu", first_name="F", last_name="V", password="x").save()
    calls = iter([5, 6])
    monkeypatch.setattr(Counter, "next_value", classmethod(lambda cls, name, at_least=0: next(calls)))
    assert make.user().user_id == 6


def test_duplicate_email_raises(make):
    from application.accounts.services import EmailTaken

    make.user(email="dup@example.edu")
    with pytest.raises(EmailTaken):
        make.user(email="DUP@example.edu")


def test_check_password_with_garbage_hash(app):
    user = User(password="not-a-hash")
    assert user.check_password("anything") is False
