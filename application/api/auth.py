"""Bearer tokens: sign in for an access and a refresh token, refresh, revoke; and how tokens are checked.

A token's subject is the user_id; its claims carry the role, the family shared by the tokens of one
sign-in (revoking one revokes them all) and the account stamp (a new password or the end of the account's
sessions voids old tokens).
"""
import uuid

from flask import current_app, request
from flask_jwt_extended import create_access_token, create_refresh_token, get_current_user, get_jwt
from flask_smorest import Blueprint

from ..accounts import tokens
from ..accounts.services import sign_in
from ..extensions import jwt
from .errors import error_response
from .operations import no_content, operation
from .schemas import SignInSchema, TokenSchema

bp = Blueprint("api-tokens", __name__, url_prefix="/api/v1/auth",
               description="Sign in for bearer tokens, refresh the access token, revoke tokens.")
INVALID_TOKEN = {"WWW-Authenticate": 'Bearer error="invalid_token"'}


def _issue(user, family, with_refresh):
    """Return the token response body for a user: an access token, and a refresh token at sign-in."""
    claims = {"role": user.role, "fam": family, "stamp": tokens.account_stamp(user)}
    body = {"access_token": create_access_token(str(user.user_id), additional_claims=claims),
            "token_type": "Bearer",
            "expires_in": int(current_app.config["JWT_ACCESS_TOKEN_EXPIRES"].total_seconds())}
    if with_refresh:
        body["refresh_token"] = create_refresh_token(str(user.user_id), additional_claims=claims)
    return body


@operation(bp, "/tokens", "POST", status=201, response=TokenSchema, body=SignInSchema, errors=(401, 403, 429))
def create_tokens(credentials):
    """Sign in with email and password (failed attempts are throttled as on the site's login form)."""
    user = sign_in(credentials["email"], credentials["password"], request.remote_addr)
    if user is None:
        return error_response(401, "Email or password is not right.", reason="bad_credentials")
    return issue_tokens(user)


def issue_tokens(user):
    """Return a new sign-in's token response body (an access and a refresh token) for a user."""
    return _issue(user, uuid.uuid4().hex, with_refresh=True)


@operation(bp, "/refresh", "POST", response=TokenSchema, auth="refresh")
def refresh():
    """Trade the refresh token (as the bearer token) for a new access token of the same family."""
    return _issue(get_current_user(), get_jwt()["fam"], with_refresh=False)


@operation(bp, "/tokens", "DELETE", status=204, auth="any")
def revoke():
    """Revoke the presented token, access or refresh, together with every token of its sign-in."""
    config = current_app.config  # an access token refreshed at the last moment outlives its refresh token
    tokens.revoke_family(get_jwt()["fam"], config["JWT_REFRESH_TOKEN_EXPIRES"] + config["JWT_ACCESS_TOKEN_EXPIRES"])
    return no_content()


@jwt.user_lookup_loader
def _holder(header, claims):
    """Return the user a verified token names, or None when it no longer stands for them."""
    return tokens.token_holder(claims["sub"], claims.get("stamp"))


@jwt.token_in_blocklist_loader
def _revoked(header, claims):
    """Return True when the token's family was revoked."""
    return tokens.is_revoked(claims.get("fam"))


@jwt.unauthorized_loader
def _missing(explanation):
    """Answer a request without a bearer token."""
    return error_response(401, "Send an access token: Authorization: Bearer <token>.", reason="token_missing")


@jwt.invalid_token_loader
def _invalid(explanation):
    """Answer a malformed, forged or wrong-type token."""
    return error_response(401, f"The token is not valid: {explanation}.", reason="token_invalid",
                          headers=INVALID_TOKEN)


@jwt.expired_token_loader
def _expired(header, claims):
    """Answer an expired token."""
    return error_response(401, "The token has expired: refresh it or sign in again.", reason="token_expired",
                          headers=INVALID_TOKEN)


@jwt.revoked_token_loader
def _revoked_answer(header, claims):
    """Answer a revoked token."""
    return error_response(401, "The token was revoked: sign in again.", reason="token_revoked",
                          headers=INVALID_TOKEN)


@jwt.user_lookup_error_loader
def _stale(header, claims):
    """Answer a token whose account was removed or deactivated, or whose password or sessions changed."""
    return error_response(401, "The token no longer stands for an active account with this password and "
                               "these sessions: sign in again.", reason="token_stale", headers=INVALID_TOKEN)
