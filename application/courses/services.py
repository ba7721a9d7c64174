"""Course services: one term's catalog page and one course's page, as the viewer may see them."""
from dataclasses import dataclass, field

from ..accounts.people import person
from ..core.errors import DomainError, NotFound
from ..core.paging import Page
from ..discussion.services import Board, board
from ..enrollment.models import Enrollment
from ..enrollment.services import with_seats
from . import pipelines
from .models import SEARCH_MAX, Course
from .terms import newest


@dataclass
class Catalog:
    """One page of one term's courses."""

    term: str
    terms: list
    courses: list = field(default_factory=list)
    page: Page = None
    query: str = ""


@dataclass
class CoursePage:
    """A course with its seats, the viewer's standing and one page of its board."""

    course: dict
    enrolled: bool
    board: Board


def _signed_in_id(viewer):
    """Return the viewer's user_id, or None for a visitor."""
    return viewer.user_id if viewer.is_authenticated else None


def check_search(query):
    """Return the trimmed search text, or raise DomainError when it is too long or not text."""
    if query is None:
        return ""
    if not isinstance(query, str) or len(query.strip()) > SEARCH_MAX:
        raise DomainError(f"Search text can be at most {SEARCH_MAX} characters.", code="bad_search")
    return query.strip()


def catalog(viewer, term=None, query="", page_number=1, per_page=12):
    """Return a Catalog page for a term (default the newest), searched; raise NotFound for an unknown term."""
    terms = Course.objects.terms()
    query = check_search(query)
    if term is None:
        term = newest(terms)
        if term is None:
            return Catalog(None, [], page=Page(1, per_page))
    elif term not in terms:
        known = ", ".join(terms) or "none yet"
        raise NotFound(f"There is no term called {term[:60]!r}. Terms: {known}.")
    page = Page(page_number, per_page)
    courses, page.total = pipelines.catalog_page(term, query, page.skip, page.per_page, _signed_in_id(viewer))
    page.require_exists()
    for course in courses:
        with_seats(course, viewer, course.get("is_enrolled", False))
    return Catalog(term, terms, courses, page, query)


def course_page(viewer, course_id, page_number=1, per_page=10):
    """Return a CoursePage, or raise NotFound for an unknown course or a page past the board's end."""
    course = pipelines.course_detail(course_id)
    if course is None:
        raise NotFound(f"There is no course {course_id!r}.")
    course["instructor"] = person(course.get("instructor"))
    enrolled = viewer.is_authenticated and Enrollment.objects.holds(viewer.user_id, course_id)
    with_seats(course, viewer, enrolled)
    return CoursePage(course, enrolled, board(viewer, course, enrolled, page_number, per_page))
