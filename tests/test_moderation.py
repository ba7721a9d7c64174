"""Moderation: the course's instructor and admins pin one post and remove others' posts; authors still see theirs."""
import html
import re

import pytest

from application.courses.models import Course
from application.discussion import moderation
from application.discussion.models import Post
from application.staff.models import AuditEntry
from tests.conftest import PASSWORD

BOARD = "/course/CS101"
REMOVED_NOTE = "Removed by staff: only you see this post."


@pytest.fixture
def config_overrides():
    """Two posts a board page, so a pinned old post has to jump pages."""
    return {"POSTS_PER_PAGE": 2}


@pytest.fixture
def board(app, make):
    """CS101 taught by teacher; the author and a classmate enrolled; three posts, oldest first."""
    people = {"teacher": make.user(email="teacher@example.edu", role="instructor"),
              "other_teacher": make.user(email="other@example.edu", role="instructor"),
              "admin": make.user(email="admin@example.edu", role="admin"),
              "author": make.user(email="author@example.edu", first_name="Ann", last_name="Author"),
              "classmate": make.user(email="classmate@example.edu")}
    course = make.course("CS101", instructor_id=people["teacher"].user_id)
    make.enroll(people["author"], course)
    make.enroll(people["classmate"], course)
    people["old"] = make.post(people["author"], course, title="Oldest question", minutes_ago=30)
    people["middle"] = make.post(people["classmate"], course, title="Middle remark", minutes_ago=20)
    people["new"] = make.post(people["classmate"], course, title="Newest news", minutes_ago=10)
    return people


def _client(app, user):
    client = app.test_client()
    assert client.post("/login", data={"email": user.email, "password": PASSWORD}).status_code == 302
    return client


def _titles(response):
    return re.findall(r'<h3 class="h5 card-title mb-1">([^<]*)</h3>', html.unescape(response.get_data(as_text=True)))


def _audit(app):
    with app.app_context():
        return [(e.action, e.target, e.before, e.after) for e in AuditEntry.objects.order_by("at", "id")]


def test_board_is_newest_first_before_any_pin(client, board):
    assert _titles(client.get(BOARD)) == ["Newest news", "Middle remark"]


@pytest.mark.parametrize("who", ["teacher", "admin"])
def test_a_pinned_post_comes_first_for_everyone(app, client, board, who):
    response = _client(app, board[who]).post(f"/post/{board['old'].id}/pin")
    assert response.status_code == 302 and response.headers["Location"] == f"{BOARD}#discussion"
    page = client.get(BOARD)
    assert _titles(page) == ["Oldest question", "Newest news"]
    assert page.get_data(as_text=True).count("Pinned by staff") == 1
    assert _titles(client.get(f"{BOARD}?page=2")) == ["Middle remark"]
    assert ("post pinned", f"post {board['old'].id}") == _audit(app)[0][:2]


def test_one_pin_per_board_and_unpin(app, client, board):
    teacher = _client(app, board["teacher"])
    teacher.post(f"/post/{board['old'].id}/pin")
    teacher.post(f"/post/{board['middle'].id}/pin")
    assert _titles(client.get(BOARD)) == ["Middle remark", "Newest news"]
    teacher.post(f"/post/{board['middle'].id}/unpin")
    assert _titles(client.get(BOARD)) == ["Newest news", "Middle remark"]
    assert "Pinned by staff" not in client.get(BOARD).get_data(as_text=True)
    assert [a[0] for a in _audit(app)] == ["post pinned", "post pinned", "post unpinned"]
    assert _audit(app)[1][2]["pinned_post"] == str(board["old"].id)


def test_pinning_twice_or_unpinning_an_unpinned_post_logs_nothing(app, board):
    teacher = _client(app, board["teacher"])
    assert teacher.post(f"/post/{board['old'].id}/unpin").status_code == 302
    teacher.post(f"/post/{board['old'].id}/pin")
    teacher.post(f"/post/{board['old'].id}/pin")
    assert [a[0] for a in _audit(app)] == ["post pinned"]


def test_staff_see_pin_and_remove_buttons_students_do_not(app, client, board):
    teacher_page = _client(app, board["teacher"]).get(BOARD).get_data(as_text=True)
    assert f'action="/post/{board["new"].id}/pin"' in teacher_page and ">Remove</button>" in teacher_page
    student_page = _client(app, board["author"]).get(BOARD).get_data(as_text=True)
    assert "/pin" not in student_page and ">Remove</button>" not in student_page


