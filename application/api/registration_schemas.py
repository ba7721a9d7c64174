"""Schemas of registration: weekly meetings, waitlists and what a waitlist request came to."""
import marshmallow as ma
from marshmallow import fields

from ..courses.models import DAYS


class MeetingSchema(ma.Schema):
    """When and where a course meets each week (24 h local times)."""

    days = fields.List(fields.String(metadata={"enum": list(DAYS)}), required=True)
    start = fields.String(required=True, metadata={"example": "09:00"})
    end = fields.String(required=True, metadata={"example": "09:50"})
    room = fields.String()


class WaitlistRowSchema(ma.Schema):
    """One line the student waits in."""

    courseID = fields.String(required=True)
    title = fields.String(required=True)
    term = fields.String(required=True)
    credits = fields.Integer(required=True)
    position = fields.Integer(required=True, metadata={"description": "1 is next in line."})


class WaitlistSchema(ma.Schema):
    """The lines the student waits in, by courseID."""

    items = fields.List(fields.Nested(WaitlistRowSchema), required=True)


class QueuedSchema(ma.Schema):
    """What joining a waitlist came to: a seat at once, or a place in line."""

    courseID = fields.String(required=True, attribute="course_id")
    outcome = fields.String(required=True, attribute="code", metadata={"enum": ["enrolled", "waitlisted"]})
    message = fields.String(required=True)
