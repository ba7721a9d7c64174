"""A student's enrollments and the seat bookkeeping: pure builders plus thin runners."""
import hashlib

from ..core import stamps
from ..core.stages import lookup, rank_of, unwind
from ..core.store import aggregate, collection_of
from ..courses.terms import known_terms
from .models import Enrollment


def student_enrollments_pipeline(user_id, term_order, taught_by=None):
    """Build: one student's enrollments joined to their courses, by term (chronological) then courseID.

    With taught_by, only the enrollments in courses that instructor teaches are kept.
    """
    only_taught = [{"$match": {"course.instructor_id": taught_by}}] if taught_by is not None else []
    return [
        {"$match": {"user_id": user_id}},
        lookup("course", "courseID", "courseID", "course"),
        unwind("$course"),
        *only_taught,
        {
            "$project": {
                "_id": 0,
                "courseID": 1,
                "created_at": 1,
                "title": "$course.title",
                "credits": "$course.credits",
                "term": "$course.term",
                "instructor_id": "$course.instructor_id",
                "meetings": "$course.meetings",
                "term_rank": rank_of("$course.term", term_order),
            }
        },
        {"$sort": {"term_rank": 1, "courseID": 1}},
    ]


def student_enrollments(user_id, term_order, taught_by=None):
    """Run: return the rows of student_enrollments_pipeline."""
    return aggregate(Enrollment, student_enrollments_pipeline(user_id, term_order, taught_by))


def _held(rows):
    """Return the sorted (courseID, created_at) pairs of enrollment rows: what the student holds."""
    return sorted((row["courseID"], row.get("created_at")) for row in rows)


def held_now(user_id):
    """Return the (courseID, enrolled at) pairs the student holds, read now (one query the user_id index serves)."""
    return _held(collection_of(Enrollment).find({"user_id": user_id}, {"_id": 0, "courseID": 1, "created_at": 1}))


def schedule_of(user_id, held):
    """Return student_enrollments' rows for a student who holds `held` (from held_now), for a page to show.

    The joined rows are kept under what the student holds and the catalog stamp, so an enroll, a
    drop or a course edit builds them again; a value built from data that changed meanwhile is not kept.
    """
    digest = hashlib.sha1(repr(held).encode()).hexdigest()
    return stamps.cached(stamps.CATALOG, f"schedule:{user_id}:{digest}",
                         lambda: student_enrollments(user_id, known_terms()),
                         keep=lambda rows: _held(rows) == held)


def student_schedule(user_id):
    """Return student_enrollments' rows for a page to show (never for a decision), the enrollments read now."""
    return schedule_of(user_id, held_now(user_id))


def credits_by_term(rows):
    """Group enrollment rows (already ordered) into [(term, rows, credits)]."""
    groups = []
    for row in rows:
        if not groups or groups[-1][0] != row["term"]:
            groups.append((row["term"], [], 0))
        term, items, credits = groups[-1]
        items.append(row)
        groups[-1] = (term, items, credits + (row.get("credits") or 0))
    return groups


def enrollment_counts_pipeline():
    """Build: the number of enrollments per courseID."""
    return [{"$group": {"_id": "$courseID", "n": {"$sum": 1}}}]


def enrollment_counts():
    """Run: return {courseID: number of enrollments}."""
    return {row["_id"]: row["n"] for row in aggregate(Enrollment, enrollment_counts_pipeline())}
