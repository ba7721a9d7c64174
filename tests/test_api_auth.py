"""API tokens: sign-in, expiry, refresh, revocation, and what voids a token."""
from datetime import timedelta

import jwt as pyjwt
import pytest

from application.accounts.models import TokenRevocation, User
from application.accounts.passwords import make_hash
from application.documents import create_indexes
from tests.api_support import assert_error
from tests.conftest import PASSWORD

TOKENS = "/api/v1/auth/tokens"
REFRESH = "/api/v1/auth/refresh"


def _claims(app, token):
    return pyjwt.decode(token, app.config["JWT_SECRET_KEY"], algorithms=["HS256"], options={"verify_exp": False})


def test_sign_in_answers_both_tokens_carrying_the_user_id_role_and_family(app, make, api):
    user = make.user(email="ada@example.edu", role="instructor")
    response = api.post(TOKENS, json={"email": "ADA@example.edu ", "password": PASSWORD})
    assert response.status_code == 201
    body = response.get_json()
    assert body["token_type"] == "Bearer" and body["expires_in"] == 15 * 60
    access, refresh = _claims(app, body["access_token"]), _claims(app, body["refresh_token"])
    assert access["sub"] == refresh["sub"] == str(user.user_id)
    assert access["role"] == refresh["role"] == "instructor"
    assert access["fam"] == refresh["fam"] and access["type"] == "access" and refresh["type"] == "refresh"
    assert refresh["exp"] - refresh["iat"] == 30 * 24 * 3600
    assert "set-cookie" not in {name.lower() for name in response.headers.keys()}


def test_token_lifetimes_come_from_the_config(monkeypatch):
    from config import TestingConfig

    monkeypatch.setenv("API_ACCESS_TOKEN_MINUTES", "5")
    monkeypatch.setenv("API_REFRESH_TOKEN_DAYS", "2")
    config = TestingConfig()
    assert config.JWT_ACCESS_TOKEN_EXPIRES == timedelta(minutes=5)
    assert config.JWT_REFRESH_TOKEN_EXPIRES == timedelta(days=2)


def test_a_wrong_password_or_unknown_email_is_401_with_bearer_challenge(make, api):
    make.user(email="ada@example.edu")
    for email, password in (("ada@example.edu", "wrong-password"), ("nobody@example.edu", PASSWORD)):
        response = api.post(TOKENS, json={"email": email, "password": password})
        assert_error(response, 401, "bad_credentials")


@pytest.mark.parametrize("body,fields", [
    ({"email": "a@example.edu"}, ["password"]),
    ({"email": {"$ne": None}, "password": {"$ne": None}}, ["email", "password"]),
    ({"email": ["a@example.edu"], "password": 1}, ["email", "password"]),
    ({"email": "a@example.edu", "password": "x", "admin": True}, ["admin"]),
    ({"email": "", "password": ""}, ["email", "password"]),
])
def test_bad_sign_in_bodies_are_422_naming_each_field(make, api, body, fields):
    assert_error(api.post(TOKENS, json=body), 422, "invalid", fields)


def test_sign_in_takes_only_json(api):
    assert_error(api.post(TOKENS, data={"email": "a@example.edu", "password": "x"}), 415, "not_json")
    assert_error(api.post(TOKENS, data='{"email": ', content_type="application/json"), 400, fields=["json"])


def test_the_access_token_opens_the_account_and_expires_after_its_lifetime(make, api, clock):
    user = make.user()
    token = api.token(user)
    assert api.get("/api/v1/me", token).status_code == 200
    clock.travel(timedelta(minutes=14))
    assert api.get("/api/v1/me", token).status_code == 200
    clock.travel(timedelta(minutes=2))
    assert_error(api.get("/api/v1/me", token), 401, "token_expired")


def test_refresh_gives_a_new_access_token_of_the_same_family(app, make, api, clock):
    user = make.user()
    tokens = api.tokens(user.email)
    clock.travel(timedelta(minutes=20))
    assert_error(api.get("/api/v1/me", tokens["access_token"]), 401, "token_expired")
    response = api.post(REFRESH, tokens["refresh_token"])
    assert response.status_code == 200
    fresh = response.get_json()
    assert "refresh_token" not in fresh and fresh["token_type"] == "Bearer"
    assert _claims(app, fresh["access_token"])["fam"] == _claims(app, tokens["refresh_token"])["fam"]
    assert api.get("/api/v1/me", fresh["access_token"]).status_code == 200


def test_refresh_tokens_expire_too(make, api, clock):
    tokens = api.tokens(make.user().email)
    clock.travel(timedelta(days=31))
    assert_error(api.post(REFRESH, tokens["refresh_token"]), 401, "token_expired")


