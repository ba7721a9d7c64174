"""What each data file holds: its collection, natural key, document and defaults."""
from dataclasses import dataclass, field

from ..models import Course, Enrollment, Post, User, utcnow


@dataclass(frozen=True)
class Spec:
    """How one collection is loaded from its file."""

    collection: str
    filename: str
    document: type
    key: tuple
    defaults: dict = field(default_factory=dict)
    managed: tuple = ()  # fields the app maintains; kept from the database on upsert

    def key_of(self, record):
        """Return the natural key of a record (a tuple)."""
        return tuple(record.get(name) for name in self.key)

    def describe_key(self, key):
        """Return "user_id=3, courseID='CS101'" for a key tuple."""
        return ", ".join(f"{name}={value!r}" for name, value in zip(self.key, key))


SPECS = (
    Spec("user", "users.json", User, ("user_id",), {"role": "student", "created_at": utcnow}),
    Spec("course", "courses.json", Course, ("courseID",), {"description": ""}, managed=("enrolled",)),
    Spec("enrollment", "enrollments.json", Enrollment, ("user_id", "courseID"), {"created_at": utcnow}),
    Spec("post", "posts.json", Post, ("_id",), {"created_at": utcnow, "updated_at": utcnow}),
)
SPEC_BY_NAME = {spec.collection: spec for spec in SPECS}
