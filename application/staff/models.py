"""The audit log document."""
from ..core.clock import utcnow
from ..extensions import db

ACTIONS = ("course created", "course edited", "course archived", "course restored", "course deleted",
           "capacity changed", "post removed", "post pinned", "post unpinned", "role changed",
           "account deactivated", "account reactivated")


class AuditEntry(db.Document):
    """One staff action: who did what to which target, the values before and after, and when."""

    actor_id = db.IntField(required=True, min_value=1)
    action = db.StringField(required=True, choices=ACTIONS)
    target = db.StringField(required=True, max_length=120)
    before = db.DictField()
    after = db.DictField()
    at = db.DateTimeField(default=utcnow)

    meta = {
        "collection": "audit",
        "indexes": [{"fields": ["-at", "-_id"]}, {"fields": ["target", "-at"]}],
    }
