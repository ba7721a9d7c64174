"""The catalog's and the course page's pipelines: pure builders plus thin runners."""
import re

from ..accounts.people import PRIVATE_FIELDS
from ..core.stages import lookup, mark_joined, unwind, window, without
from ..core.store import aggregate, page_of
from .models import Course


def catalog_match(term, query=None):
    """Return the `$match` filter of one term's catalog, optionally searched."""
    match = {"term": term, "archived": {"$ne": True}}
    if query:
        pattern = {"$regex": re.escape(query), "$options": "i"}
        match["$or"] = [{"courseID": pattern}, {"title": pattern}, {"description": pattern}]
    return match


def catalog_pipeline(term, query, skip, limit, user_id=None):
    """Build: one page of a term's courses by courseID, each marked when user_id is enrolled in it."""
    marks = [] if user_id is None else mark_joined("enrollment", "courseID", "courseID", {"user_id": user_id},
                                                   "is_enrolled")
    return window(catalog_match(term, query), {"courseID": 1}, skip, limit, *marks)


def catalog_page(term, query, skip, limit, user_id=None):
    """Run: return (courses, total) for one catalog page."""
    return page_of(Course, catalog_pipeline(term, query, skip, limit, user_id))


def course_detail_pipeline(course_id):
    """Build: one course joined to its instructor."""
    return [
        {"$match": {"courseID": course_id}},
        lookup("user", "instructor_id", "user_id", "instructor"),
        unwind("$instructor", keep_empty=True),
        without("instructor", *PRIVATE_FIELDS),
    ]


def course_detail(course_id):
    """Run: return the course dict (with `instructor` when it has one) or None."""
    rows = aggregate(Course, course_detail_pipeline(course_id))
    return rows[0] if rows else None
