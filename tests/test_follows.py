"""Following people: the rules, the lists, the feed that includes the people followed, seeding follows."""
import re
from datetime import datetime, timedelta, timezone

import pytest

from application.accounts import follows
from application.accounts.models import Follow, User
from application.core.errors import Conflict, Forbidden, NotFound
from application.discussion.models import Post
from tests.conftest import PASSWORD


def _flashes(client, path="/"):
    return re.findall(r'role="alert">\s*([^<]+?)\s*<', client.get(path).get_data(as_text=True))


def test_a_student_edits_their_profile_follows_a_classmate_and_sees_their_posts(client, make, student):
    classmate = make.user(email="kim@example.edu", first_name="Kim", last_name="Park")
    theirs = make.course("BIO200", title="Cells")
    make.post(classmate, theirs, title="Lab notes are up")
    assert "Lab notes are up" not in client.get("/").get_data(as_text=True)
    client.post("/profile/edit", data={"first_name": "Sam", "last_name": "Student", "about": "Hi!"})
    response = client.post(f"/user/{classmate.user_id}/follow", data={"next": f"/user/{classmate.user_id}"})
    assert response.status_code == 302 and response.headers["Location"] == f"/user/{classmate.user_id}"
    home = client.get("/").get_data(as_text=True)
    assert "You now follow Kim Park" in home and "Lab notes are up" in home and "Cells" in home


def test_not_yourself_not_twice_and_not_someone_you_do_not_follow(client, make, student):
    kim = make.user(first_name="Kim", last_name="Park")
    client.post(f"/user/{student.user_id}/follow")
    assert "You cannot follow yourself." in _flashes(client)
    client.post(f"/user/{kim.user_id}/follow")
    client.get("/")
    client.post(f"/user/{kim.user_id}/follow")
    assert "You already follow Kim Park." in _flashes(client)
    assert Follow.objects.count() == 1
    client.post(f"/user/{kim.user_id}/unfollow")
    assert "You no longer follow Kim Park." in _flashes(client)
    client.post(f"/user/{kim.user_id}/unfollow")
    assert "You do not follow Kim Park." in _flashes(client)
    assert Follow.objects.count() == 0


@pytest.mark.parametrize("action", ["follow", "unfollow"])
def test_following_an_unknown_person_is_404(client, student, action):
    assert client.post(f"/user/999/{action}").status_code == 404
    assert client.post(f"/user/{10**15}/{action}").status_code == 404


def test_the_follow_button_goes_back_only_to_a_page_of_this_site(client, make, student):
    kim = make.user()
    response = client.post(f"/user/{kim.user_id}/follow", data={"next": "https://evil.example/"})
    assert response.headers["Location"] == f"/user/{kim.user_id}"


def test_the_services_refuse_visitors_and_bad_ids(app, make):
    from application.accounts.models import Anonymous

    kim = make.user()
    with pytest.raises(Forbidden):
        follows.follow(Anonymous(), kim.user_id)
    with pytest.raises(Forbidden):
        follows.follow_list(Anonymous(), kim.user_id, "followers", 1, 20)
    for bad in ("1", True, None, {"$gt": 0}, 0):
        with pytest.raises(NotFound):
            follows.follow(kim, bad)
    for side in ("enemies", {"$ne": 1}, None):
        with pytest.raises(NotFound):
            follows.follow_list(kim, kim.user_id, side, 1, 20)


def test_the_unique_pair_holds_when_two_requests_race(app, make):
    ada, kim = make.user(), make.user()
    follows.follow(ada, kim.user_id)
    with pytest.raises(Conflict) as refused:
        follows.follow(ada, kim.user_id)
    assert refused.value.code == "already_following" and Follow.objects.count() == 1


def test_follower_and_following_lists_are_paginated_newest_first(client, make, student):
    star = make.user(first_name="Star", last_name="Person")
    fans = [make.user(first_name=f"Fan{i:02d}", last_name="X") for i in range(23)]
    now = datetime.now(timezone.utc)
    for i, fan in enumerate(fans):
        Follow(follower_id=fan.user_id, followed_id=star.user_id, created_at=now - timedelta(minutes=i)).save()
    first = client.get(f"/user/{star.user_id}/followers").get_data(as_text=True)
    assert "Followers of Star Person" in first and "(23 people)" in first
    assert first.index("Fan00 X") < first.index("Fan01 X") and "Fan20 X" not in first
    second = client.get(f"/user/{star.user_id}/followers?page=2").get_data(as_text=True)
    assert "Fan20 X" in second and "Fan22 X" in second and "Fan00 X" not in second
    assert client.get(f"/user/{star.user_id}/followers?page=3").status_code == 404
    following = client.get(f"/user/{fans[0].user_id}/following").get_data(as_text=True)
    assert "People Fan00 X follows" in following and "Star Person" in following and "(1 person)" in following
    assert "@" not in following.split("<main")[1].split("</main>")[0]  # no emails in the lists
    assert "Nobody yet." in client.get(f"/user/{star.user_id}/following").get_data(as_text=True)


