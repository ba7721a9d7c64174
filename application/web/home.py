"""The home page and the health check."""
from flask import Blueprint, current_app, jsonify, render_template
from flask_login import current_user

from .. import database
from ..courses.services import terms
from ..discussion.services import feed
from ..extensions import talisman
from .requests import requested_page

bp = Blueprint("home", __name__)


@bp.route("/home")
@bp.route("/index")
@bp.route("/")
def index():
    """Show the welcome page; signed-in users also see their feed (their courses and the people they follow)."""
    page = feed(current_user, requested_page(), current_app.config["FEED_SIZE"])
    return render_template("home/index.html", feed=page, terms=terms(), title="Home")


@bp.route("/healthz")
@talisman(force_https=False)
def healthz():
    """Answer 200 when the database answers a ping, else 503 naming the failure."""
    problem = database.ping()
    if problem:
        return jsonify(status="error", database=problem), 503
    return jsonify(status="ok", database="ok")
