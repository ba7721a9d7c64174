"""Course services: one term's catalog page, one course's page and one course, as the viewer may see them."""
import functools
from dataclasses import dataclass

from ..accounts.people import person
from ..core import stamps
from ..core.checks import search_text
from ..core.errors import NotFound
from ..core.paging import Page
from ..discussion.services import Board, board, membership
from ..enrollment.offers import Viewing, annotate
from . import pipelines
from .models import SEARCH_MAX, UnknownCourse, require_course_id, require_term
from .terms import known_terms, newest


class Catalog:
    """One page of one term's courses, as one viewer may see them.

    The courses get the viewer's offers when first asked for; `basis()` tells, without working them
    out, everything they follow from, so a page made from one catalog can be kept for the next.
    """

    def __init__(self, term, terms, rows=(), seats=None, page=None, query="", viewing=None, taken=frozenset()):
        self.term, self.terms, self.page, self.query = term, terms, page, query
        self._rows, self._seats, self._viewing, self._taken = rows, seats or {}, viewing, taken

    @functools.cached_property
    def courses(self):
        """Return the page's courses with seats left, `is_enrolled` and the viewer's action and hint."""
        courses = pipelines.with_seats(self._rows, self._seats)
        for course in courses:
            course["is_enrolled"] = course["courseID"] in self._taken
            annotate(course, self._viewing, course["is_enrolled"])
        return courses

    def basis(self):
        """Return what this page follows from, read fresh: the catalog stamp (the courses' text, the
        terms), which page, the seat counts, and what the viewer holds, waits for and may do."""
        seats = tuple((row["courseID"], tuple(self._seats.get(row["courseID"], {}).items())) for row in self._rows)
        viewing = self._viewing.basis() if self._viewing is not None else None
        return (stamps.read(stamps.CATALOG), self.term, tuple(self.terms), self.query, self.page.number,
                self.page.per_page, self.page.total, seats, tuple(sorted(self._taken)), viewing)


@dataclass
class CoursePage:
    """A course with its seats and the viewer's action, and one page of its board."""

    course: dict
    board: Board


def check_search(query):
    """Return the trimmed search text, or raise DomainError when it is too long or not text."""
    return search_text(query, SEARCH_MAX)


def terms():
    """Return the terms that have courses, oldest first."""
    return known_terms()


def catalog(viewer, term=None, query="", page_number=1, per_page=12):
    """Return a Catalog page for a term (default the newest), searched; raise NotFound for an unknown term."""
    query = check_search(query)
    page = Page(page_number, per_page)
    if term is not None:
        require_term(term)
    known = terms()
    if term is None:
        term = newest(known)
        if term is None:
            return Catalog(None, [], page=page)
    elif term not in known:
        raise NotFound(f"There is no term called {term!r}. Terms: {', '.join(known) or 'none yet'}.")
    rows, seats, page.total = pipelines.catalog_page(term, query, page.skip, page.per_page)
    page.require_exists()
    viewing = Viewing(viewer)
    taken = viewing.taken_among(row["courseID"] for row in rows)
    return Catalog(term, known, rows, seats, page, query, viewing, taken)


def _course_with_instructor(course_id):
    """Return the course row with its instructor as a Person, or raise UnknownCourse."""
    course = pipelines.course_detail(require_course_id(course_id))
    if course is None:
        raise UnknownCourse(course_id)
    course["instructor"] = person(course.get("instructor"))
    return course


def course_info(viewer, course_id):
    """Return one course with its instructor, seats, `is_enrolled` and the viewer's action (no board)."""
    course, viewing = _course_with_instructor(course_id), Viewing(viewer)
    course["is_enrolled"] = bool(membership(viewer, course, viewing.holds(course_id))[0])
    return annotate(course, viewing, course["is_enrolled"])


def course_page(viewer, course_id, page_number=1, per_page=10):
    """Return a CoursePage, or raise NotFound for an unknown course or a page past the board's end."""
    course, viewing = _course_with_instructor(course_id), Viewing(viewer)
    course_board = board(viewer, course, page_number, per_page, viewing.holds(course_id))
    annotate(course, viewing, bool(course_board.enrolled))
    return CoursePage(course, course_board)
