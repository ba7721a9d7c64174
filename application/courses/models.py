"""The Course and Term documents, their named queries and the limits of their fields."""
import re
from datetime import timezone

from mongoengine import QuerySet, ValidationError, signals

from ..core.errors import DomainError, NotFound
from ..extensions import db
from .terms import catalog_changed, chronological

COURSE_ID_MAX = 20
COURSE_ID_PATTERN = r"[A-Za-z0-9][A-Za-z0-9_.-]{0,%d}" % (COURSE_ID_MAX - 1)
COURSE_ID_RE = re.compile(COURSE_ID_PATTERN)
TITLE_MAX = 200
DESCRIPTION_MAX = 5000
TERM_MAX = 40
CREDITS_MAX = 30
SEARCH_MAX = 100
FEW_SEATS = 3  # at or below this many free seats a course is shown as nearly full
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
TIME_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"
ROOM_MAX = 80
MEETINGS_MAX = 7
PREREQUISITES_MAX = 10


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


def prerequisite_met(prerequisite, course_id):
    """Return True when an enrollment in course_id satisfies a prerequisite.

    A prerequisite names a courseID ("CS101-S26") or the course code before the term suffix
    ("CS101"), which any offering of that course ("CS101-S26", "CS101-F25") satisfies.
    """
    return course_id == prerequisite or course_id.startswith(prerequisite + "-")


def _known_days(days):
    """Refuse day names other than Mon..Sun, and a day named twice."""
    unknown = [day for day in days if day not in DAYS]
    if unknown:
        raise ValidationError(f"unknown day {unknown[0]!r}: use {', '.join(DAYS)}")
    if len(set(days)) != len(days):
        raise ValidationError("a day is named twice")


class Meeting(db.EmbeddedDocument):
    """When and where a course meets each week: days, a start and an end (24 h local time), a room."""

    days = db.ListField(field=db.StringField(), required=True, validation=_known_days)
    start = db.StringField(required=True, regex=TIME_PATTERN)
    end = db.StringField(required=True, regex=TIME_PATTERN)
    room = db.StringField(max_length=ROOM_MAX, default="")

    def validate(self, clean=True):
        """Validate the fields, then that the meeting ends after it starts."""
        super().validate(clean)
        if self.start >= self.end:
            raise ValidationError(f"a meeting must end after it starts ({self.start}-{self.end})",
                                  errors={"end": ValidationError("must be after start")})


class Term(db.Document):
    """An academic term: when it runs, when registration is open, and the last day to drop."""

    name = db.StringField(required=True, max_length=TERM_MAX)
    starts = db.DateTimeField(required=True)
    ends = db.DateTimeField(required=True)
    registration_opens = db.DateTimeField(required=True)
    registration_closes = db.DateTimeField(required=True)
    drop_deadline = db.DateTimeField(required=True)

    meta = {
        "collection": "term",
        "indexes": [{"fields": ["name"], "unique": True}, {"fields": ["starts"]}],
    }

    def validate(self, clean=True):
        """Validate the fields, then that the dates are in order."""
        super().validate(clean)
        problem = date_order_problem(self)
        if problem:
            raise ValidationError(problem[1], errors={problem[0]: ValidationError(problem[1])})


def _term_written(sender, document, **kwargs):
    """Move the catalog stamp when a term document is saved or deleted: pages show its dates."""
    catalog_changed()


signals.post_save.connect(_term_written, sender=Term)
signals.post_delete.connect(_term_written, sender=Term)


DATE_ORDER = (("starts", "ends"), ("registration_opens", "registration_closes"),
              ("registration_closes", "ends"), ("registration_opens", "drop_deadline"), ("drop_deadline", "ends"))


def date_order_problem(term):
    """Return (field, reason) for the first pair of a term's dates out of order, or None."""
    for earlier, later in DATE_ORDER:
        first, second = getattr(term, earlier, None), getattr(term, later, None)
        if first and second and _naive(first) >= _naive(second) and not (earlier == "registration_closes"
                                                                          and first == second):
            return later, f"must come after {earlier} ({_naive(first):%Y-%m-%d %H:%M} UTC)"
    return None


def _naive(moment):
    """Return a datetime as naive UTC (the driver hands them back naive)."""
    return moment.astimezone(timezone.utc).replace(tzinfo=None) if moment.tzinfo else moment


class CourseQuerySet(QuerySet):
    """Named queries for courses."""

    def for_term(self, term):
        """Return the courses of one term."""
        return self.filter(term=term)

    def taught_by(self, user_id):
        """Return the courses an instructor teaches, by courseID."""
        return self.filter(instructor_id=user_id).order_by("courseID")

    def terms(self):
        """Return the distinct terms of the courses, oldest first (by their term documents' start dates)."""
        starts = {term.name: term.starts for term in Term.objects.only("name", "starts")}
        return chronological(self.filter(archived__ne=True).distinct("term"), starts)


class Course(db.Document):
    """A course offered in one term, with its seat limit."""

    courseID = db.StringField(required=True, max_length=COURSE_ID_MAX, regex=f"^{COURSE_ID_PATTERN}$")
    title = db.StringField(required=True, min_length=1, max_length=TITLE_MAX)
    description = db.StringField(max_length=DESCRIPTION_MAX, default="")
    credits = db.IntField(required=True, min_value=0, max_value=CREDITS_MAX)
    term = db.StringField(required=True, min_length=1, max_length=TERM_MAX)
    capacity = db.IntField(required=True, min_value=1)
    instructor_id = db.IntField(min_value=1)
    meetings = db.EmbeddedDocumentListField(document_type=Meeting, max_length=MEETINGS_MAX, default=list)
    prerequisites = db.ListField(field=db.StringField(max_length=COURSE_ID_MAX, regex=f"^{COURSE_ID_PATTERN}$"),
                                 max_length=PREREQUISITES_MAX, default=list)
    enrolled = db.IntField(default=0, min_value=0)
    waiting = db.IntField(default=0, min_value=0)
    archived = db.BooleanField(default=False)  # hidden from the catalog; its records stay
    pinned_post = db.ObjectIdField()  # shown first on the board

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
