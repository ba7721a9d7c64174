"""Sessions that can be ended: every path that ends them, for copied session and remember-me cookies and API tokens."""
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

import pytest

from application.accounts.models import User
from application.accounts.sessions import deactivate, load_session
from tests.conftest import PASSWORD

NEW = "a-brand-new-pass-1"


def _signed_in(app, email, remember=False):
    client = app.test_client()
    data = {"email": email, "password": PASSWORD, **({"remember_me": "y"} if remember else {})}
    assert client.post("/login", data=data).status_code == 302
    return client


def _copy(app, client, *names):
    """Return a fresh client holding copies of some of another client's cookies (a thief's browser)."""
    thief = app.test_client()
    for name in names:
        thief.set_cookie(name, client.get_cookie(name).value)
    return thief


def _is_signed_in(client):
    response = client.get("/enrollment")
    if response.status_code == 302:
        assert response.headers["Location"].startswith("/login")
        return False
    return response.status_code == 200


@pytest.fixture
def sam(make):
    return make.user(email="sam@example.edu", first_name="Sam")


def test_copies_of_the_session_and_remember_cookies_work_until_the_sessions_end(app, sam):
    client = _signed_in(app, sam.email, remember=True)
    assert _is_signed_in(_copy(app, client, "session")) and _is_signed_in(_copy(app, client, "remember_token"))


def test_after_logout_a_copied_session_cookie_and_remember_cookie_get_the_login_page(app, sam, api):
    client = _signed_in(app, sam.email, remember=True)
    other_device = _signed_in(app, sam.email)
    token = api.token(sam)
    session_copy, remember_copy = _copy(app, client, "session"), _copy(app, client, "remember_token")
    assert client.post("/logout").status_code == 302
    for copy in (client, session_copy, remember_copy, other_device):
        assert not _is_signed_in(copy)
    assert api.get("/api/v1/me", token).status_code == 401


def test_after_a_password_change_old_cookies_fail_and_this_browser_stays_signed_in(app, sam, api):
    client = _signed_in(app, sam.email, remember=True)
    other_device = _signed_in(app, sam.email, remember=True)
    token = api.token(sam)
    old_session, old_remember = _copy(app, client, "session"), _copy(app, client, "remember_token")
    old_cookie = client.get_cookie("remember_token").value
    response = client.post("/account/password", data={"current_password": PASSWORD, "password": NEW,
                                                      "password_confirm": NEW})
    assert response.status_code == 302
    assert _is_signed_in(client)
    new_cookie = client.get_cookie("remember_token").value
    assert new_cookie != old_cookie and _is_signed_in(_copy(app, client, "remember_token"))
    for copy in (old_session, old_remember, other_device):
        assert not _is_signed_in(copy)
    assert api.get("/api/v1/me", token).status_code == 401


def test_sign_out_everywhere_ends_every_other_session_and_token_and_keeps_this_one(app, sam, api):
    client = _signed_in(app, sam.email)
    laptop, phone = _signed_in(app, sam.email, remember=True), _signed_in(app, sam.email)
    remembered = _copy(app, laptop, "remember_token")
    token = api.tokens(sam.email)
    response = client.post("/account/sessions/revoke")
    assert response.status_code == 302 and response.headers["Location"] == "/account/password"
    assert "signed out on every other device" in client.get("/account/password").get_data(as_text=True)
    assert _is_signed_in(client)
    for copy in (laptop, phone, remembered):
        assert not _is_signed_in(copy)
    assert api.get("/api/v1/me", token["access_token"]).status_code == 401
    assert api.post("/api/v1/auth/refresh", token["refresh_token"]).status_code == 401
    assert User.objects.get(user_id=sam.user_id).check_password(PASSWORD)


def test_sign_out_everywhere_keeps_this_browsers_remember_me(app, sam):
    client = _signed_in(app, sam.email, remember=True)
    before = client.get_cookie("remember_token").value
    client.post("/account/sessions/revoke")
    after = client.get_cookie("remember_token").value
    assert after != before and _is_signed_in(_copy(app, client, "remember_token"))


