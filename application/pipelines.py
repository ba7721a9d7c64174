"""Every aggregation pipeline of the application.

Each join has a pure builder (returns the stage list, unit-tested stage by stage) and a thin
runner (executes it and returns plain dicts). Every pipeline starts with a `$match` that an
index serves, and each page runs a fixed number of them whatever the list sizes.
"""
import re

from .models import Course, Enrollment, Post


def _lookup(source, local, foreign, into):
    """Return a `$lookup` stage joining on a natural key."""
    return {"$lookup": {"from": source, "localField": local, "foreignField": foreign, "as": into}}


def _unwind(path, keep_empty=False):
    """Return an `$unwind` stage; keep_empty keeps rows whose join found nothing."""
    if keep_empty:
        return {"$unwind": {"path": path, "preserveNullAndEmptyArrays": True}}
    return {"$unwind": path}


def _page(skip, limit, *stages):
    """Return a `$facet` that pages the rows (after optional stages) and counts them all."""
    return {
        "$facet": {
            "items": [{"$skip": skip}, {"$limit": limit}, *stages],
            "total": [{"$count": "n"}],
        }
    }


def _unpack_page(result):
    """Turn a `_page` facet result into (items, total)."""
    first = next(iter(result), None) or {"items": [], "total": []}
    total = first["total"][0]["n"] if first["total"] else 0
    return first["items"], total


def _rank_of(path, ordered):
    """Return an expression giving a value's position in `ordered` (unknown values last)."""
    branches = [{"case": {"$eq": [path, value]}, "then": rank} for rank, value in enumerate(ordered)]
    if not branches:
        return {"$literal": 0}
    return {"$switch": {"branches": branches, "default": len(branches)}}


# --- a student's enrollments -------------------------------------------------------------


def student_enrollments_pipeline(user_id, term_order):
    """Build: one student's enrollments joined to their courses, by term (chronological) then courseID."""
    return [
        {"$match": {"user_id": user_id}},
        _lookup("course", "courseID", "courseID", "course"),
        _unwind("$course"),
        {
            "$project": {
                "_id": 0,
                "courseID": 1,
                "enrolled_at": "$created_at",
                "title": "$course.title",
                "term": "$course.term",
                "credits": "$course.credits",
                "instructor_id": "$course.instructor_id",
                "term_rank": _rank_of("$course.term", term_order),
            }
        },
        {"$sort": {"term_rank": 1, "courseID": 1}},
    ]


def student_enrollments(user_id, term_order):
    """Run: return the rows of student_enrollments_pipeline."""
    pipeline = student_enrollments_pipeline(user_id, term_order)
    return list(Enrollment._get_collection().aggregate(pipeline))


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


# --- the catalog -------------------------------------------------------------------------


def catalog_match(term, query=None):
    """Return the `$match` filter of one term's catalog, optionally searched."""
    match = {"term": term}
    if query:
        pattern = {"$regex": re.escape(query), "$options": "i"}
        match["$or"] = [{"courseID": pattern}, {"title": pattern}, {"description": pattern}]
    return match


def catalog_pipeline(term, query, skip, limit, user_id=None):
    """Build: one page of a term's courses by courseID, each marked when user_id is enrolled."""
    marks = []
    if user_id is not None:
        marks = [
            _lookup("enrollment", "courseID", "courseID", "enrollments"),
            {"$addFields": {"is_enrolled": {"$in": [user_id, "$enrollments.user_id"]}}},
            {"$project": {"enrollments": 0}},
        ]
    return [
        {"$match": catalog_match(term, query)},
        {"$sort": {"courseID": 1}},
        _page(skip, limit, *marks),
    ]


def catalog_page(term, query, skip, limit, user_id=None):
    """Run: return (courses, total) for one catalog page."""
    pipeline = catalog_pipeline(term, query, skip, limit, user_id)
    return _unpack_page(Course._get_collection().aggregate(pipeline))


# --- one course ---------------------------------------------------------------------------


def course_detail_pipeline(course_id):
    """Build: one course joined to its instructor."""
    return [
        {"$match": {"courseID": course_id}},
        _lookup("user", "instructor_id", "user_id", "instructor"),
        _unwind("$instructor", keep_empty=True),
        {"$project": {"instructor.password": 0, "instructor.email": 0}},
    ]


def course_detail(course_id):
    """Run: return the course dict (with `instructor` when it has one) or None."""
    rows = list(Course._get_collection().aggregate(course_detail_pipeline(course_id)))
    return rows[0] if rows else None


# --- discussions --------------------------------------------------------------------------


def _with_author():
    """Return the stages that attach each post's author (name and role only)."""
    return [
        _lookup("user", "user_id", "user_id", "author"),
        _unwind("$author", keep_empty=True),
        {"$project": {f"author.{name}": 0 for name in ("password", "email", "created_at")}},
    ]


def course_posts_pipeline(course_id, skip, limit):
    """Build: one page of a course's posts, newest first, each with its author."""
    return [
        {"$match": {"courseID": course_id}},
        {"$sort": {"created_at": -1, "_id": -1}},
        _page(skip, limit, *_with_author()),
    ]


def course_posts(course_id, skip, limit):
    """Run: return (posts, total) for one page of a course's board."""
    return _unpack_page(Post._get_collection().aggregate(course_posts_pipeline(course_id, skip, limit)))


def user_posts_pipeline(user_id, skip, limit):
    """Build: one page of a user's posts, newest first, each with its course and author."""
    return [
        {"$match": {"user_id": user_id}},
        {"$sort": {"created_at": -1, "_id": -1}},
        _page(
            skip,
            limit,
            _lookup("course", "courseID", "courseID", "course"),
            _unwind("$course", keep_empty=True),
            {"$project": {"course.description": 0}},
            *_with_author(),
        ),
    ]


def user_posts(user_id, skip, limit):
    """Run: return (posts, total) for one page of a user's posts."""
    return _unpack_page(Post._get_collection().aggregate(user_posts_pipeline(user_id, skip, limit)))


def home_feed_pipeline(user_id, limit):
    """Build: the newest posts of the courses a user is enrolled in, with author and course."""
    return [
        {"$match": {"user_id": user_id}},
        {"$project": {"_id": 0, "courseID": 1}},
        _lookup("post", "courseID", "courseID", "post"),
        _unwind("$post"),
        {"$replaceRoot": {"newRoot": "$post"}},
        {"$sort": {"created_at": -1, "_id": -1}},
        {"$limit": limit},
        *_with_author(),
        _lookup("course", "courseID", "courseID", "course"),
        _unwind("$course", keep_empty=True),
        {"$project": {"course.description": 0}},
    ]


def home_feed(user_id, limit):
    """Run: return the feed rows for a user."""
    return list(Enrollment._get_collection().aggregate(home_feed_pipeline(user_id, limit)))


# --- bookkeeping --------------------------------------------------------------------------


def enrollment_counts_pipeline():
    """Build: the number of enrollments per courseID."""
    return [{"$group": {"_id": "$courseID", "n": {"$sum": 1}}}]


def enrollment_counts():
    """Run: return {courseID: number of enrollments}."""
    rows = Enrollment._get_collection().aggregate(enrollment_counts_pipeline())
    return {row["_id"]: row["n"] for row in rows}