@pytest.mark.parametrize("who", ["teacher", "admin"])
def test_removal_hides_the_post_from_everyone_but_its_author(app, client, board, who):
    post = board["middle"]
    response = _client(app, board[who]).post(f"/post/{post.id}/delete")
    assert response.status_code == 302
    with app.app_context():
        stored = Post.objects.get(id=post.id)
        assert stored.removed and stored.removed_by == board[who].user_id and stored.removed_at
    assert "Middle remark" not in _titles(client.get(BOARD)) + _titles(client.get(f"{BOARD}?page=2"))
    author_page = _client(app, board["classmate"]).get(BOARD).get_data(as_text=True)
    assert "Middle remark" in author_page and REMOVED_NOTE in author_page
    assert ("post removed", f"post {post.id}", {"title": "Middle remark", "courseID": "CS101"}, {}) in _audit(app)


def test_removed_posts_leave_the_home_feed_and_profiles_of_others(app, board):
    author = _client(app, board["author"])
    assert "Middle remark" in author.get("/").get_data(as_text=True)
    _client(app, board["teacher"]).post(f"/post/{board['middle'].id}/delete")
    assert "Middle remark" not in author.get("/").get_data(as_text=True)
    profile = f"/user/{board['classmate'].user_id}"
    assert "Middle remark" not in author.get(profile).get_data(as_text=True)
    own = _client(app, board["classmate"]).get(profile).get_data(as_text=True)
    assert "Middle remark" in own and REMOVED_NOTE in own


def test_a_removed_post_cannot_be_edited_or_pinned(app, board):
    post = board["old"]
    teacher = _client(app, board["teacher"])
    teacher.post(f"/post/{post.id}/delete")
    author = _client(app, board["author"])
    assert f"/post/{post.id}/edit" not in author.get(BOARD).get_data(as_text=True)
    form = author.get(f"/post/{post.id}/edit")
    assert form.status_code == 403 and "Staff removed this post" in form.get_data(as_text=True)
    refused = author.post(f"/post/{post.id}/edit", data={"title": "Sneaky", "body": "Back again"})
    assert refused.status_code == 403
    pin = teacher.post(f"/post/{post.id}/pin")
    assert pin.status_code == 403 and "A removed post cannot be pinned." in pin.get_data(as_text=True)
    with app.app_context():
        assert Post.objects.get(id=post.id).title == "Oldest question"
        assert Course.objects.get(courseID="CS101").pinned_post is None


def test_removing_the_pinned_post_unpins_it(app, client, board):
    teacher = _client(app, board["teacher"])
    teacher.post(f"/post/{board['old'].id}/pin")
    teacher.post(f"/post/{board['old'].id}/delete")
    with app.app_context():
        assert Course.objects.get(courseID="CS101").pinned_post is None
    assert _titles(client.get(BOARD)) == ["Newest news", "Middle remark"]


def test_removing_twice_logs_once(app, board):
    teacher = _client(app, board["teacher"])
    teacher.post(f"/post/{board['new'].id}/delete")
    assert teacher.post(f"/post/{board['new'].id}/delete").status_code == 302
    assert [a[0] for a in _audit(app)] == ["post removed"]


def test_the_author_may_still_delete_a_removed_post(app, board):
    _client(app, board["teacher"]).post(f"/post/{board['old'].id}/delete")
    assert _client(app, board["author"]).post(f"/post/{board['old'].id}/delete").status_code == 302
    with app.app_context():
        assert Post.objects(id=board["old"].id).count() == 0


def test_staff_deleting_their_own_post_deletes_it(app, make, board):
    with app.app_context():
        own = make.post(board["teacher"], Course.objects.get(courseID="CS101"), title="Teacher note")
    _client(app, board["teacher"]).post(f"/post/{own.id}/delete")
    with app.app_context():
        assert Post.objects(id=own.id).count() == 0
    assert _audit(app) == []


@pytest.mark.parametrize("who", ["other_teacher", "classmate"])
def test_others_cannot_remove_or_pin(app, board, who):
    client = _client(app, board[who])
    assert client.post(f"/post/{board['old'].id}/delete").status_code == 403
    assert client.post(f"/post/{board['old'].id}/pin").status_code == 403
    with app.app_context():
        assert not Post.objects.get(id=board["old"].id).removed
        assert Course.objects.get(courseID="CS101").pinned_post is None and AuditEntry.objects.count() == 0


def test_moderation_services_check_the_board(app, board):
    with app.app_context():
        with pytest.raises(moderation.Forbidden):
            moderation.remove_post(board["other_teacher"], board["old"].id)
        with pytest.raises(moderation.Forbidden):
            moderation.pin_post(board["author"], board["old"].id)
        assert moderation.remove_post(board["admin"], str(board["old"].id)).id == board["old"].id
