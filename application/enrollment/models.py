"""The Enrollment document and its named queries."""
from mongoengine import QuerySet

from ..core.clock import utcnow
from ..courses.models import COURSE_ID_MAX
from ..extensions import db


class EnrollmentQuerySet(QuerySet):
    """Named queries for enrollments."""

    def holds(self, user_id, course_id):
        """Return True when the user is enrolled in the course."""
        return self.filter(user_id=user_id, courseID=course_id).only("id").first() is not None


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
