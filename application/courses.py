"""The catalog, term by term, and one course's page."""
from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from flask_login import current_user

from . import pipelines
from .forms import ConfirmForm, CourseActionForm, PostForm
from .models import Course, Enrollment
from .paging import Page, requested_page
from .permissions import can_post
from .terms import term_sort_key

bp = Blueprint("courses", __name__)
QUERY_MAX = 100


def _signed_in_id():
    """Return the signed-in user's user_id, or None."""
    return current_user.user_id if current_user.is_authenticated else None


@bp.route("/courses/")
@bp.route("/courses/<term>")
def catalog(term=None):
    """List one term's courses (default: the newest term), searched and paginated."""
    terms = Course.objects.terms()
    if term is None:
        if not terms:
            return render_template("courses/catalog.html", term=None, terms=[], courses=[],
                                   page=Page(1, 1), query="", form=CourseActionForm(), title="Courses")
        term = max(terms, key=term_sort_key)
    elif term not in terms:
        known = ", ".join(terms) or "none yet"
        abort(404, description=f"There is no term called {term[:60]!r}. Terms: {known}.")
    query = request.args.get("q", "").strip()
    if len(query) > QUERY_MAX:
        abort(400, description=f"Search text can be at most {QUERY_MAX} characters.")
    page = Page(requested_page(), current_app.config["COURSES_PER_PAGE"])
    courses, page.total = pipelines.catalog_page(term, query, page.skip, page.per_page, _signed_in_id())
    page.require_exists()
    return render_template("courses/catalog.html", term=term, terms=terms, courses=courses, page=page,
                           query=query, form=CourseActionForm(), title=f"Courses · {term}")


@bp.route("/course/<course_id>")
def detail(course_id):
    """Show one course, its seats and its discussion board."""
    if len(course_id) > 20:
        abort(404, description="There is no such course.")
    course = pipelines.course_detail(course_id)
    if course is None:
        abort(404, description=f"There is no course {course_id!r}.")
    page = Page(requested_page(), current_app.config["POSTS_PER_PAGE"])
    posts, page.total = pipelines.course_posts(course_id, page.skip, page.per_page)
    if page.total:
        page.require_exists()
    enrolled = False
    if current_user.is_authenticated:
        enrolled = Enrollment.exists(current_user.user_id, course_id)
    return render_template(
        "courses/detail.html", course=course, posts=posts, page=page, enrolled=enrolled,
        may_post=can_post(current_user, course, enrolled), form=CourseActionForm(),
        post_form=PostForm(), confirm=ConfirmForm(), title=course["title"],
    )


@bp.route("/courses")
def catalog_without_slash():
    """Send /courses to the catalog."""
    return redirect(url_for("courses.catalog"), code=301)
