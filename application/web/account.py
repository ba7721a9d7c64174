"""One's own account: edit the profile, change the password, end every other session, resend the confirmation."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ..accounts import confirmation, recovery
from ..accounts.models import ABOUT_MAX, PASSWORD_MIN
from ..accounts.permissions import awaiting_confirmation
from ..accounts.profiles import edit_profile as edit_profile_of
from ..accounts.sessions import end_sessions
from ..accounts.throttle import TooManyAttempts
from ..core.errors import Conflict, Invalid
from .access import viewer
from .auth import stay_signed_in, too_many
from .forms import ChangePasswordForm, ProfileForm, show_errors

bp = Blueprint("account", __name__)


@bp.app_context_processor
def confirmation_banner():
    """Tell every page whether to show the "confirm your email" banner."""
    return {"awaiting_confirmation": awaiting_confirmation(viewer())}


def _own_profile():
    """Return the URL of the signed-in user's profile."""
    return url_for("users.profile", user_id=current_user.user_id)


@bp.route("/profile/edit", methods=["GET", "POST"])
@login_required
def edit_profile():
    """Change one's first and last name and "about me"."""
    form = ProfileForm() if request.method == "POST" else ProfileForm(obj=current_user)
    status = 200
    if request.method == "POST":
        try:
            edit_profile_of(viewer(), form.first_name.data, form.last_name.data, form.about.data)
        except Invalid as exc:
            show_errors(form, exc)
            status = 422
        else:
            flash("Your profile is saved.", "success")
            return redirect(_own_profile())
    return render_template("account/edit_profile.html", form=form, about_max=ABOUT_MAX, title="Edit profile"), status


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    """Change the password: every other session and API token ends, this browser stays signed in."""
    form, status = ChangePasswordForm(), 200
    context = {"password_min": PASSWORD_MIN, "title": "Password and sessions"}
    if request.method == "POST":
        try:
            delivery = recovery.change_password(viewer(), form.current_password.data, form.password.data,
                                                form.password_confirm.data or "", request.remote_addr)
        except (Invalid, recovery.WrongPassword) as exc:
            show_errors(form, exc)
            status = 422
        except TooManyAttempts as exc:
            return too_many("account/password.html", form, exc, **context)
        else:
            stay_signed_in()
            flash("Your password is changed: every other session has ended.", "success")
            if delivery.failed:
                flash("The notice mail about the change could not be sent.", "warning")
            return redirect(_own_profile())
    return render_template("account/password.html", form=form, **context), status


@bp.route("/account/sessions/revoke", methods=["POST"])
@login_required
def revoke_sessions():
    """Sign out everywhere else: every other session, remember-me cookie and API token ends now."""
    end_sessions(viewer())
    stay_signed_in()
    flash("You are signed out on every other device and app; this browser stays signed in.", "success")
    return redirect(url_for("account.change_password"))


@bp.route("/account/confirm/resend", methods=["POST"])
@login_required
def resend_confirmation():
    """Mail a new confirmation link to the signed-in user."""
    try:
        delivery = confirmation.resend(viewer(), request.remote_addr)
    except (Conflict, TooManyAttempts) as exc:
        flash(exc.message, "info" if isinstance(exc, Conflict) else "danger")
    else:
        if delivery.failed:
            flash("The mail could not be sent just now: try again later.", "warning")
        else:
            flash(f"We sent a new confirmation link to {current_user.email}.", "info")
    return redirect(url_for("home.index"))
