"""The Course document, its named queries and the limits of its fields."""
import re

from mongoengine import QuerySet

from ..core.errors import DomainError, NotFound
from ..extensions import db
from .terms import chronological

COURSE_ID_MAX = 20
COURSE_ID_PATTERN = r"[A-Za-z0-9][A-Za-z0-9_.-]{0,%d}" % (COURSE_ID_MAX - 1)
COURSE_ID_RE = re.compile(COURSE_ID_PATTERN)
TITLE_MAX = 200
DESCRIPTION_MAX = 5000
TERM_MAX = 40
CREDITS_MAX = 30
SEARCH_MAX = 100
FEW_SEATS = 3  # at or below this many free seats a course is shown as nearly full


def require_course_id(value):
    """Return value when it reads as a course ID, else raise DomainError (a malformed request)."""
    if not isinstance(value, str) or not value.strip():
        raise DomainError("Choose a course.", code="bad_course_id")
    if not COURSE_ID_RE.fullmatch(value):
        raise DomainError("That is not a course ID.", code="bad_course_id")
    return value


def require_term(value):
    """Return value when it reads as a term name, else raise DomainError (a malformed request)."""
    if not isinstance(value, str) or not value.strip() or len(value) > TERM_MAX:
        raise DomainError(f"A term is a name of at most {TERM_MAX} characters, such as \"Fall 2026\".",
                          code="bad_term")
    return value


class UnknownCourse(NotFound):
    """No course has the courseID a request names."""

    code = "unknown_course"

    def __init__(self, course_id):
        super().__init__(f"There is no course {course_id}.")


def free_seats(capacity, enrolled):
    """Return how many seats are still free (never below zero)."""
    return max((capacity or 0) - (enrolled or 0), 0)


class CourseQuerySet(QuerySet):
    """Named queries for courses."""

    def for_term(self, term):
        """Return the courses of one term."""
        return self.filter(term=term)

    def taught_by(self, user_id):
        """Return the courses an instructor teaches, by courseID."""
        return self.filter(instructor_id=user_id).order_by("courseID")

    def terms(self):
        """Return the distinct terms, oldest first."""
        return chronological(self.distinct("term"))


class Course(db.Document):
    """A course offered in one term, with its seat limit."""

    courseID = db.StringField(required=True, max_length=COURSE_ID_MAX, regex=f"^{COURSE_ID_PATTERN}$")
    title = db.StringField(required=True, max_length=TITLE_MAX)
    description = db.StringField(max_length=DESCRIPTION_MAX, default="")
    credits = db.IntField(required=True, min_value=0, max_value=CREDITS_MAX)
    term = db.StringField(required=True, max_length=TERM_MAX)
    capacity = db.IntField(required=True, min_value=1)
    instructor_id = db.IntField(min_value=1)
    enrolled = db.IntField(default=0, min_value=0)

    meta = {
        "collection": "course",
        "indexes": [
            {"fields": ["courseID"], "unique": True},
            {"fields": ["term", "courseID"]},
            {"fields": ["instructor_id", "courseID"]},
        ],
        "queryset_class": CourseQuerySet,
    }

    @property
    def seats_left(self):
        """Return how many seats are still free."""
        return free_seats(self.capacity, self.enrolled)
