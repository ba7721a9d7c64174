"""The API side of the account: profile, password, sessions, following and the feed."""
import pytest

from application.accounts.models import Follow, User
from tests.api_support import assert_error
from tests.conftest import PASSWORD

ME = "/api/v1/me"


def test_patch_me_changes_only_what_is_sent(make, api):
    user = make.user(first_name="Sam", last_name="Student")
    token = api.token(user)
    response = api.patch(ME, token, json={"about": "Line one\nLine two"})
    body = response.get_json()
    assert response.status_code == 200 and body["about"] == "Line one\nLine two" and body["first_name"] == "Sam"
    body = api.patch(ME, token, json={"first_name": "Samantha"}).get_json()
    assert body["first_name"] == "Samantha" and body["about"] == "Line one\nLine two"
    assert api.get(ME, token).get_json()["first_name"] == "Samantha"


@pytest.mark.parametrize("body,fields", [
    ({}, ["_schema"]),
    ({"first_name": ""}, ["first_name"]),
    ({"about": "x" * 281}, ["about"]),
    ({"about": 5}, ["about"]),
    ({"first_name": {"$ne": None}}, ["first_name"]),
    ({"email": "other@example.edu"}, ["email"]),
])
def test_bad_profile_changes_are_422_naming_each_field(make, api, body, fields):
    user = make.user()
    assert_error(api.patch(ME, api.token(user), json=body), 422, "invalid", fields)
    assert User.objects.get(user_id=user.user_id).first_name == "Test"


def test_a_password_change_answers_new_tokens_and_voids_the_old_ones_and_the_sessions(app, make, api):
    user = make.user(email="sam@example.edu")
    site = app.test_client()
    site.post("/login", data={"email": user.email, "password": PASSWORD})
    old = api.tokens(user.email)
    response = api.post(f"{ME}/password", old["access_token"],
                        json={"current_password": PASSWORD, "new_password": "a-new-pass-1"})
    assert response.status_code == 200
    fresh = response.get_json()
    assert {"access_token", "refresh_token"} <= set(fresh)
    assert_error(api.get(ME, old["access_token"]), 401, "token_stale")
    assert_error(api.post("/api/v1/auth/refresh", old["refresh_token"]), 401, "token_stale")
    assert api.get(ME, fresh["access_token"]).status_code == 200
    assert site.get("/enrollment").status_code == 302
    assert User.objects.get(user_id=user.user_id).check_password("a-new-pass-1")


def test_a_wrong_current_password_is_403_and_counts_as_a_failed_sign_in(app, make, api):
    user = make.user()
    token = api.token(user)
    refused = api.post(f"{ME}/password", token, json={"current_password": "wrong-one", "new_password": "a-new-pass-1"})
    assert_error(refused, 403, "bad_credentials", ["current_password"])
    short = api.post(f"{ME}/password", token, json={"current_password": PASSWORD, "new_password": "short"})
    assert_error(short, 422, "invalid", ["new_password"])
    assert User.objects.get(user_id=user.user_id).check_password(PASSWORD)


def test_follow_unfollow_and_the_lists(make, api):
    sam, kim = make.user(first_name="Sam"), make.user(first_name="Kim")
    token = api.token(sam)
    path = f"/api/v1/users/{kim.user_id}/follow"
    followed = api.post(path, token)
    assert followed.status_code == 201 and followed.get_json() == {
        "following": True, "user": {"user_id": kim.user_id, "first_name": "Kim", "last_name": "User",
                                    "role": "student"}}
    assert_error(api.post(path, token), 409, "already_following")
    assert_error(api.post(f"/api/v1/users/{sam.user_id}/follow", token), 409, "yourself")
    assert_error(api.post("/api/v1/users/999/follow", token), 404)
    listed = api.get(f"/api/v1/users/{kim.user_id}/followers", token).get_json()
    assert [entry["person"]["first_name"] for entry in listed["items"]] == ["Sam"]
    assert listed["pagination"] == {"page": 1, "per_page": 20, "total": 1, "pages": 1}
    assert listed["user"]["user_id"] == kim.user_id and listed["items"][0]["since"].endswith("+00:00")
    assert api.get(f"/api/v1/users/{sam.user_id}/following", token).get_json()["items"][0]["person"]["user_id"] == \
        kim.user_id
    assert api.delete(path, token).status_code == 204 and Follow.objects.count() == 0
    assert_error(api.delete(path, token), 404, "not_following")
    assert_error(api.get(f"/api/v1/users/{kim.user_id}/followers?page=2", token), 404)


def test_the_feed_pages_the_posts_of_my_courses_and_of_the_people_i_follow(make, api):
    sam, kim = make.user(), make.user(first_name="Kim")
    mine, theirs = make.course("MINE"), make.course("THEIRS")
    make.enroll(sam, mine)
    token = api.token(sam)
    api.post(f"/api/v1/users/{kim.user_id}/follow", token)
    for i in range(10):
        make.post(kim, mine if i % 2 else theirs, title=f"p{i}", minutes_ago=i)
    first = api.get(f"{ME}/feed", token).get_json()
    assert [item["title"] for item in first["items"]] == [f"p{i}" for i in range(8)]
    assert first["pagination"] == {"page": 1, "per_page": 8, "has_next": True}
    assert first["items"][0]["course"]["courseID"] == "THEIRS" and first["items"][0]["author"]["first_name"] == "Kim"
    second = api.get(f"{ME}/feed?page=2", token).get_json()
    assert [item["title"] for item in second["items"]] == ["p8", "p9"] and not second["pagination"]["has_next"]
    assert_error(api.get(f"{ME}/feed?page=3", token), 404)
    assert_error(api.get(f"{ME}/feed?pgae=2", token), 422, "invalid", ["pgae"])


@pytest.mark.parametrize("method,path", [("PATCH", ME), ("POST", f"{ME}/password"), ("DELETE", f"{ME}/sessions"),
                                         ("GET", f"{ME}/feed"), ("POST", "/api/v1/users/1/follow"),
                                         ("DELETE", "/api/v1/users/1/follow"), ("GET", "/api/v1/users/1/followers"),
                                         ("GET", "/api/v1/users/1/following")])
def test_every_account_endpoint_needs_a_token(api, method, path):
    assert_error(api.call(method, path, json={"about": "x"}), 401, "token_missing")
