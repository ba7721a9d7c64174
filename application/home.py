"""The home page and the health check."""
from flask import Blueprint, current_app, jsonify, render_template
from flask_login import current_user

from . import database, pipelines
from .extensions import talisman
from .models import Course

bp = Blueprint("home", __name__)


@bp.route("/home")
@bp.route("/index")
@bp.route("/")
def index():
    """Show the welcome page; signed-in users also see their course feed."""
    feed = []
    if current_user.is_authenticated:
        feed = pipelines.home_feed(current_user.user_id, current_app.config["FEED_SIZE"])
    terms = Course.objects.terms()
    return render_template("home/index.html", feed=feed, terms=terms, title="Home")


@bp.route("/healthz")
@talisman(force_https=False)
def healthz():
    """Answer 200 when the database answers a ping, else 503 naming the failure."""
    problem = database.ping()
    if problem:
        return jsonify(status="error", database=problem), 503
    return jsonify(status="ok", database="ok")
