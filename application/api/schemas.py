"""The API's request and response bodies as marshmallow schemas (types only: the rules are the services').

Request schemas reject unknown fields and values of the wrong type (422); the limits in their
metadata document what the services enforce.
"""
import marshmallow as ma
from marshmallow import fields

from ..accounts.models import EMAIL_MAX, PASSWORD_MAX, ROLES
from ..core.checks import CONTROL_CHARACTERS
from ..core.clock import as_utc
from ..core.paging import MAX_PAGE, MAX_PER_PAGE
from ..courses.models import COURSE_ID_MAX, COURSE_ID_PATTERN, SEARCH_MAX, TERM_MAX
from ..discussion.models import BODY_MAX, TITLE_MAX
from .registration_schemas import MeetingSchema

ACTIONS = ("drop", "enroll", "waitlist", "waiting", "blocked", "full", "login", "teaching")
CONTROL = CONTROL_CHARACTERS.pattern[1:-1]
NO_CONTROL = f"^[^{CONTROL}]*$"  # documents the search boxes' rule: no control characters
FILLED_TEXT = f"^[^{CONTROL}]*[^\\s{CONTROL}][^{CONTROL}]*$"  # documents the services' text rule: not blank, no control


class UtcDateTime(fields.DateTime):
    """A timestamp written in ISO 8601 with its UTC offset."""

    def _serialize(self, value, attr, obj, **kwargs):
        return super()._serialize(as_utc(value), attr, obj, **kwargs)


def text(description, **metadata):
    """Return a required text field for a request body."""
    return fields.String(required=True, metadata={"description": description, **metadata})


def page_number():
    """Return the ?page= field: 1 up to the last page."""
    return fields.Integer(load_default=1, metadata={"description": "1-based page number.",
                                                    "minimum": 1, "maximum": MAX_PAGE})


# ---- requests


class SignInSchema(ma.Schema):
    """The account's email and password."""

    email = text("The account's email.", example="student@example.edu", pattern=FILLED_TEXT, maxLength=EMAIL_MAX)
    password = text("The account's password.", example="student-pass-2026", format="password", minLength=1,
                    maxLength=PASSWORD_MAX)


class EnrollSchema(ma.Schema):
    """The course to enroll in."""

    courseID = text("The course key, as on the site.", pattern=f"^{COURSE_ID_PATTERN}$",
                    maxLength=COURSE_ID_MAX, example="CS101-F26")


class PostSchema(ma.Schema):
    """A new post: its title and message."""

    title = text("The title.", maxLength=TITLE_MAX, pattern=FILLED_TEXT)
    body = text("The message.", maxLength=BODY_MAX, pattern=FILLED_TEXT)


class PostChangesSchema(ma.Schema):
    """New title, new message or both; a field left out keeps its value."""

    title = fields.String(metadata={"description": "The new title.", "maxLength": TITLE_MAX, "pattern": FILLED_TEXT})
    body = fields.String(metadata={"description": "The new message.", "maxLength": BODY_MAX, "pattern": FILLED_TEXT})

    @ma.validates_schema
    def _something(self, data, **kwargs):
        if not data:
            raise ma.ValidationError("Send a title, a body or both.")


class CatalogQuerySchema(ma.Schema):
    """Which catalog page to show."""

    term = fields.String(metadata={"description": "The term, such as \"Fall 2026\" (default: the newest).",
                                   "maxLength": TERM_MAX, "pattern": "\\S"})
    q = fields.String(load_default="", metadata={
        "description": "Search text (case-insensitive) over courseID, title and description.",
        "maxLength": SEARCH_MAX, "pattern": NO_CONTROL})
    page = page_number()
    per_page = fields.Integer(load_default=12, metadata={"description": "Courses per page.",
                                                         "minimum": 1, "maximum": MAX_PER_PAGE})


class PageQuerySchema(ma.Schema):
    """Which page of a list to show."""

    page = page_number()


# ---- responses


class TokenSchema(ma.Schema):
    """Bearer tokens: send the access token as `Authorization: Bearer <access_token>`."""

    access_token = fields.String(required=True)
    refresh_token = fields.String(metadata={"description": "Only at sign-in: trade it at /auth/refresh."})
    token_type = fields.String(required=True, metadata={"enum": ["Bearer"]})
    expires_in = fields.Integer(required=True, metadata={"description": "Seconds the access token lives."})


class PersonSchema(ma.Schema):
    """Someone shown beside a course or a post (never an email or a password)."""

    user_id = fields.Integer(required=True)
    first_name = fields.String(required=True)
    last_name = fields.String(required=True)
    role = fields.String(required=True, metadata={"enum": list(ROLES)})


class MeSchema(PersonSchema):
    """The signed-in account."""

    email = fields.String(required=True)
    created_at = UtcDateTime(allow_none=True)
    about = fields.String(allow_none=True, metadata={"description": "About me: plain text, line breaks kept."})
    last_seen = UtcDateTime(allow_none=True)
    email_confirmed = fields.Boolean(metadata={"description": "False while the email awaits confirmation."})


class TermsSchema(ma.Schema):
    """The terms that have courses."""

    terms = fields.List(fields.String(), required=True, metadata={"description": "Oldest first."})