def test_deactivation_ends_every_session_and_token_and_refuses_sign_in(app, sam, api):
    client = _signed_in(app, sam.email, remember=True)
    remembered = _copy(app, client, "remember_token")
    token = api.token(sam)
    deactivate(User.objects.get(user_id=sam.user_id))
    assert not _is_signed_in(client) and not _is_signed_in(remembered)
    assert api.get("/api/v1/me", token).status_code == 401
    response = app.test_client().post("/login", data={"email": sam.email, "password": PASSWORD})
    assert response.status_code == 403 and "deactivated" in response.get_data(as_text=True)
    refused = api.post("/api/v1/auth/tokens", json={"email": sam.email, "password": PASSWORD})
    assert refused.status_code == 403 and refused.get_json()["reason"] == "inactive"
    wrong = app.test_client().post("/login", data={"email": sam.email, "password": "wrong-password"})
    assert "deactivated" not in wrong.get_data(as_text=True)  # only the password's holder learns it


def test_the_api_sign_out_everywhere_ends_site_sessions_too(app, sam, api):
    client = _signed_in(app, sam.email)
    token = api.token(sam)
    assert api.delete("/api/v1/me/sessions", token).status_code == 204
    assert not _is_signed_in(client) and api.get("/api/v1/me", token).status_code == 401
    assert api.get("/api/v1/me", api.token(sam)).status_code == 200


def test_the_remember_me_cookie_lasts_thirty_days(app, sam):
    response = app.test_client().post("/login", data={"email": sam.email, "password": PASSWORD, "remember_me": "y"})
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("remember_token="))
    expires = parsedate_to_datetime(cookie.split("Expires=")[1].split(";")[0])
    assert abs(expires - (datetime.now(timezone.utc) + timedelta(days=30))) < timedelta(minutes=5)
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_the_remember_me_duration_comes_from_the_config(monkeypatch):
    from config import TestingConfig

    monkeypatch.setenv("REMEMBER_COOKIE_DURATION", "7")
    assert TestingConfig().REMEMBER_COOKIE_DURATION == timedelta(days=7)


def test_the_session_carries_the_user_id_and_the_accounts_stamp(app, sam):
    client = _signed_in(app, sam.email)
    with client.session_transaction() as session:
        user_id, stamp = session["_user_id"].split(":")
    assert user_id == str(sam.user_id) and stamp == "0"  # an account that never ended its sessions
    client.post("/account/sessions/revoke")
    with client.session_transaction() as session:
        assert session["_user_id"] == f"{sam.user_id}:{User.objects.get(user_id=sam.user_id).session_stamp}"


@pytest.mark.parametrize("raw", ["abc", "1", "77", "1:", ":0", "1:0\n", "1:0:0", "1 :0", "01:0x", "1:" + "a" * 65,
                                 "9" * 40 + ":0", "1:ab$", None, 1, b"1:0", ["1:0"]])
def test_the_session_loader_refuses_garbage(app, sam, raw):
    assert load_session(raw) is None


def test_the_session_loader_takes_the_current_stamp_only(app, sam):
    assert load_session(f"{sam.user_id}:0").user_id == sam.user_id
    User.objects(user_id=sam.user_id).update(set__session_stamp="fresh-stamp")
    assert load_session(f"{sam.user_id}:0") is None
    assert load_session(f"{sam.user_id}:fresh-stamp").user_id == sam.user_id


def test_the_session_loader_costs_one_read_and_no_write_while_last_seen_is_fresh(app, sam, round_trips):
    load_session(f"{sam.user_id}:0")  # the first load marks the account as seen
    round_trips.reset()
    load_session(f"{sam.user_id}:0")
    assert round_trips.calls == [("user", "find_one")]


def test_last_seen_is_written_at_most_once_a_minute(app, sam, clock, round_trips):
    client = _signed_in(app, sam.email)
    first = User.objects.get(user_id=sam.user_id).last_seen
    assert first is not None
    round_trips.reset()
    for _ in range(3):
        client.get("/")
    assert ("user", "update_one") not in round_trips.calls
    clock.travel(timedelta(minutes=2))
    round_trips.reset()
    client.get("/")
    client.get("/")
    assert round_trips.calls.count(("user", "update_one")) == 1
    assert User.objects.get(user_id=sam.user_id).last_seen > first


def test_a_concurrent_fresher_last_seen_is_not_overwritten(app, sam):
    from application.accounts.services import mark_seen
    from application.core.clock import utcnow

    user = User.objects.get(user_id=sam.user_id)
    later = utcnow().replace(microsecond=0) + timedelta(seconds=30)
    User.objects(user_id=sam.user_id).update(set__last_seen=later)
    user.last_seen = None  # this request read the account before the other request wrote
    mark_seen(user)
    assert User.objects.get(user_id=sam.user_id).last_seen.replace(tzinfo=timezone.utc) == later
