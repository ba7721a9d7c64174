"""Register, log in and log out."""
from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user, logout_user
from mongoengine.errors import NotUniqueError

from .extensions import limiter, login_manager
from .forms import ConfirmForm, LoginForm, RegisterForm
from .models import User

bp = Blueprint("auth", __name__)


@login_manager.user_loader
def load_user(user_id):
    """Return the signed-in user for the id kept in the session."""
    if not str(user_id).isdigit() or len(str(user_id)) > 18:
        return None
    return User.objects(user_id=int(user_id)).first()


def is_safe_next(target):
    """Return True when target is a path on this site (no other host, scheme or trick)."""
    if not target or not isinstance(target, str) or len(target) > 2000:
        return False
    if "\\" in target or any(ord(ch) < 32 or ord(ch) == 127 for ch in target):
        return False
    if not target.startswith("/") or target.startswith("//"):
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc


def _login_limit():
    """Return the login rate limit from the config."""
    return current_app.config["LOGIN_RATE_LIMIT"]


@bp.route("/register", methods=["GET", "POST"])
def register():
    """Create a student account, then ask the student to log in."""
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    form = RegisterForm()
    if form.validate_on_submit():
        try:
            User.create(form.email.data, form.password.data, form.first_name.data, form.last_name.data)
        except NotUniqueError:
            form.email.errors.append("An account with this email already exists. Log in instead.")
        else:
            flash("Your account is ready. Log in to enroll in courses.", "success")
            return redirect(url_for("auth.login"))
    return render_template("auth/register.html", form=form, title="Register")


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def login():
    """Sign in, then go to a safe ?next= page or home."""
    target = request.args.get("next")
    if current_user.is_authenticated:
        return redirect(target if is_safe_next(target) else url_for("home.index"))
    form = LoginForm()
    if form.validate_on_submit():
        user = User.objects.by_email(form.email.data)
        if user and user.check_password(form.password.data):
            login_user(user, remember=form.remember_me.data)
            flash(f"Welcome back, {user.first_name}!", "success")
            return redirect(target if is_safe_next(target) else url_for("home.index"))
        flash("Email or password is not right. Please try again.", "danger")
    return render_template("auth/login.html", form=form, title="Login")


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    """Sign out (a POST with a CSRF token, never a GET)."""
    form = ConfirmForm()
    if form.validate_on_submit():
        logout_user()
        flash("You are logged out.", "info")
    return redirect(url_for("home.index"))
