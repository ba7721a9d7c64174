"""The Post document and the limits of its fields."""
from ..core.clock import utcnow
from ..courses.models import COURSE_ID_MAX
from ..extensions import db

TITLE_MAX = 200
BODY_MAX = 5000


class Post(db.Document):
    """A message on a course's discussion board."""

    courseID = db.StringField(required=True, max_length=COURSE_ID_MAX)
    user_id = db.IntField(required=True, min_value=1)
    title = db.StringField(required=True, min_length=1, max_length=TITLE_MAX)
    body = db.StringField(required=True, min_length=1, max_length=BODY_MAX)
    created_at = db.DateTimeField(default=utcnow)
    updated_at = db.DateTimeField(default=utcnow)
    removed = db.BooleanField(default=False)  # by a moderator: its author alone still sees that it was
    removed_by = db.IntField(min_value=1)
    removed_at = db.DateTimeField()

    meta = {
        "collection": "post",
        "indexes": [
            {"fields": ["courseID", "-created_at", "-_id"]},
            {"fields": ["user_id", "-created_at", "-_id"]},
        ],
    }
