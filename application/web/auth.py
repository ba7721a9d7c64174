"""Register, log in and out, reset a forgotten password, confirm an email."""
from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user, logout_user

from .. import mail
from ..accounts import confirmation, recovery
from ..accounts.links import BadLink
from ..accounts.models import PASSWORD_MIN
from ..accounts.services import sign_in
from ..accounts.sessions import end_sessions, load_session
from ..accounts.throttle import TooManyAttempts
from ..core.errors import Forbidden, Invalid
from ..extensions import limiter, login_manager
from .access import viewer
from .forms import ForgotPasswordForm, LoginForm, RegisterForm, ResetPasswordForm, show_errors
from .requests import back_to

bp = Blueprint("auth", __name__)
REGISTERED = ("Your registration is done: log in with your email and password. If this email already "
              "had an account, that account's own password still applies.")
MAILED = "We sent a mail to this address: follow its link to confirm your email."
NOT_MAILED = "The mail to this address could not be sent just now: log in and press Resend to try again."
RESET_SENT = ("If an account has this email, we sent it a link to choose a new password. The link works "
              "once, for one hour.")
login_manager.user_loader(load_session)


def _register_limit():
    """Return the per-address limit on new accounts from the config."""
    return current_app.config["REGISTER_RATE_LIMIT"]


def too_many(template, form, exc, **context):
    """Answer a throttled form: the page again with the wait, 429 and Retry-After."""
    flash(exc.message, "danger")
    page = render_template(template, form=form, **context)
    return page, 429, {"Retry-After": str(exc.retry_after)}


def stay_signed_in():
    """Sign this browser in again under the account's new session stamp (keeping remember-me if it had it)."""
    remembered = current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token") in request.cookies
    login_user(current_user._get_current_object(), remember=remembered)


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit(_register_limit, methods=["POST"])
def register():
    """Create a student account, then ask the student to log in (the same answer for a taken email)."""
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    form, status = RegisterForm(), 200
    if request.method == "POST":
        try:
            delivery = confirmation.register(form.email.data, form.password.data, form.password_confirm.data or "",
                                             form.first_name.data, form.last_name.data)
        except Invalid as exc:
            show_errors(form, exc)
            status = 422
        else:
            flash(REGISTERED, "success")
            if delivery is not None:
                flash(NOT_MAILED if delivery.failed else MAILED, "warning" if delivery.failed else "info")
            return redirect(url_for("auth.login"))
    return render_template("auth/register.html", form=form, password_min=PASSWORD_MIN, title="Register"), status


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Sign in, then go to a safe ?next= page or home (failed attempts are throttled)."""
    target = request.args.get("next")
    if current_user.is_authenticated:
        return back_to(target, url_for("home.index"))
    form, status = LoginForm(), 200
    if request.method == "POST":
        try:
            user = sign_in(form.email.data, form.password.data, request.remote_addr)
        except Invalid as exc:
            show_errors(form, exc)
            status = 422
        except TooManyAttempts as exc:
            return too_many("auth/login.html", form, exc, title="Login")
        except Forbidden as exc:  # a deactivated account, told only to whoever knows its password
            flash(exc.message, "danger")
            status = 403
        else:
            if user is not None:
                login_user(user, remember=bool(form.remember_me.data))
                flash(f"Welcome back, {user.first_name}!", "success")
                return back_to(target, url_for("home.index"))
            flash("Email or password is not right. Please try again.", "danger")
    return render_template("auth/login.html", form=form, title="Login"), status


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    """Sign out (a POST with a CSRF token, never a GET): every session of the account ends, copies included."""
    end_sessions(viewer())
    logout_user()
    flash("You are logged out.", "info")
    return redirect(url_for("home.index"))


@bp.route("/reset", methods=["GET", "POST"])
def forgot_password():
    """Ask for a password-reset link by email (the same answer whether or not the email has an account)."""
    form, status = ForgotPasswordForm(), 200
    context = {"mail_ready": mail.is_configured(), "title": "Reset your password"}
    if request.method == "POST":
        try:
            recovery.request_reset(form.email.data, request.remote_addr)
        except Invalid as exc:
            show_errors(form, exc)
            status = 422
        except TooManyAttempts as exc:
            return too_many("auth/forgot.html", form, exc, **context)
        else:
            flash(RESET_SENT, "info")
            return redirect(url_for("auth.login"))
    return render_template("auth/forgot.html", form=form, **context), status


@bp.route("/reset/<token>", methods=["GET", "POST"])
def reset_password(token):
    """Choose a new password through a mailed link, then be signed in (the link never works again)."""
    form, status = ResetPasswordForm(), 200
    try:
        user = recovery.reset_holder(token)
        if request.method == "POST":
            user = recovery.reset_password(token, form.password.data, form.password_confirm.data or "")
            login_user(user)
            flash("Your new password is set and you are signed in. Every other session has ended.", "success")
            return redirect(url_for("home.index"))
    except BadLink as exc:
        flash(exc.message, "warning")
        return redirect(url_for("auth.forgot_password"))
    except Invalid as exc:
        show_errors(form, exc)
        status = 422
    return render_template("auth/reset.html", form=form, email=user.email, password_min=PASSWORD_MIN,
                           title="Choose a new password"), status


@bp.route("/confirm/<token>")
def confirm_email(token):
    """Confirm an email through a mailed link."""
    try:
        confirmation.confirm(token)
    except BadLink as exc:
        flash(exc.message, "warning")
    else:
        flash("Your email is confirmed: you can enroll in courses and post.", "success")
    return redirect(url_for("home.index" if current_user.is_authenticated else "auth.login"))
