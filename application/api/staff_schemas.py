"""Schemas of the staff side: course fields, rosters, the instructor's courses, accounts and the audit log."""
import marshmallow as ma
from marshmallow import fields

from ..accounts.models import ROLES
from ..courses.models import COURSE_ID_MAX, COURSE_ID_PATTERN, CREDITS_MAX
from .registration_schemas import MeetingSchema
from .schemas import NO_CONTROL, PaginationSchema, PersonSchema, UtcDateTime, page_number


class CourseChangesSchema(ma.Schema):
    """A course's fields (checked as `flask seed` checks courses.json); an instructor may set only
    description, capacity and meetings of their own courses."""

    title = fields.String()
    description = fields.String()
    credits = fields.Integer(strict=True, metadata={"minimum": 0, "maximum": CREDITS_MAX})
    term = fields.String(metadata={"example": "Fall 2026"})
    capacity = fields.Integer(strict=True, metadata={"minimum": 1,
                                                     "description": "Never below the students enrolled."})
    instructor_id = fields.Integer(strict=True, allow_none=True)
    meetings = fields.List(fields.Nested(MeetingSchema))
    prerequisites = fields.List(fields.String(), metadata={
        "description": "Course codes (such as CS101, met by any offering of it) taken in an earlier term."})


class NewCourseSchema(CourseChangesSchema):
    """A new course: its key and the fields the catalog needs."""

    courseID = fields.String(required=True, metadata={"maxLength": COURSE_ID_MAX, "pattern": COURSE_ID_PATTERN})
    title = fields.String(required=True)
    credits = fields.Integer(strict=True, required=True, metadata={"minimum": 0, "maximum": CREDITS_MAX})
    term = fields.String(required=True, metadata={"example": "Fall 2026"})
    capacity = fields.Integer(strict=True, required=True, metadata={"minimum": 1})


class SearchQuerySchema(ma.Schema):
    """A name to look for and which page of the answer to show."""

    q = fields.String(load_default="", metadata={"description": "Part of a name (or an email, for accounts).",
                                                 "maxLength": 100, "pattern": NO_CONTROL})
    page = page_number()


class RosterRowSchema(ma.Schema):
    """One student of a course."""

    user_id = fields.Integer(required=True)
    last_name = fields.String(required=True)
    first_name = fields.String(required=True)
    email = fields.String(required=True)
    enrolled_at = UtcDateTime(allow_none=True)


class RosterSchema(ma.Schema):
    """One page of a course's roster, by last then first name."""

    courseID = fields.String(required=True)
    seats_left = fields.Integer(required=True)
    items = fields.List(fields.Nested(RosterRowSchema), required=True)
    pagination = fields.Nested(PaginationSchema, required=True)


class TaughtCourseSchema(ma.Schema):
    """A course the instructor teaches, with its seats."""

    courseID = fields.String(required=True)
    title = fields.String(required=True)
    credits = fields.Integer(required=True)
    capacity = fields.Integer(required=True)
    enrolled = fields.Integer(required=True)
    waiting = fields.Integer(dump_default=0)
    archived = fields.Boolean(dump_default=False)


class TeachingTermSchema(ma.Schema):
    """The courses taught in one term."""

    term = fields.String(required=True)
    courses = fields.List(fields.Nested(TaughtCourseSchema), required=True)


class TeachingSchema(ma.Schema):
    """The instructor's courses by term, oldest term first."""

    terms = fields.List(fields.Nested(TeachingTermSchema), required=True)


class AccountSchema(PersonSchema):
    """An account as administrators see it."""

    email = fields.String(required=True)
    active = fields.Boolean(required=True, attribute="is_active")
    created_at = UtcDateTime(allow_none=True)


class AccountsSchema(ma.Schema):
    """One page of accounts, by last then first name."""

    items = fields.List(fields.Nested(AccountSchema), required=True)
    pagination = fields.Nested(PaginationSchema, required=True)


class AccountChangesSchema(ma.Schema):
    """A new role, and whether the account may sign in."""

    role = fields.String(metadata={"enum": list(ROLES)})
    active = fields.Boolean(truthy={True}, falsy={False}, metadata={
        "description": "false deactivates: its sessions and tokens end now."})


class AuditEntrySchema(ma.Schema):
    """One staff action."""

    at = UtcDateTime(required=True)
    actor = fields.Nested(PersonSchema, allow_none=True)
    action = fields.String(required=True)
    target = fields.String(required=True)
    before = fields.Dict()
    after = fields.Dict()


class AuditLogSchema(ma.Schema):
    """One page of the audit log, newest first."""

    items = fields.List(fields.Nested(AuditEntrySchema), required=True)
    pagination = fields.Nested(PaginationSchema, required=True)