def test_each_token_works_only_where_its_type_belongs(make, api):
    tokens = api.tokens(make.user().email)
    assert_error(api.post(REFRESH, tokens["access_token"]), 401, "token_invalid")
    assert_error(api.get("/api/v1/me", tokens["refresh_token"]), 401, "token_invalid")
    assert_error(api.post(REFRESH), 401, "token_missing")


@pytest.mark.parametrize("token", ["abc", "a.b.c", "Bearer", ""])
def test_malformed_or_forged_tokens_are_401(app, make, api, token):
    assert api.get("/api/v1/me", token or None).status_code == 401


def test_a_token_signed_with_another_key_is_401(app, make, api):
    user = make.user()
    claims = _claims(app, api.token(user))
    forged = pyjwt.encode(claims, "another-key-of-at-least-thirty-two-bytes!", algorithm="HS256")
    assert_error(api.get("/api/v1/me", forged), 401, "token_invalid")


@pytest.mark.parametrize("revoked_with", ["access_token", "refresh_token"])
def test_revoking_a_token_revokes_its_pair_and_nothing_else(make, api, revoked_with):
    user = make.user()
    tokens, other = api.tokens(user.email), api.tokens(user.email)
    refreshed = api.post(REFRESH, tokens["refresh_token"]).get_json()["access_token"]
    assert api.delete(TOKENS, tokens[revoked_with]).status_code == 204
    for token in (tokens["access_token"], refreshed):
        assert_error(api.get("/api/v1/me", token), 401, "token_revoked")
    assert_error(api.post(REFRESH, tokens["refresh_token"]), 401, "token_revoked")
    assert_error(api.delete(TOKENS, tokens["access_token"]), 401, "token_revoked")
    assert api.get("/api/v1/me", other["access_token"]).status_code == 200


def test_revocations_expire_by_themselves_with_a_ttl_index(app, make, api):
    tokens = api.tokens(make.user().email)
    api.delete(TOKENS, tokens["access_token"])
    revocation = TokenRevocation.objects.get()
    created = create_indexes()["token_revocation"]
    info = TokenRevocation._get_collection().index_information()
    ttl = [spec for spec in info.values() if spec["key"] == [("expires_at", 1)]]
    assert "family_1" in created and ttl and ttl[0]["expireAfterSeconds"] == 0
    lifetime = revocation.expires_at - revocation.id.generation_time.replace(tzinfo=None)
    assert timedelta(days=30) < lifetime <= timedelta(days=30, minutes=16)


def test_a_new_password_voids_the_accounts_tokens(make, api):
    user = make.user()
    tokens = api.tokens(user.email)
    User.objects(user_id=user.user_id).update(set__password=make_hash("a-new-password-1"))
    assert_error(api.get("/api/v1/me", tokens["access_token"]), 401, "token_stale")
    assert_error(api.post(REFRESH, tokens["refresh_token"]), 401, "token_stale")
    fresh = api.tokens(user.email, "a-new-password-1")
    assert api.get("/api/v1/me", fresh["access_token"]).status_code == 200


def test_a_removed_or_deactivated_account_voids_its_tokens(make, api, monkeypatch):
    removed, deactivated = make.user(), make.user()
    removed_token, deactivated_token = api.token(removed), api.token(deactivated)
    User.objects(user_id=removed.user_id).delete()
    assert_error(api.get("/api/v1/me", removed_token), 401, "token_stale")
    monkeypatch.setattr(User, "is_active", property(lambda self: self.user_id != deactivated.user_id))
    assert_error(api.get("/api/v1/me", deactivated_token), 401, "token_stale")


@pytest.mark.real_password_hashing
def test_a_weak_stored_hash_is_upgraded_at_sign_in_and_the_new_token_works(make, api):
    from werkzeug.security import generate_password_hash

    user = make.user()
    User.objects(user_id=user.user_id).update(set__password=generate_password_hash(PASSWORD, "pbkdf2:sha256:1000"))
    token = api.token(user)
    assert User.objects.get(user_id=user.user_id).password.startswith("scrypt:")
    assert api.get("/api/v1/me", token).status_code == 200


def test_a_token_without_a_family_is_never_trusted(app, make, api):
    from flask_jwt_extended import create_access_token

    from application.accounts import tokens

    user = make.user()
    with app.app_context():
        bare = create_access_token(str(user.user_id), additional_claims={"stamp": tokens.account_stamp(user)})
    assert_error(api.get("/api/v1/me", bare), 401, "token_revoked")
    assert tokens.is_revoked(None) and tokens.is_revoked("")