def test_a_removed_account_shows_as_a_former_member(client, make, student):
    gone = make.user()
    Follow(follower_id=gone.user_id, followed_id=student.user_id).save()
    User.objects(user_id=gone.user_id).delete()
    assert "A former member" in client.get(f"/user/{student.user_id}/followers").get_data(as_text=True)


def test_the_feed_counts_a_post_once_and_pages_newest_first(client, make, student):
    kim = make.user(first_name="Kim")
    shared = make.course("SHARED")
    make.enroll(student, shared)
    client.post(f"/user/{kim.user_id}/follow")
    other = make.course("OTHER")
    for i in range(20):  # the posts on the shared board are found twice: through the course and through Kim
        make.post(kim, shared if i % 2 else other, title=f"post {i:02d}", minutes_ago=i)
    first = client.get("/").get_data(as_text=True)
    assert re.findall(r"post \d\d", first) == [f"post {i:02d}" for i in range(8)]
    assert "Older posts" in first and "Newer posts" not in first
    third = client.get("/?page=3").get_data(as_text=True)
    assert re.findall(r"post \d\d", third) == [f"post {i:02d}" for i in range(16, 20)]
    assert "Newer posts" in third and "Older posts" not in third
    assert client.get("/?page=4").status_code == 404


def test_the_feed_reads_as_many_documents_for_a_person_with_5000_posts_as_for_one_with_25(app, make, documents_read):
    from application.documents import DOCUMENTS

    reads = []
    for size in (25, 5000):
        for doc in DOCUMENTS:
            doc._get_collection().delete_many({})
        reader, prolific = make.user(email=f"r{size}@example.edu"), make.user()
        make.course("BIG")
        Follow(follower_id=reader.user_id, followed_id=prolific.user_id).save()
        now = datetime.now(timezone.utc)
        Post._get_collection().insert_many(
            [{"courseID": "BIG", "user_id": prolific.user_id, "title": f"t{i}", "body": "b",
              "created_at": now - timedelta(minutes=i), "updated_at": now} for i in range(size)])
        client = app.test_client()
        client.post("/login", data={"email": reader.email, "password": PASSWORD})
        client.get("/")
        reads.append(documents_read.during(lambda: client.get("/")))
    assert reads[0] == reads[1]


def test_the_home_page_makes_as_many_round_trips_with_follows_as_without(app, make, round_trips):
    reader = make.user(email="reader@example.edu")
    client = app.test_client()
    client.post("/login", data={"email": reader.email, "password": PASSWORD})
    client.get("/")
    round_trips.reset()
    client.get("/")
    alone = round_trips.count
    for _ in range(5):
        friend = make.user()
        Follow(follower_id=reader.user_id, followed_id=friend.user_id).save()
        make.post(friend, make.course(f"C{friend.user_id}"))
    client.get("/")  # the new courses changed the catalog: this visit builds the term list again
    round_trips.reset()
    client.get("/")
    assert round_trips.count == alone


def test_a_follow_list_costs_the_same_round_trips_for_2_followers_as_for_30(app, make, round_trips):
    viewer, star = make.user(email="viewer@example.edu"), make.user()
    client = app.test_client()
    client.post("/login", data={"email": viewer.email, "password": PASSWORD})
    counts = []
    for total in (2, 30):
        while Follow.objects(followed_id=star.user_id).count() < total:
            Follow(follower_id=make.user().user_id, followed_id=star.user_id).save()
        client.get(f"/user/{star.user_id}/followers")
        round_trips.reset()
        assert client.get(f"/user/{star.user_id}/followers").status_code == 200
        counts.append(round_trips.count)
    assert counts[0] == counts[1] <= 5


def test_lists_and_profiles_stay_closed_to_visitors(client, make):
    kim = make.user()
    for path in (f"/user/{kim.user_id}/followers", f"/user/{kim.user_id}/following", f"/user/{kim.user_id}"):
        assert client.get(path).headers["Location"].startswith("/login")



@pytest.mark.parametrize("path", ["/user/1/follow", "/user/1/unfollow", "/account/sessions/revoke",
                                  "/account/confirm/resend", "/profile/edit", "/account/password", "/reset",
                                  "/reset/abc"])
def test_every_new_form_needs_its_csrf_token(csrf_app, make, path):
    make.user(email="csrf@example.edu")
    make.user()
    client = csrf_app.test_client()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', client.get("/login").get_data(as_text=True))
    client.post("/login", data={"email": "csrf@example.edu", "password": PASSWORD, "csrf_token": token.group(1)})
    response = client.post(path, data={"first_name": "X"})
    assert response.status_code == 400 and "security token" in response.get_data(as_text=True)
    assert Follow.objects.count() == 0 and User.objects.get(user_id=1).session_stamp is None


