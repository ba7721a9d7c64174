"""Register, log in and log out."""
from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user, logout_user

from ..accounts.models import PASSWORD_MIN
from ..accounts.services import EmailTaken, create_user, load_user, sign_in
from ..accounts.throttle import TooManyAttempts
from ..core.errors import Invalid
from ..extensions import limiter, login_manager
from .forms import LoginForm, RegisterForm, show_errors
from .requests import back_to

bp = Blueprint("auth", __name__)
REGISTERED = ("Your registration is done: log in with your email and password. If this email already "
              "had an account, that account's own password still applies.")
login_manager.user_loader(load_user)


def _register_limit():
    """Return the per-address limit on new accounts from the config."""
    return current_app.config["REGISTER_RATE_LIMIT"]


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit(_register_limit, methods=["POST"])
def register():
    """Create a student account, then ask the student to log in."""
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    form, status = RegisterForm(), 200
    if request.method == "POST":
        try:
            create_user(form.email.data, form.password.data, form.first_name.data, form.last_name.data,
                        password_confirm=form.password_confirm.data or "")
        except Invalid as exc:
            show_errors(form, exc)
            status = 422
        except EmailTaken:
            pass  # answered exactly like a new account: the page must not tell who is registered
        if status == 200:
            flash(REGISTERED, "success")
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
            flash(exc.message, "danger")
            page = render_template("auth/login.html", form=form, title="Login")
            return page, 429, {"Retry-After": str(exc.retry_after)}
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
    """Sign out (a POST with a CSRF token, never a GET)."""
    logout_user()
    flash("You are logged out.", "info")
    return redirect(url_for("home.index"))
