"""The Enrollment and WaitlistEntry documents, their named queries, and the per-student lease."""
from mongoengine import QuerySet

from ..core.clock import utcnow
from ..courses.models import COURSE_ID_MAX
from ..extensions import db


class EnrollmentQuerySet(QuerySet):
    """Named queries for enrollments."""

    def holds(self, user_id, course_id):
        """Return True when the user is enrolled in the course."""
        return self.filter(user_id=user_id, courseID=course_id).only("id").first() is not None

    def taken_among(self, user_id, course_ids):
        """Return the courseIDs among course_ids the user is enrolled in (the user_id+courseID index serves it)."""
        return set(self.filter(user_id=user_id, courseID__in=list(course_ids)).scalar("courseID"))


class Enrollment(db.Document):
    """One student's place in one course."""

    user_id = db.IntField(required=True, min_value=1)
    courseID = db.StringField(required=True, max_length=COURSE_ID_MAX)
    created_at = db.DateTimeField(default=utcnow)

    meta = {
        "collection": "enrollment",
        "indexes": [
            {"fields": ["user_id", "courseID"], "unique": True},
            {"fields": ["courseID"]},
        ],
        "queryset_class": EnrollmentQuerySet,
    }


class WaitlistQuerySet(QuerySet):
    """Named queries for waitlist entries."""

    def of(self, user_id, course_id):
        """Return the student's entry on a course's waitlist, or None."""
        return self.filter(user_id=user_id, courseID=course_id).first()


class WaitlistEntry(db.Document):
    """A student waiting for a seat in a full course; `seq` orders the line (first come, first served)."""

    user_id = db.IntField(required=True, min_value=1)
    courseID = db.StringField(required=True, max_length=COURSE_ID_MAX)
    seq = db.IntField(min_value=1)  # set on joining; a loaded file may leave it to the loader
    created_at = db.DateTimeField(default=utcnow)

    meta = {
        "collection": "waitlist",
        "indexes": [
            {"fields": ["user_id", "courseID"], "unique": True},
            {"fields": ["courseID", "seq"], "unique": True},
        ],
        "queryset_class": WaitlistQuerySet,
    }


class RegistrationLease(db.Document):
    """Held by one request of a student at a time while their registration rules are checked and applied."""

    user_id = db.IntField(primary_key=True)
    holder = db.StringField(required=True)
    until = db.DateTimeField(required=True)

    meta = {"collection": "registration_lease"}