class TestSeeding:
    """follows.json: loaded like the other files, checked first."""

    def _files(self, tmp_path, follows_records):
        import json

        from werkzeug.security import generate_password_hash

        hashed = generate_password_hash("demo-password")
        users = [{"user_id": i, "email": f"u{i}@example.edu", "first_name": "U", "last_name": str(i),
                  "password": hashed} for i in (1, 2, 3)]
        (tmp_path / "users.json").write_text(json.dumps(users))
        (tmp_path / "follows.json").write_text(json.dumps(follows_records))
        return tmp_path

    def test_follows_load_and_export(self, app, tmp_path):
        from application.seeding import seed_directory
        from application.seeding.export import export_directory

        records = [{"follower_id": 1, "followed_id": 2, "created_at": {"$date": "2026-09-01T00:00:00Z"}},
                   {"follower_id": 2, "followed_id": 1}]
        seed_directory(self._files(tmp_path, records), quiet=True)
        assert Follow.objects.count() == 2 and follows.follow_list(User.objects.get(user_id=3), 1, "followers", 1,
                                                                   20).page.total == 1
        seed_directory(tmp_path, quiet=True)
        assert Follow.objects.count() == 2
        written = export_directory(tmp_path / "out")
        assert written["follows.json"] == 2

    @pytest.mark.parametrize("record,expected", [
        ({"follower_id": 1, "followed_id": 1}, "follows.json: record 1: followed_id: is the follower_id"),
        ({"follower_id": 1, "followed_id": 9}, "follows.json: record 1: followed_id: no user with followed_id 9"),
        ({"follower_id": "1", "followed_id": 2}, "follows.json: record 1: follower_id: must be a whole number"),
        ({"follower_id": 1}, "follows.json: record 1: followed_id"),
    ])
    def test_bad_follows_are_refused_before_anything_is_written(self, app, tmp_path, record, expected):
        from application.seeding import SeedError, seed_directory

        with pytest.raises(SeedError) as refused:
            seed_directory(self._files(tmp_path, [record]), quiet=True)
        assert expected in str(refused.value) and User.objects.count() == 0


@pytest.mark.skipif(__import__("tests.conftest").conftest.REAL_SERVER, reason="checks the in-memory store itself")
def test_the_embedded_store_answers_the_new_pipelines_as_the_engine_does():
    import mongomock_ng
    from bson import ObjectId

    from application.accounts import pipelines as accounts
    from application.discussion import pipelines as discussion
    from application.embedded.engine import EmbeddedClient

    now = datetime(2026, 9, 1, tzinfo=timezone.utc)
    users = [{"user_id": i, "first_name": f"F{i}", "last_name": "L", "role": "student", "password": "x",
              "email": f"u{i}@example.edu"} for i in range(1, 9)]
    pairs = [(1, 2), (1, 3), (2, 1), (3, 1), (4, 1), (5, 6), (6, 5), (1, 7)]
    documents = {
        "user": users,
        "follow": [{"follower_id": a, "followed_id": b, "created_at": now - timedelta(days=a + b)} for a, b in pairs],
        "enrollment": [{"user_id": u, "courseID": c} for u, c in [(1, "A"), (1, "B"), (2, "A"), (5, "C")]],
        "course": [{"courseID": c, "title": c, "term": "Fall 2026"} for c in "ABC"],
        "post": [{"courseID": "ABC"[i % 3], "user_id": 1 + i % 8, "title": f"t{i}", "body": "b",
                  "created_at": now - timedelta(hours=i)} for i in range(40)],
    }
    for docs in documents.values():
        for doc in docs:
            doc["_id"] = ObjectId()
    stores = (mongomock_ng.MongoClient().probe, EmbeddedClient("mongodb://localhost/probe").probe)
    for db in stores:
        db.user.create_index([("user_id", 1)], unique=True)
        db.follow.create_index([("follower_id", 1), ("followed_id", 1)], unique=True)
        db.follow.create_index([("followed_id", 1), ("created_at", -1), ("_id", -1)])
        db.post.create_index([("user_id", 1), ("created_at", -1), ("_id", -1)])
        db.post.create_index([("courseID", 1), ("created_at", -1), ("_id", -1)])
        db.enrollment.create_index([("user_id", 1), ("courseID", 1)], unique=True)
        for name, docs in documents.items():
            db[name].insert_many([dict(doc) for doc in docs])
    for user_id in (1, 2, 5, 8, 99):
        cases = [("user", discussion.home_feed_pipeline(user_id, skip, 4)) for skip in (0, 4, 12)]
        cases += [("user", accounts.profile_pipeline(user_id, viewer)) for viewer in (1, 2)]
        cases += [("follow", accounts.follows_pipeline(side, user_id, skip, 2)) for side in accounts.SIDES
                  for skip in (0, 2)]
        for collection, pipeline in cases:
            plain, adapted = (list(db[collection].aggregate(pipeline)) for db in stores)
            assert adapted == plain, (collection, pipeline)
