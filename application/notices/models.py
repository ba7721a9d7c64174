"""The Notice document."""
from ..core.clock import utcnow
from ..extensions import db

KINDS = ("promoted", "skipped")
MESSAGE_MAX = 500


class Notice(db.Document):
    """One message for one user, unread until a page has shown it."""

    user_id = db.IntField(required=True, min_value=1)
    kind = db.StringField(required=True, choices=KINDS)
    message = db.StringField(required=True, max_length=MESSAGE_MAX)
    created_at = db.DateTimeField(default=utcnow)
    read = db.BooleanField(default=False)

    meta = {
        "collection": "notification",
        "indexes": [{"fields": ["user_id", "read", "-created_at"]}],
    }
