"""New passwords: changed while signed in, or reset through a mailed link when forgotten.

Either way every session and API token of the account ends (sessions.end_sessions); the page that
made the change signs its own browser in again.
"""
from .. import mail
from ..core.checks import Checks
from ..core.errors import Forbidden
from . import links, passwords, throttle
from .models import User
from .services import check_confirmation, check_email, check_new_password, password_text
from .sessions import end_sessions

RESET_SUBJECT = "Reset your password"
CHANGED_SUBJECT = "Your password was changed"
WRONG_CURRENT = "Your current password is not right."


class WrongPassword(Forbidden):
    """The current password given to change it is not the account's."""

    code = "bad_credentials"

    def __init__(self):
        super().__init__(WRONG_CURRENT, errors={"current_password": [WRONG_CURRENT]})


def _check_new(checks, password, confirmation):
    """Record what is wrong with a new password and its second entry."""
    check_new_password(checks, password)
    check_confirmation(checks, password, confirmation)


def _store(user, password, **changes):
    """Store a new password hash (unless the password changed meanwhile) and end every session; return True if so."""
    return end_sessions(user, guard={"password": user.password}, password=passwords.make_hash(password), **changes)


def change_password(actor, current, password, confirmation, address):
    """Give the signed-in actor a new password; return the Delivery of the notice mail.

    Raises Invalid (per field), WrongPassword, or TooManyAttempts: a wrong current password counts
    as a failed sign-in of the account, so a stolen session cannot be used to guess it.
    """
    checks = Checks()
    password_text(checks, current, "current_password", "Enter your current password.")
    _check_new(checks, password, confirmation)
    checks.raise_if_any()
    throttle.begin_attempt(actor.email, address)
    right = passwords.matches(actor.password, current)
    throttle.finish_attempt(actor.email, address, succeeded=right)
    if not right or not _store(actor, password):
        raise WrongPassword()
    return mail.send(actor.email, CHANGED_SUBJECT, "password_changed", name=actor.first_name,
                     link=mail.link("auth.forgot_password"))


def request_reset(email, address):
    """Mail a reset link to the account with this email, if there is one; the answer is the same either way.

    The mail goes out in the background, so an email with an account takes no longer to answer.
    Raises Invalid for a missing or malformed email, TooManyAttempts past the per-email or
    per-address limit.
    """
    checks = Checks()
    email = check_email(checks, email)
    checks.raise_if_any()
    throttle.admit_mail_request(email, address)
    user = User.objects.by_email(email)
    if user is None or not user.is_active:
        return
    token = links.make_token(links.RESET, user)
    mail.send_later(user.email, RESET_SUBJECT, "reset", name=user.first_name,
                    link=mail.link("auth.reset_password", token=token), minutes=links.RESET.seconds // 60)


def reset_holder(token):
    """Return the account a reset link is for, or raise BadLink (forged, expired or used)."""
    return links.token_holder(links.RESET, token)


def reset_password(token, password, confirmation):
    """Set a new password through a reset link; return the User (the link then never works again).

    Following the mailed link also proves the email, which counts as confirming it.
    """
    user = reset_holder(token)
    checks = Checks()
    _check_new(checks, password, confirmation)
    checks.raise_if_any()
    if not _store(user, password, email_confirmed=True):
        raise links.BadLink(links.USED, code="link_used")
    return user
