"""What each data file holds and every rule that is particular to it, declared once per collection."""
from dataclasses import dataclass, field

from ..accounts import passwords
from ..accounts.models import Follow, User
from ..core.clock import utcnow
from ..courses.models import Course, Term
from ..core.errors import Invalid
from ..discussion.models import Post
from ..discussion.services import check_post
from ..enrollment.models import Enrollment, WaitlistEntry


def _user_checks(record):
    """Yield (field, reason) for a user's password hash and email."""
    password = record.get("password")
    if isinstance(password, str):
        reason = passwords.weakness(password)
        if reason:
            yield "password", reason
    email = record.get("email")
    if isinstance(email, str) and ("@" not in email or email != email.strip()):
        yield "email", f"is not an email address: {email[:40]!r}"
    elif isinstance(email, str) and email != email.lower():
        yield "email", f"must be lower-case: write {email.lower()!r}"


def _follow_checks(record):
    """Yield (field, reason) for someone following themselves."""
    if record.get("follower_id") is not None and record.get("follower_id") == record.get("followed_id"):
        yield "followed_id", "is the follower_id: nobody follows themselves"


def _post_checks(record):
    """Yield (field, reason) for a post without an _id, or with a title or body the board would refuse."""
    if "_id" not in record:
        yield "_id", 'is required for posts: write {"$oid": "<24 hex digits>"}'
    try:
        check_post(record.get("title"), record.get("body"))
    except Invalid as exc:
        for name, messages in exc.errors.items():
            yield from ((name, message) for message in messages)


@dataclass(frozen=True)
class Spec:
    """How one collection is loaded from its file and written back to it."""

    collection: str
    filename: str
    document: type
    key: tuple
    defaults: dict = field(default_factory=dict)
    managed: tuple = ()  # fields the app maintains; kept from the database on upsert, never exported
    references: tuple = ()  # (field, collection it names by natural key)
    unique: tuple = ()  # fields unique across the files and the database besides the key
    checks: object = None  # record -> iterable of (field, reason), beyond the document's own rules
    exports_id: bool = False  # whether _id is part of the natural record (posts) or the database's own

    def key_of(self, record):
        """Return the natural key of a record (a tuple)."""
        return tuple(record.get(name) for name in self.key)

    def describe_key(self, key):
        """Return "user_id=3, courseID='CS101'" for a key tuple."""
        return ", ".join(f"{name}={value!r}" for name, value in zip(self.key, key))

    def extra_problems(self, record):
        """Yield (field, reason) from this collection's own checks."""
        if self.checks is not None:
            yield from self.checks(record)

    def export_projection(self):
        """Return the projection that leaves out what the files do not carry."""
        dropped = (() if self.exports_id else ("_id",)) + self.managed
        return {name: 0 for name in dropped} or None


SPECS = (
    Spec("term", "terms.json", Term, ("name",)),
    Spec("user", "users.json", User, ("user_id",), {"role": "student", "created_at": utcnow},
         managed=("session_stamp", "last_seen", "unread_notices"), unique=("email",), checks=_user_checks),
    Spec("course", "courses.json", Course, ("courseID",), {"description": "", "meetings": [], "prerequisites": []},
         managed=("enrolled", "waiting", "pinned_post"), references=(("instructor_id", "user"),)),
    Spec("enrollment", "enrollments.json", Enrollment, ("user_id", "courseID"), {"created_at": utcnow},
         references=(("user_id", "user"), ("courseID", "course"))),
    Spec("waitlist", "waitlist.json", WaitlistEntry, ("user_id", "courseID"), {"created_at": utcnow},
         managed=("seq",), references=(("user_id", "user"), ("courseID", "course"))),
    Spec("post", "posts.json", Post, ("_id",), {"created_at": utcnow, "updated_at": utcnow},
         references=(("user_id", "user"), ("courseID", "course")), checks=_post_checks, exports_id=True),
    Spec("follow", "follows.json", Follow, ("follower_id", "followed_id"), {"created_at": utcnow},
         references=(("follower_id", "user"), ("followed_id", "user")), checks=_follow_checks),
)
SPEC_BY_NAME = {spec.collection: spec for spec in SPECS}
