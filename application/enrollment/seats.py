"""Enrolling and dropping with seat limits that hold under concurrent requests.

A seat is reserved on the course document with one conditional update (it only matches
while enrolled < capacity), then the enrollment is inserted under its unique
(user_id, courseID) index; if that insert fails the seat is given back. So the number of
enrollments never exceeds capacity and never holds a duplicate, whatever the interleaving.
"""
import enum

from mongoengine.errors import NotUniqueError

from ..core.store import collection_of
from ..courses.models import Course
from .models import Enrollment

HAS_A_FREE_SEAT = {"$expr": {"$lt": [{"$ifNull": ["$enrolled", 0]}, "$capacity"]}}


class Outcome(enum.Enum):
    """What an enroll or drop request came to (the value is its machine-readable code)."""

    ENROLLED = "enrolled"
    DROPPED = "dropped"
    FULL = "full"
    UNKNOWN_COURSE = "unknown_course"
    ALREADY_ENROLLED = "already_enrolled"
    NOT_ENROLLED = "not_enrolled"


def _give_back(course_id):
    """Return one seat of a course."""
    collection_of(Course).update_one({"courseID": course_id, "enrolled": {"$gt": 0}}, {"$inc": {"enrolled": -1}})


def enroll(user_id, course_id):
    """Enroll a user in a course and return the Outcome."""
    courses = collection_of(Course)
    if Enrollment.objects.holds(user_id, course_id):
        return Outcome.ALREADY_ENROLLED
    reserved = courses.find_one_and_update(
        {"courseID": course_id, **HAS_A_FREE_SEAT}, {"$inc": {"enrolled": 1}}, projection={"_id": 1}
    )
    if reserved is None:
        exists = courses.find_one({"courseID": course_id}, projection={"_id": 1})
        return Outcome.FULL if exists else Outcome.UNKNOWN_COURSE
    try:
        Enrollment(user_id=user_id, courseID=course_id).save(force_insert=True)
    except NotUniqueError:
        _give_back(course_id)
        return Outcome.ALREADY_ENROLLED
    except Exception:
        _give_back(course_id)
        raise
    return Outcome.ENROLLED


def drop(user_id, course_id):
    """Remove a user's enrollment in a course and give the seat back."""
    deleted = collection_of(Enrollment).delete_one({"user_id": user_id, "courseID": course_id})
    if not deleted.deleted_count:
        return Outcome.NOT_ENROLLED
    _give_back(course_id)
    return Outcome.DROPPED


def recount(counts=None):
    """Make every course's seat count equal its real number of enrollments.

    Returns a list of (courseID, old, new) for the courses that changed, and the list of
    (courseID, enrollments, capacity) for courses holding more enrollments than seats.
    Courses are corrected with one update per distinct count, not one per course. `counts`
    ({courseID: enrollments}) may be given by a caller that already knows them.
    """
    from .pipelines import enrollment_counts

    counts = enrollment_counts() if counts is None else counts
    changed, over, by_count = [], [], {}
    courses = collection_of(Course)
    for course in courses.find({}, projection={"courseID": 1, "enrolled": 1, "capacity": 1}):
        real = counts.get(course["courseID"], 0)
        if course.get("enrolled") != real:
            by_count.setdefault(real, []).append(course["_id"])
            changed.append((course["courseID"], course.get("enrolled"), real))
        if real > course.get("capacity", 0):
            over.append((course["courseID"], real, course.get("capacity")))
    for real, ids in by_count.items():
        courses.update_many({"_id": {"$in": ids}}, {"$set": {"enrolled": real}})
    return changed, over
