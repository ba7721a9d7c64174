"""The User document, its named queries and the user-id sequence."""
from flask_login import AnonymousUserMixin, UserMixin
from mongoengine import QuerySet
from pymongo import ReturnDocument

from ..core.clock import utcnow
from ..core.errors import NotFound
from ..core.store import collection_of
from ..extensions import db
from . import passwords
from .roles import can

ROLES = ("student", "instructor", "admin")
STAFF_ROLES = ("instructor", "admin")
NAME_MAX = 50
EMAIL_MAX = 254
PASSWORD_MIN = 8
PASSWORD_MAX = 128
ABOUT_MAX = 280
NO_STAMP = "0"  # the session stamp of an account that never ended its sessions (as loaded from a file)
USER_ID_MAX = 2**53 - 1  # the largest integer JSON clients and MongoDB both hold exactly


def is_staff_role(role):
    """Return True for the roles that teach or administer."""
    return role in STAFF_ROLES


def require_user_id(value):
    """Return value when it is a user_id (a whole number in range), else raise NotFound."""
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= USER_ID_MAX:
        raise NotFound("There is no such user.")
    return value


def full_name(first, last):
    """Return "First Last" from the two parts (either may be missing)."""
    return f"{first or ''} {last or ''}".strip()


class Counter(db.Document):
    """Monotonic sequences (e.g. the next user_id), advanced atomically."""

    name = db.StringField(primary_key=True)
    seq = db.IntField(default=0)
    meta = {"collection": "counter"}

    @classmethod
    def next_value(cls, name, at_least=0):
        """Return the next value of the sequence, never below at_least + 1.

        `$max` first lifts the counter over ids that arrived from outside (mongoimport),
        then `$inc` hands out a value no other caller can receive.
        """
        coll = collection_of(cls)
        if at_least:
            coll.update_one({"_id": name}, {"$max": {"seq": at_least}}, upsert=True)
        doc = coll.find_one_and_update(
            {"_id": name}, {"$inc": {"seq": 1}}, upsert=True, return_document=ReturnDocument.AFTER
        )
        return doc["seq"]


class UserQuerySet(QuerySet):
    """Named queries for users."""

    def by_email(self, email):
        """Return the user with this email (case-insensitive) or None."""
        if not isinstance(email, str):
            return None
        return self.filter(email=email.strip().lower()).first()

    def by_user_id(self, user_id):
        """Return the user with this user_id, or None (also for anything that is not a user_id)."""
        try:
            return self.filter(user_id=require_user_id(user_id)).first()
        except NotFound:
            return None

    def max_user_id(self):
        """Return the highest user_id stored, or 0."""
        top = self.order_by("-user_id").only("user_id").first()
        return top.user_id if top else 0


class User(UserMixin, db.Document):
    """A person who signs in: a student, an instructor or an admin."""

    user_id = db.IntField(required=True, min_value=1, max_value=USER_ID_MAX)
    email = db.StringField(required=True, max_length=EMAIL_MAX)
    first_name = db.StringField(required=True, max_length=NAME_MAX)
    last_name = db.StringField(required=True, max_length=NAME_MAX)
    password = db.StringField(required=True)
    role = db.StringField(choices=ROLES, default="student")
    created_at = db.DateTimeField(default=utcnow)
    about = db.StringField(max_length=ABOUT_MAX)
    last_seen = db.DateTimeField()
    session_stamp = db.StringField(max_length=64)  # every session carries it; a new one ends them all
    active = db.BooleanField(default=True)
    unread_notices = db.IntField(default=0)  # how many notices wait, so a page asks for them only when some do
    email_confirmed = db.BooleanField(default=True)  # accounts loaded by operators are vouched for

    meta = {
        "collection": "user",
        "indexes": [
            {"fields": ["user_id"], "unique": True},
            {"fields": ["email"], "unique": True},
        ],
        "queryset_class": UserQuerySet,
    }

    def clean(self):
        """Store emails lower-case and names without stray spaces."""
        self.email = (self.email or "").strip().lower()
        self.first_name = (self.first_name or "").strip()
        self.last_name = (self.last_name or "").strip()

    def get_id(self):
        """Return what Flask-Login keeps in the session and the remember-me cookie: "<user_id>:<session stamp>"."""
        return f"{self.user_id}:{self.session_stamp or NO_STAMP}"

    @property
    def is_active(self):
        """Return False for a deactivated account (it cannot sign in, and its sessions end)."""
        return self.active is not False

    @property
    def full_name(self):
        """Return "First Last"."""
        return full_name(self.first_name, self.last_name)

    @property
    def is_admin(self):
        """Return True for administrators."""
        return self.role == "admin"

    @property
    def is_staff(self):
        """Return True for instructors and administrators."""
        return is_staff_role(self.role)

    def can(self, permission):
        """Return True when this account's role grants the permission (and the account is active)."""
        return can(self, permission)

    def check_password(self, password):
        """Return True when password matches the stored hash."""
        return passwords.matches(self.password, password)


class TokenRevocation(db.Document):
    """A revoked family of API tokens (an access token and its refresh token), kept until they expire."""

    family = db.StringField(required=True, max_length=64)
    expires_at = db.DateTimeField(required=True)

    meta = {
        "collection": "token_revocation",
        "indexes": [
            {"fields": ["family"], "unique": True},
            {"fields": ["expires_at"], "expireAfterSeconds": 0},
        ],
    }


class FollowQuerySet(QuerySet):
    """Named queries for follows."""

    def holds(self, follower_id, followed_id):
        """Return True when follower_id follows followed_id."""
        return self.filter(follower_id=follower_id, followed_id=followed_id).only("id").first() is not None


class Follow(db.Document):
    """One person following another: their posts join the follower's home feed."""

    follower_id = db.IntField(required=True, min_value=1, max_value=USER_ID_MAX)
    followed_id = db.IntField(required=True, min_value=1, max_value=USER_ID_MAX)
    created_at = db.DateTimeField(default=utcnow)

    meta = {
        "collection": "follow",
        "indexes": [
            {"fields": ["follower_id", "followed_id"], "unique": True},
            {"fields": ["follower_id", "-created_at", "-_id"]},
            {"fields": ["followed_id", "-created_at", "-_id"]},
        ],
        "queryset_class": FollowQuerySet,
    }


class Anonymous(AnonymousUserMixin):
    """The visitor who has not signed in: no id, no role, no powers."""

    user_id = None
    role = None
    is_admin = False
    is_staff = False
    full_name = ""

    def can(self, permission):
        """Return False: a visitor may do nothing that needs an account."""
        return False
