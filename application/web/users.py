"""Profiles, follow lists, follow and unfollow."""
from flask import Blueprint, current_app, flash, render_template, request, url_for
from flask_login import login_required

from ..accounts import follows
from ..accounts.profiles import profile as profile_of, shown
from ..core.errors import DomainError
from .access import viewer
from .requests import back_to, kept_page, requested_page

bp = Blueprint("users", __name__)
TITLES = {"followers": "Followers of {name}", "following": "People {name} follows"}


@bp.route("/user/<user_id:user_id>")
@login_required
def profile(user_id):
    """Show a person's name, about, avatar, follows and posts, and the enrollments the viewer may see."""
    view = profile_of(viewer(), user_id, requested_page(), current_app.config["POSTS_PER_PAGE"])
    return kept_page(shown(view), lambda: render_template("users/profile.html", profile=view, user=view.user,
                                                          title=view.user.full_name), times=True)


@bp.route("/user/<user_id:user_id>/followers", defaults={"side": "followers"}, endpoint="followers")
@bp.route("/user/<user_id:user_id>/following", defaults={"side": "following"}, endpoint="following")
@login_required
def follow_list(user_id, side):
    """List, a page at a time, who follows a person or whom they follow."""
    view = follows.follow_list(viewer(), user_id, side, requested_page(), current_app.config["PEOPLE_PER_PAGE"])
    return render_template("users/people.html", view=view, title=TITLES[side].format(name=view.user.full_name))


def _follow_action(action, user_id, done):
    """Run follow or unfollow, flash the outcome and go back to the page the button was on."""
    try:
        person = action(viewer(), user_id)
    except DomainError as exc:
        if exc.status not in (404, 409) or exc.code == "not_found":
            raise
        flash(exc.message, "warning")
    else:
        flash(done.format(name=person.full_name), "success")
    return back_to(request.form.get("next"), url_for("users.profile", user_id=user_id))


@bp.route("/user/<user_id:user_id>/follow", methods=["POST"])
@login_required
def follow(user_id):
    """Follow a person: their posts join your home feed."""
    return _follow_action(follows.follow, user_id, "You now follow {name}: their posts join your home feed.")


@bp.route("/user/<user_id:user_id>/unfollow", methods=["POST"])
@login_required
def unfollow(user_id):
    """Stop following a person."""
    return _follow_action(follows.unfollow, user_id, "You no longer follow {name}.")
