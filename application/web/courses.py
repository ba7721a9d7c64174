"""The catalog, term by term, and one course's page."""
from flask import Blueprint, current_app, make_response, redirect, render_template, request, url_for

from ..courses.models import SEARCH_MAX
from ..courses.services import catalog as catalog_of, course_page
from .access import viewer
from .forms import PostForm
from .requests import kept_page, public_page, requested_page
from .templating import pick

bp = Blueprint("courses", __name__)
CARD_FIELDS = ("courseID", "title", "description", "credits", "capacity", "seats_left", "full", "few_seats", "action",
               "hint")


@bp.route("/courses/")
@bp.route("/courses/<term>")
def catalog(term=None):
    """List one term's courses (default: the newest term), searched and paginated."""
    page = catalog_of(viewer(), term, request.args.get("q", ""), requested_page(),
                      current_app.config["COURSES_PER_PAGE"])
    return public_page(make_response(kept_page(page.basis(), lambda: render_catalog(page))))


def render_catalog(catalog):
    """Render a catalog page."""
    shown = catalog_shown(catalog)
    return render_template("courses/catalog.html", shown=shown, page=catalog.page, title=shown["title"])


def catalog_shown(catalog):
    """Return all the catalog page shows, as its fragments take it: the head, the cards (the page links follow
    from the URL and the head)."""
    paging = catalog.page
    head = {"term": catalog.term, "terms": catalog.terms, "query": catalog.query, "total": paging.total,
            "number": paging.number, "pages": paging.pages, "search_max": SEARCH_MAX}
    return {"title": f"Courses · {catalog.term}" if catalog.term else "Courses", "head": head,
            "cards": [pick(course, *CARD_FIELDS) for course in catalog.courses]}


@bp.route("/course/<course_id:course_id>")
def detail(course_id):
    """Show one course, its seats and its discussion board."""
    return render_course(course_id)


def render_course(course_id, post_form=None, status=200):
    """Render a course page; `post_form` keeps the input and errors of a failed post.

    The new-post form is made only for those who may post, so a visitor's view starts no session.
    """
    view = course_page(viewer(), course_id, requested_page(), current_app.config["POSTS_PER_PAGE"])
    fresh = post_form is None

    def render():
        # an empty form is made only when the page is, not on every view of a kept page
        form = PostForm(formdata=None) if fresh and view.board.may_post else post_form
        return render_template("courses/detail.html", view=view, course=view.course, post_form=form,
                               title=view.course["title"])

    if not fresh:  # a failed post: its input and errors are this request's own
        return public_page(make_response(render(), status))
    board = view.board
    shown = (view.course, board.posts, board.page, board.enrolled, board.may_post)
    return public_page(make_response(kept_page(shown, render, times=True), status))


@bp.route("/courses")
def catalog_without_slash():
    """Send /courses to the catalog."""
    return redirect(url_for("courses.catalog"), code=301)
