"""The catalog's and the course page's pipelines: pure builders plus thin runners."""
import re

from ..accounts.people import PRIVATE_FIELDS
from ..core import stamps
from ..core.stages import lookup, unwind, window, without
from ..core.store import aggregate, collection_of, page_of
from .models import Course

SEAT_FIELDS = ("enrolled", "waiting")


def catalog_match(term, query=None):
    """Return the `$match` filter of one term's catalog, optionally searched."""
    match = {"term": term, "archived": {"$ne": True}}
    if query:
        pattern = {"$regex": re.escape(query), "$options": "i"}
        match["$or"] = [{"courseID": pattern}, {"title": pattern}, {"description": pattern}]
    return match


def catalog_pipeline(term, query, skip, limit):
    """Build: one page of a term's courses by courseID, without their seat counts (which change by the second)."""
    return window(catalog_match(term, query), {"courseID": 1}, skip, limit, {"$project": dict.fromkeys(SEAT_FIELDS, 0)})


def catalog_text(term, query, skip, limit):
    """Run, cached under the catalog stamp: return (courses without seat counts, total) for one catalog page."""
    return stamps.cached(stamps.CATALOG, f"page:{term}:{skip}:{limit}:{query}",
                         lambda: page_of(Course, catalog_pipeline(term, query, skip, limit)))


def seat_counts(course_ids):
    """Return {courseID: {enrolled, waiting}} read now for these courses (one query the courseID index serves)."""
    rows = collection_of(Course).find({"courseID": {"$in": list(course_ids)}},
                                      projection={"_id": 0, "courseID": 1, **dict.fromkeys(SEAT_FIELDS, 1)})
    return {row.pop("courseID"): row for row in rows}


def catalog_page(term, query, skip, limit):
    """Run: return (courses without seat counts, {courseID: the seat counts of this moment}, total) for one
    catalog page (the text is shared by every request under the stamp: with_seats makes each page's own rows)."""
    rows, total = catalog_text(term, query, skip, limit)
    return rows, seat_counts(row["courseID"] for row in rows), total


def with_seats(rows, seats):
    """Return new course rows: each of rows with its seat counts (from catalog_page)."""
    return [{**row, **seats.get(row["courseID"], {})} for row in rows]


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


def taught_pipeline(user_id):
    """Build: the courses an instructor teaches (courseID, title, term), by courseID (the instructor_id index)."""
    return [{"$match": {"instructor_id": user_id}}, {"$project": {"_id": 0, "courseID": 1, "title": 1, "term": 1}},
            {"$sort": {"courseID": 1}}]


def taught(user_id):
    """Run: return taught_pipeline's rows."""
    return aggregate(Course, taught_pipeline(user_id))
