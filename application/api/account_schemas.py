"""The bodies of the account's own endpoints and of people's follow lists (types only: the rules are the services').

Request schemas reject unknown fields and values of the wrong type (422); the limits in their
metadata document what the services enforce.
"""
import marshmallow as ma
from marshmallow import fields

from ..accounts.models import ABOUT_MAX, NAME_MAX, PASSWORD_MAX, PASSWORD_MIN
from .schemas import CONTROL, FILLED_TEXT, PaginationSchema, PersonSchema, PostViewSchema, UtcDateTime, text

# ---- requests


class ProfileChangesSchema(ma.Schema):
    """New first name, last name, "about me" or several; a field left out keeps its value."""

    first_name = fields.String(metadata={"description": "The first name.", "maxLength": NAME_MAX,
                                         "pattern": FILLED_TEXT})
    last_name = fields.String(metadata={"description": "The last name.", "maxLength": NAME_MAX,
                                        "pattern": FILLED_TEXT})
    about = fields.String(metadata={"description": "About me: plain text, line breaks kept; empty clears it.",
                                    "maxLength": ABOUT_MAX, "pattern": f"^[^{CONTROL}]*$"})

    @ma.validates_schema
    def _something(self, data, **kwargs):
        if not data:
            raise ma.ValidationError("Send first_name, last_name, about or several.")


class PasswordChangeSchema(ma.Schema):
    """The current password and the new one."""

    current_password = text("The account's current password.", format="password", minLength=1,
                            maxLength=PASSWORD_MAX)
    new_password = text("The new password.", format="password", minLength=PASSWORD_MIN, maxLength=PASSWORD_MAX)


# ---- responses


class FollowSchema(ma.Schema):
    """The person now followed."""

    user = fields.Nested(PersonSchema, required=True)
    following = fields.Boolean(required=True, metadata={"enum": [True]})


class FollowEntrySchema(ma.Schema):
    """One person of a follow list and when the follow began."""

    person = fields.Nested(PersonSchema, allow_none=True, metadata={"description": "null for a removed account."})
    since = UtcDateTime(allow_none=True)


class PeopleSchema(ma.Schema):
    """One page of a follow list, newest follows first."""

    user = fields.Nested(PersonSchema, required=True, metadata={"description": "Whose list it is."})
    items = fields.List(fields.Nested(FollowEntrySchema), required=True, attribute="people")
    pagination = fields.Nested(PaginationSchema, required=True, attribute="page")


class CourseBriefSchema(ma.Schema):
    """The course a post is on."""

    courseID = fields.String(required=True)
    title = fields.String(required=True)
    term = fields.String()


class FeedPostSchema(PostViewSchema):
    """A post of the home feed, with its course."""

    course = fields.Nested(CourseBriefSchema, allow_none=True)


class FeedPaginationSchema(ma.Schema):
    """Where a feed page sits: the feed has no total, only whether older posts follow."""

    page = fields.Integer(required=True, attribute="number")
    per_page = fields.Integer(required=True)
    has_next = fields.Boolean(required=True)


class FeedSchema(ma.Schema):
    """One page of the home feed: the newest posts of the student's courses and of the people they follow."""

    items = fields.List(fields.Nested(FeedPostSchema), required=True, attribute="posts")
    pagination = fields.Nested(FeedPaginationSchema, required=True, attribute="page")
