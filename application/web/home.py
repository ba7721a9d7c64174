"""The home page and the health check."""
from flask import Blueprint, current_app, jsonify, render_template

from .. import database
from ..courses.services import terms
from ..discussion.services import feed
from ..security import allow_http
from .access import viewer
from .requests import kept_page, requested_page

bp = Blueprint("home", __name__)


@bp.route("/home")
@bp.route("/index")
@bp.route("/")
def index():
    """Show the welcome page; signed-in users also see their feed (their courses and the people they follow)."""
    page, known = feed(viewer(), requested_page(), current_app.config["FEED_SIZE"]), terms()
    return kept_page((page.posts, page.page, known),
                     lambda: render_template("home/index.html", feed=page, terms=known, title="Home"), times=True)


@bp.route("/healthz")
@allow_http
def healthz():
    """Answer 200 when the database answers a ping, else 503 naming the failure."""
    problem = database.ping()
    if problem:
        return jsonify(status="error", database=problem), 503
    return jsonify(status="ok", database="ok")
