"""Enrolling and dropping with seat limits that hold under concurrent requests.

A seat is reserved on the course document with one conditional update (it only matches
while enrolled < capacity, and, for a newcomer, while nobody waits for a seat), then the
enrollment is inserted under its unique (user_id, courseID) index; if that insert fails the seat
is given back. So the number of enrollments never exceeds capacity and never holds a duplicate,
whatever the interleaving, and a newcomer never takes a seat before the waitlist.
"""
import enum

from mongoengine.errors import NotUniqueError

from ..core.store import collection_of
from ..courses.models import Course
from .models import Enrollment

HAS_A_FREE_SEAT = {"$expr": {"$lt": [{"$ifNull": ["$enrolled", 0]}, "$capacity"]}}
NOBODY_WAITS = {"$or": [{"waiting": {"$exists": False}}, {"waiting": {"$lte": 0}}]}


class Outcome(enum.Enum):
    """What an enroll or drop request came to (the value is its machine-readable code)."""

    ENROLLED = "enrolled"
    DROPPED = "dropped"
    FULL = "full"
    UNKNOWN_COURSE = "unknown_course"
    ALREADY_ENROLLED = "already_enrolled"
    NOT_ENROLLED = "not_enrolled"


def give_back(course_id):
    """Return one seat of a course."""
    collection_of(Course).update_one({"courseID": course_id, "enrolled": {"$gt": 0}}, {"$inc": {"enrolled": -1}})


def take_seat(course_id, before_the_line=False):
    """Reserve one seat of a course; only the waitlist (before_the_line) may take one while students wait."""
    condition = {"courseID": course_id, **HAS_A_FREE_SEAT, **({} if before_the_line else NOBODY_WAITS)}
    return collection_of(Course).find_one_and_update(condition, {"$inc": {"enrolled": 1}},
                                                     projection={"_id": 1}) is not None


def seat_student(user_id, course_id):
    """Insert the enrollment of a reserved seat; give the seat back and return False when it already exists."""
    try:
        Enrollment(user_id=user_id, courseID=course_id).save(force_insert=True)
    except NotUniqueError:
        give_back(course_id)
        return False
    except Exception:
        give_back(course_id)
        raise
    return True


def enroll(user_id, course_id):
    """Enroll a user in a course and return the Outcome."""
    if Enrollment.objects.holds(user_id, course_id):
        return Outcome.ALREADY_ENROLLED
    if not take_seat(course_id):
        exists = collection_of(Course).find_one({"courseID": course_id}, projection={"_id": 1})
        return Outcome.FULL if exists else Outcome.UNKNOWN_COURSE
    return Outcome.ENROLLED if seat_student(user_id, course_id) else Outcome.ALREADY_ENROLLED


def drop(user_id, course_id):
    """Remove a user's enrollment in a course and give the seat back."""
    deleted = collection_of(Enrollment).delete_one({"user_id": user_id, "courseID": course_id})
    if not deleted.deleted_count:
        return Outcome.NOT_ENROLLED
    give_back(course_id)
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
