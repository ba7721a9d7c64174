"""The signed-in account: edit the profile, change the password, end every session, read the home feed."""
from flask import current_app, request
from flask_smorest import Blueprint

from ..accounts import recovery, sessions
from ..accounts.profiles import edit_profile
from ..core.errors import Invalid
from ..discussion.services import feed as feed_of
from .account_schemas import FeedSchema, PasswordChangeSchema, ProfileChangesSchema
from .auth import issue_tokens
from .operations import actor, no_content, operation
from .schemas import MeSchema, PageQuerySchema, TokenSchema

bp = Blueprint("api-account", __name__, url_prefix="/api/v1/me",
               description="The signed-in account's profile, password and sessions, and its home feed.")


@operation(bp, "", "PATCH", response=MeSchema, auth="required", body=ProfileChangesSchema, limits=("writes",))
def edit(changes):
    """Change the first name, last name, "about me" or several (a field left out keeps its value)."""
    user = actor()
    return edit_profile(user, changes.get("first_name", user.first_name), changes.get("last_name", user.last_name),
                        changes.get("about", user.about))


@operation(bp, "/password", "POST", response=TokenSchema, auth="required", body=PasswordChangeSchema,
           limits=("writes",), errors=(403,))
def change_password(change):
    """Change the password: every earlier token and session of the account ends; answers new tokens.

    A wrong current password is 403 with reason bad_credentials and counts as a failed sign-in of the
    account (429 once it is locked).
    """
    user = actor()
    try:
        recovery.change_password(user, change["current_password"], change["new_password"], change["new_password"],
                                 request.remote_addr)
    except Invalid as exc:  # the service names the new password as the site's form does
        raise Invalid({"new_password" if name == "password" else name: messages
                       for name, messages in exc.errors.items()}) from None
    return issue_tokens(user)


@operation(bp, "/sessions", "DELETE", status=204, auth="required", limits=("writes",))
def end_sessions():
    """Sign out everywhere: every token of the account (this one too) and every site session ends."""
    sessions.end_sessions(actor())
    return no_content()


@operation(bp, "/feed", "GET", response=FeedSchema, auth="required", query=PageQuerySchema, errors=(404,))
def feed(args):
    """One page of the newest posts of my courses and of the people I follow, newest first."""
    return feed_of(actor(), args["page"], current_app.config["FEED_SIZE"])
