"""Registration and email confirmation: with REQUIRE_EMAIL_CONFIRMATION on, a new account gets a link
and may browse, but not enroll or post, until it follows it.

Registering answers the same whether or not the email has an account: an email that has one gets a
mail saying someone tried to register with it instead of a confirmation link, so both answers cost
one mail and fail alike when mail is down.
"""
from flask import current_app

from .. import mail
from ..core.errors import Conflict, Forbidden
from . import links, throttle
from .models import User
from .permissions import awaiting_confirmation
from .services import EmailTaken, create_user

CONFIRM_SUBJECT = "Confirm your email"
TAKEN_SUBJECT = "Someone tried to register with your email"


def required():
    """Return True when new accounts must confirm their email."""
    return bool(current_app.config["REQUIRE_EMAIL_CONFIRMATION"])


def register(email, password, password_confirm, first_name, last_name):
    """Create a student account; return the Delivery of the mail it sent, or None when none is due.

    Raises Invalid only: a taken email is answered exactly like a new one.
    """
    try:
        user = create_user(email, password, first_name, last_name, password_confirm=password_confirm,
                           email_confirmed=not required())
    except EmailTaken:
        owner = User.objects.by_email(email)
        if not required() or owner is None:
            return None
        return mail.send(owner.email, TAKEN_SUBJECT, "taken", name=owner.first_name,
                         link=mail.link("auth.forgot_password"))
    return send_confirmation(user) if required() else None


def send_confirmation(user):
    """Mail the user a link that confirms their email; return its Delivery."""
    token = links.make_token(links.CONFIRM, user)
    return mail.send(user.email, CONFIRM_SUBJECT, "confirm", name=user.first_name,
                     link=mail.link("auth.confirm_email", token=token), days=links.CONFIRM.lifetime.days)


def resend(actor, address):
    """Mail the signed-in actor a new confirmation link; return its Delivery (limited like reset mails)."""
    if not actor.is_authenticated:
        raise Forbidden("Log in to confirm your email.", code="sign_in")
    if not awaiting_confirmation(actor):
        raise Conflict("Your email is already confirmed.", code="already_confirmed")
    throttle.admit_mail_request(actor.email, address)
    return send_confirmation(actor)


def confirm(token):
    """Confirm the email of the account a confirmation link was made for; return the User."""
    user = links.token_holder(links.CONFIRM, token)
    User.objects(user_id=user.user_id).update_one(set__email_confirmed=True)
    user.email_confirmed = True
    return user