class PaginationSchema(ma.Schema):
    """Where a page sits in its list."""

    page = fields.Integer(required=True, attribute="number")
    per_page = fields.Integer(required=True)
    total = fields.Integer(required=True, metadata={"description": "Items in the whole list."})
    pages = fields.Integer(required=True)


class CourseSchema(ma.Schema):
    """A course with its seats and what the viewer can do about it."""

    courseID = fields.String(required=True)
    title = fields.String(required=True)
    description = fields.String()
    credits = fields.Integer(required=True)
    term = fields.String(required=True)
    capacity = fields.Integer(required=True)
    seats_left = fields.Integer(required=True)
    full = fields.Boolean(required=True)
    instructor = fields.Nested(PersonSchema, allow_none=True)
    is_enrolled = fields.Boolean(dump_default=False, metadata={"description": "The viewer is enrolled."})
    meetings = fields.List(fields.Nested(MeetingSchema), dump_default=[], metadata={
        "description": "Weekly meetings; none for an online course."})
    prerequisites = fields.List(fields.String(), dump_default=[], metadata={
        "description": "Course codes or IDs to have taken in an earlier term."})
    waiting = fields.Integer(dump_default=0, metadata={"description": "Students waiting for a seat."})
    position = fields.Integer(allow_none=True, metadata={"description": "The viewer's place in line, if waiting."})
    action = fields.String(allow_none=True, metadata={
        "enum": [*ACTIONS, None], "description": "What the viewer can do: drop, enroll, waitlist (join the line), "
                                                 "waiting (in line), blocked (a rule stops them: see hint), full, "
                                                 "login (sign in first), teaching (the viewer teaches it) or null."})
    hint = fields.String(allow_none=True, metadata={"description": "The rule that stops the viewer, or their "
                                                                   "place in line."})


class CatalogSchema(ma.Schema):
    """One page of one term's catalog (`term` is null while there are no courses)."""

    term = fields.String(required=True, allow_none=True)
    query = fields.String(required=True)
    items = fields.List(fields.Nested(CourseSchema), required=True, attribute="courses")
    pagination = fields.Nested(PaginationSchema, required=True, attribute="page")


class EnrolledCourseSchema(ma.Schema):
    """One of the student's enrollments."""

    courseID = fields.String(required=True)
    title = fields.String(required=True)
    credits = fields.Integer(required=True)
    term = fields.String(required=True)
    created_at = UtcDateTime(allow_none=True, metadata={"description": "When the student enrolled."})
    meetings = fields.List(fields.Nested(MeetingSchema), dump_default=[], metadata={
        "description": "The course's weekly meetings (the student's schedule)."})


class TermEnrollmentsSchema(ma.Schema):
    """The student's courses of one term and their credits."""

    term = fields.String(required=True)
    credits = fields.Integer(required=True)
    courses = fields.List(fields.Nested(EnrolledCourseSchema), required=True)


class EnrollmentsSchema(ma.Schema):
    """The student's enrollments by term (chronological), then courseID."""

    terms = fields.List(fields.Nested(TermEnrollmentsSchema), required=True)


class EnrollmentSchema(ma.Schema):
    """A new enrollment."""

    courseID = fields.String(required=True, attribute="course_id")
    outcome = fields.String(required=True, attribute="code", metadata={"enum": ["enrolled"]})
    message = fields.String(required=True)


class PostViewSchema(ma.Schema):
    """A post on a course's board, with what the viewer may do with it."""

    id = fields.String(required=True, attribute="_id")
    courseID = fields.String(required=True)
    title = fields.String(required=True)
    body = fields.String(required=True)
    created_at = UtcDateTime(allow_none=True)
    updated_at = UtcDateTime(allow_none=True)
    edited = fields.Boolean(required=True, metadata={"description": "Changed more than a minute after writing."})
    author = fields.Nested(PersonSchema, allow_none=True)
    can_edit = fields.Boolean(required=True)
    can_delete = fields.Boolean(required=True, metadata={"description": "The author deletes; moderators remove."})
    can_pin = fields.Boolean(dump_default=False)
    pinned = fields.Boolean(dump_default=False, metadata={"description": "Shown first on its board."})
    removed = fields.Boolean(dump_default=False, metadata={
        "description": "Removed by staff (its author alone sees it)."})


class BoardSchema(ma.Schema):
    """One page of a course's discussion board, newest first."""

    items = fields.List(fields.Nested(PostViewSchema), required=True, attribute="posts")
    pagination = fields.Nested(PaginationSchema, required=True, attribute="page")
    may_post = fields.Boolean(required=True)
    why_not = fields.String(allow_none=True, metadata={
        "enum": ["sign_in", "enroll", None], "description": "Why the viewer may not post: sign_in or enroll."})


class ErrorSchema(ma.Schema):
    """Every error under /api/: `reason` is the machine-readable cause where one is known."""

    code = fields.Integer(required=True, metadata={"description": "The HTTP status."})
    status = fields.String(required=True, metadata={"description": "The status's short name."})
    message = fields.String(required=True, metadata={"description": "What went wrong, for people."})
    errors = fields.Dict(keys=fields.String(), values=fields.List(fields.String()), required=True,
                         metadata={"description": "Messages per field (empty when no field is at fault)."})
    reason = fields.String(metadata={"description": "Machine-readable cause, e.g. full, already_enrolled, "
                                                    "not_enrolled, unknown_course, staff, teaching, "
                                                    "token_expired, token_revoked."})
