"""API discussion boards: read, write, edit and delete posts under the board rules of the site."""
import pytest
from bson import ObjectId

from application.discussion.models import Post
from tests.api_support import assert_error


@pytest.fixture
def board(make):
    """A course taught by an instructor, a student enrolled in it who wrote 12 posts, and an outsider."""
    teacher = make.user(role="instructor", first_name="Ada")
    course = make.course("CS101", instructor_id=teacher.user_id)
    student = make.user(first_name="Sam")
    make.enroll(student, course)
    posts = [make.post(student, course, title=f"p{n}", minutes_ago=n) for n in range(12)]
    return {"teacher": teacher, "course": course, "student": student, "outsider": make.user(),
            "admin": make.user(role="admin"), "posts": posts}


def test_a_board_page_newest_first_with_authors_and_rights(board, api):
    body = api.get("/api/v1/courses/CS101/posts").get_json()
    assert body["pagination"] == {"page": 1, "per_page": 10, "total": 12, "pages": 2}
    assert [p["title"] for p in body["items"]] == [f"p{n}" for n in range(10)]
    first = body["items"][0]
    assert first["id"] == str(board["posts"][0].id) and first["courseID"] == "CS101"
    assert first["author"] == {"user_id": board["student"].user_id, "first_name": "Sam", "last_name": "User",
                               "role": "student"}
    assert first["can_edit"] is False and first["can_delete"] is False and first["edited"] is False
    assert body["may_post"] is False and body["why_not"] == "sign_in"
    second = api.get("/api/v1/courses/CS101/posts", api.token(board["student"]), query_string={"page": 2}).get_json()
    assert [p["title"] for p in second["items"]] == ["p10", "p11"]
    assert second["items"][0]["can_edit"] is True and second["may_post"] is True and second["why_not"] is None
    outsider = api.get("/api/v1/courses/CS101/posts", api.token(board["outsider"])).get_json()
    assert outsider["may_post"] is False and outsider["why_not"] == "enroll"


def test_board_errors(board, api):
    assert_error(api.get("/api/v1/courses/NOPE1/posts"), 404, "unknown_course")
    assert_error(api.get("/api/v1/courses/CS101/posts", query_string={"page": 3}), 404)
    assert_error(api.get("/api/v1/courses/CS101/posts", query_string={"page": 0}), 400, "bad_page")
    assert_error(api.get("/api/v1/courses/CS101/posts", query_string={"page": "x"}), 422, "invalid", ["page"])


@pytest.mark.parametrize("who", ["student", "teacher", "admin"])
def test_members_the_instructor_and_admins_write(board, api, who):
    response = api.post("/api/v1/courses/CS101/posts", api.token(board[who]), json={"title": " Hi ", "body": "Hello"})
    assert response.status_code == 201
    body = response.get_json()
    assert body["title"] == "Hi" and body["body"] == "Hello" and body["author"]["user_id"] == board[who].user_id
    assert body["can_edit"] is True and body["can_delete"] is True and body["edited"] is False
    assert Post.objects(id=ObjectId(body["id"])).first().title == "Hi"


def test_outsiders_and_visitors_may_not_write(board, api):
    before = Post.objects.count()
    assert_error(api.post("/api/v1/courses/CS101/posts", api.token(board["outsider"]), json={"title": "t", "body": "b"}),
                 403, "forbidden")
    assert_error(api.post("/api/v1/courses/CS101/posts", json={"title": "t", "body": "b"}), 401)
    assert_error(api.post("/api/v1/courses/NOPE1/posts", api.token(board["student"]), json={"title": "t", "body": "b"}),
                 404, "unknown_course")
    assert Post.objects.count() == before


@pytest.mark.parametrize("body,fields,status", [
    ({"title": "", "body": ""}, ["title", "body"], 422),
    ({"title": "x" * 201, "body": "b"}, ["title"], 422),
    ({"title": "t", "body": "bad\x00"}, ["body"], 422),
    ({"title": {"$gt": ""}, "body": "b"}, ["title"], 422),
    ({"title": "t"}, ["body"], 422),
    ({"title": "t", "body": "b", "courseID": "OTHER"}, ["courseID"], 422),
])
def test_invalid_posts_name_each_field(board, api, body, fields, status):
    before = Post.objects.count()
    response = api.post("/api/v1/courses/CS101/posts", api.token(board["student"]), json=body)
    assert_error(response, status, "invalid", fields)
    assert Post.objects.count() == before


def test_the_author_edits_a_post_in_part_or_whole(board, api):
    post, token = board["posts"][0], api.token(board["student"])
    response = api.patch(f"/api/v1/posts/{post.id}", token, json={"title": "New title"})
    assert response.status_code == 200
    assert response.get_json()["title"] == "New title" and response.get_json()["body"] == "First post"
    body = api.patch(f"/api/v1/posts/{post.id}", token, json={"title": "T", "body": "B"}).get_json()
    assert (body["title"], body["body"]) == ("T", "B")
    assert_error(api.patch(f"/api/v1/posts/{post.id}", token, json={}), 422, "invalid", ["_schema"])
    assert_error(api.patch(f"/api/v1/posts/{post.id}", token, json={"body": " "}), 422, "invalid", ["body"])
    assert_error(api.patch(f"/api/v1/posts/{post.id}", token, data="title=x"), 415, "not_json")


def test_only_the_author_edits(board, api):
    post = board["posts"][0]
    for who in ("outsider", "admin", "teacher"):
        assert_error(api.patch(f"/api/v1/posts/{post.id}", api.token(board[who]), json={"title": "x"}), 403)
    assert_error(api.patch(f"/api/v1/posts/{ObjectId()}", api.token(board["student"]), json={"title": "x"}), 404)
    assert_error(api.patch("/api/v1/posts/not-an-id", api.token(board["student"]), json={"title": "x"}), 404)
    assert Post.objects(id=post.id).first().title == "p0"


def test_the_author_deletes_and_an_admin_removes(board, api):
    first, second = board["posts"][:2]
    assert_error(api.delete(f"/api/v1/posts/{first.id}", api.token(board["outsider"])), 403)
    assert api.delete(f"/api/v1/posts/{first.id}", api.token(board["student"])).status_code == 204
    assert api.delete(f"/api/v1/posts/{second.id}", api.token(board["admin"])).status_code == 204
    assert_error(api.delete(f"/api/v1/posts/{first.id}", api.token(board["student"])), 404, "not_found")
    assert Post.objects.count() == 11 and Post.objects.get(id=second.id).removed is True
