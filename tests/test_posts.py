"""Course discussion boards: permissions, validation, escaping, pagination and rate limits."""
import pytest
from bson import ObjectId

from application.discussion.models import Post
from tests.conftest import make_config

BOARD = "/course/CS101-F26"


@pytest.fixture
def course(make):
    """A course with an instructor."""
    teacher = make.user(email="teacher@example.edu", role="instructor", first_name="Grace")
    return make.course("CS101-F26", instructor_id=teacher.user_id)


def _post(client, title="Hello class", body="Line one\nLine two"):
    return client.post(f"{BOARD}/posts", data={"title": title, "body": body})


def test_enrolled_student_posts_edits_and_deletes(client, make, course, student):
    make.enroll(student, course)
    response = _post(client)
    assert response.status_code == 302
    html = client.get(BOARD).get_data(as_text=True)
    assert "Hello class" in html and "Line one\nLine two" in html and "just now" in html
    post = Post.objects.get()
    assert client.get(f"/post/{post.id}/edit").status_code == 200
    client.post(f"/post/{post.id}/edit", data={"title": "Edited", "body": "New body"})
    assert Post.objects.get().title == "Edited"
    client.post(f"/post/{post.id}/delete")
    assert Post.objects.count() == 0


@pytest.mark.parametrize("who,status", [("outsider", 403), ("instructor", 302), ("admin", 302)])
def test_who_may_post(client, make, auth, course, who, status):
    email = {"outsider": "out@example.edu", "instructor": "teacher@example.edu", "admin": "admin@example.edu"}[who]
    if who == "outsider":
        make.user(email=email)
    if who == "admin":
        make.user(email=email, role="admin")
    auth.login(email)
    response = _post(client)
    assert response.status_code == status
    assert Post.objects.count() == (1 if status == 302 else 0)


def test_outsider_gets_clear_403(client, make, auth, course):
    make.user(email="out@example.edu")
    auth.login("out@example.edu")
    assert "Only students enrolled in this course" in _post(client).get_data(as_text=True)


def test_post_to_unknown_course_is_404(client, student):
    assert client.post("/course/NOPE/posts", data={"title": "t", "body": "b"}).status_code == 404


@pytest.mark.parametrize("title,body,message", [
    ("", "body", "Give your post a title."), ("   ", "body", "Give your post a title."),
    ("t" * 201, "body", "Title must be at most 200 characters."),
    ("Title", "", "Write a message."), ("Title", "b" * 5001, "Message must be at most 5000 characters."),
])
def test_post_validation(client, make, course, student, title, body, message):
    make.enroll(student, course)
    response = client.post(f"{BOARD}/posts", data={"title": title, "body": body}, follow_redirects=True)
    assert message in response.get_data(as_text=True)
    assert Post.objects.count() == 0


def test_post_is_trimmed(client, make, course, student):
    make.enroll(student, course)
    _post(client, title="  Spaces  ", body="  body  ")
    post = Post.objects.get()
    assert (post.title, post.body) == ("Spaces", "body")


def test_script_is_escaped(client, make, course, student):
    make.enroll(student, course)
    _post(client, title="<script>alert(1)</script>", body="<b>bold</b>")
    html = client.get(BOARD).get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html


@pytest.mark.parametrize("actor,status", [("other", 403), ("admin", 403), ("author", 200)])
def test_only_author_edits(client, make, auth, course, actor, status):
    author = make.user(email="author@example.edu")
    post = make.post(author, course)
    if actor == "other":
        make.user(email="other@example.edu")
    if actor == "admin":
        make.user(email="admin@example.edu", role="admin")
    auth.login(f"{actor}@example.edu")
    assert client.get(f"/post/{post.id}/edit").status_code == status
    response = client.post(f"/post/{post.id}/edit", data={"title": "Hijack", "body": "x"})
    assert (Post.objects.get().title == "Hijack") is (status == 200)
    assert response.status_code in (status, 302)


@pytest.mark.parametrize("actor,left", [("other", {"removed": False}), ("admin", {"removed": True}),
                                        ("author", None)])
def test_the_author_deletes_and_an_admin_removes(client, make, auth, course, actor, left):
    author = make.user(email="author@example.edu")
    post = make.post(author, course)
    if actor != "author":
        make.user(email=f"{actor}@example.edu", role="admin" if actor == "admin" else "student")
    auth.login(f"{actor}@example.edu")
    response = client.post(f"/post/{post.id}/delete")
    assert response.status_code == (403 if actor == "other" else 302)
    kept = Post.objects(id=post.id).first()
    assert (kept and {"removed": kept.removed}) == left


def test_edit_validation_keeps_post(client, make, auth, course):
    author = make.user(email="author@example.edu")
    post = make.post(author, course, title="Keep")
    auth.login("author@example.edu")
    response = client.post(f"/post/{post.id}/edit", data={"title": "", "body": "x"})
    assert "Give your post a title." in response.get_data(as_text=True)
    assert Post.objects.get().title == "Keep"


@pytest.mark.parametrize("post_id", ["nope", "123", "0" * 24, "zz" * 12, str(ObjectId())])
def test_malformed_or_unknown_post_id_is_404(client, student, post_id):
    assert client.get(f"/post/{post_id}/edit").status_code == 404
    assert client.post(f"/post/{post_id}/delete").status_code == 404


def test_board_pagination(client, make, course):
    author = make.user()
    for i in range(25):
        make.post(author, course, title=f"Post {i:02d}", minutes_ago=i)
    first = client.get(BOARD).get_data(as_text=True)
    assert "Post 00" in first and "Post 09" in first and "Post 10" not in first
    last = client.get(f"{BOARD}?page=3").get_data(as_text=True)
    assert "Post 24" in last and "Post 19" not in last
    assert client.get(f"{BOARD}?page=4").status_code == 404
    assert client.get(f"{BOARD}?page=0").status_code == 400
    assert client.get(f"{BOARD}?page=two").status_code == 400


def test_visitor_sees_posts_but_no_form(client, make, course):
    make.post(make.user(first_name="Ada"), course, title="Visible")
    html = client.get(BOARD).get_data(as_text=True)
    assert "Visible" in html and "New post" not in html and "Ada" in html


def test_post_creation_is_rate_limited(make):
    from application import create_app

    app = create_app(make_config(RATELIMIT_ENABLED=True, POST_RATE_LIMIT="3 per minute"))
    client = app.test_client()
    user = make.user(email="fast@example.edu")
    course = make.course("CS101-F26")
    make.enroll(user, course)
    client.post("/login", data={"email": "fast@example.edu", "password": "correct-horse-9"})
    codes = [_post(client, title=f"n{i}").status_code for i in range(5)]
    assert codes == [302, 302, 302, 429, 429]
    assert Post.objects.count() == 3
