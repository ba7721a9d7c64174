"""The catalog, term by term, and one course's page."""
from flask import Blueprint, current_app, make_response, redirect, render_template, request, url_for

from ..courses.models import SEARCH_MAX
from ..courses.services import catalog as catalog_of, course_page
from .access import viewer
from .forms import PostForm
from .requests import public_page, rendered_for_visitors, requested_page

bp = Blueprint("courses", __name__)


@bp.route("/courses/")
@bp.route("/courses/<term>")
def catalog(term=None):
    """List one term's courses (default: the newest term), searched and paginated."""
    page = catalog_of(viewer(), term, request.args.get("q", ""), requested_page(),
                      current_app.config["COURSES_PER_PAGE"])
    title = f"Courses · {page.term}" if page.term else "Courses"
    html = rendered_for_visitors(page, lambda: render_template("courses/catalog.html", catalog=page,
                                                               search_max=SEARCH_MAX, title=title))
    return public_page(make_response(html))


@bp.route("/course/<course_id:course_id>")
def detail(course_id):
    """Show one course, its seats and its discussion board."""
    return render_course(course_id)


def render_course(course_id, post_form=None, status=200):
    """Render a course page; `post_form` keeps the input and errors of a failed post.

    The new-post form is made only for those who may post, so a visitor's view starts no session.
    """
    view = course_page(viewer(), course_id, requested_page(), current_app.config["POSTS_PER_PAGE"])
    if post_form is None and view.board.may_post:
        post_form = PostForm(formdata=None)
    page = make_response(render_template("courses/detail.html", view=view, course=view.course, post_form=post_form,
                                         title=view.course["title"]), status)
    return public_page(page)


@bp.route("/courses")
def catalog_without_slash():
    """Send /courses to the catalog."""
    return redirect(url_for("courses.catalog"), code=301)
