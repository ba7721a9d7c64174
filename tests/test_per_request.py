"""Work every signed-in request repeats, done once per process: the account object, the session cookie."""
from datetime import timedelta

import pytest

from application.accounts import services as accounts
from application.accounts.models import User
from application.core.copies import Held, copy_document
from application.core.store import collection_of

FIELDS = ("user_id", "email", "first_name", "last_name", "password", "role", "created_at", "about", "last_seen",
          "session_stamp", "active", "unread_notices", "email_confirmed")


@pytest.fixture
def stored(app, make):
    """A stored user document."""
    user = make.user(email="ada@example.edu", first_name="Ada", role="instructor")
    with app.app_context():
        return collection_of(User).find_one({"user_id": user.user_id})


def test_a_copy_is_the_built_object_field_by_field_and_its_own(app, stored):
    with app.app_context():
        built = User._from_son(dict(stored))
        copy = copy_document(built)
        assert type(copy) is User and copy is not built
        assert [getattr(copy, name) for name in FIELDS] == [getattr(built, name) for name in FIELDS]
        assert copy.to_mongo() == built.to_mongo() and copy.get_id() == built.get_id()
        assert copy.get_role_display() == "instructor" and copy.is_active and copy.can is not built.can
        copy.first_name, copy.role = "Grace", "admin"
        assert built.first_name == "Ada" and built.role == "instructor" and copy.get_role_display() == "admin"
        assert copy._get_changed_fields() == ["first_name", "role"] and built._get_changed_fields() == []


def test_a_document_holding_a_list_is_not_copied(app):
    from application.courses.models import Course

    with app.app_context():
        course = Course(courseID="CS1", title="T", term="Fall 2026", capacity=3, credits=3,
                        meetings=[{"days": ["Mon"], "start": "09:00", "end": "10:00"}])
        assert copy_document(course) is None


def test_held_objects_are_copies_until_the_stored_document_changes(app, stored):
    held, built = Held(), []

    def build(doc):
        built.append(doc)
        return User._from_son(doc)

    with app.app_context():
        first = held.object_for(1, dict(stored), build)
        first.first_name = "Changed by one request"
        second = held.object_for(1, dict(stored), build)
        assert len(built) == 1 and second is not first and second.first_name == "Ada"
        third = held.object_for(1, {**stored, "first_name": "Augusta"}, build)
        assert len(built) == 2 and third.first_name == "Augusta"


def test_the_signed_in_account_follows_its_stored_document(app, make, auth):
    user = make.user(email="ada@example.edu", first_name="Ada")
    auth.login(user.email)
    assert "Ada" in auth.client.get("/profile/edit").get_data(as_text=True)
    collection_of(User).update_one({"user_id": user.user_id}, {"$set": {"first_name": "Augusta"}})
    assert "Augusta" in auth.client.get("/profile/edit").get_data(as_text=True)
    collection_of(User).update_one({"user_id": user.user_id}, {"$set": {"active": False}})
    assert auth.client.get("/enrollment").status_code == 302


def test_an_account_changed_by_one_request_is_not_changed_for_the_next(app, make, auth, monkeypatch):
    user = make.user(email="ada@example.edu", first_name="Ada")
    auth.login(user.email)
    real = accounts.load_user

    def meddling(raw_id):
        loaded = real(raw_id)
        loaded.first_name = "Meddled"  # a request's own change, never saved
        return loaded

    monkeypatch.setattr("application.accounts.sessions.load_user", meddling)
    auth.client.get("/enrollment")
    monkeypatch.setattr("application.accounts.sessions.load_user", real)
    assert "Meddled" not in auth.client.get("/enrollment").get_data(as_text=True)


def test_a_session_cookie_decoded_before_still_expires(app, make, auth, clock):
    auth.login(make.user(email="ada@example.edu").email)
    assert auth.client.get("/enrollment").status_code == 200
    clock.travel(app.permanent_session_lifetime + timedelta(seconds=5))
    response = auth.client.get("/enrollment")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_a_session_is_each_request_s_own(app, make, auth):
    auth.login(make.user(email="ada@example.edu").email)
    cookie = auth.client.get_cookie("session").value
    interface = app.session_interface
    with app.test_request_context(headers={"Cookie": f"session={cookie}"}) as context:
        first = interface.open_session(app, context.request)
        first["_user_id"], first["extra"] = "changed", "by one request"
        again = interface.open_session(app, context.request)
    assert again["_user_id"] != "changed" and "extra" not in again and not again.modified


def test_a_tampered_cookie_is_refused_even_after_the_real_one_was_read(app, make, auth):
    auth.login(make.user(email="ada@example.edu").email)
    assert auth.client.get("/enrollment").status_code == 200
    cookie = auth.client.get_cookie("session")
    tampered = cookie.value[:-2] + ("AA" if not cookie.value.endswith("AA") else "BB")
    stranger = app.test_client()
    stranger.set_cookie("session", tampered)
    assert stranger.get("/enrollment").status_code == 302
