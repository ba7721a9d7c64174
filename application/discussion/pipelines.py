"""Boards, a user's posts and the home feed: pure builders plus thin runners."""
from ..accounts.people import PRIVATE_FIELDS
from ..core.stages import lookup, unwind, window, without
from ..core.store import aggregate, page_of
from ..enrollment.models import Enrollment
from .models import Post

NEWEST_FIRST = {"created_at": -1, "_id": -1}


def with_author():
    """Return the stages that attach each post's author (name and role only)."""
    return [
        lookup("user", "user_id", "user_id", "author"),
        unwind("$author", keep_empty=True),
        without("author", *PRIVATE_FIELDS),
    ]


def with_course():
    """Return the stages that attach each post's course (without its description)."""
    return [
        lookup("course", "courseID", "courseID", "course"),
        unwind("$course", keep_empty=True),
        without("course", "description"),
    ]


def course_posts_pipeline(course_id, skip, limit):
    """Build: one page of a course's posts, newest first, each with its author."""
    return window({"courseID": course_id}, NEWEST_FIRST, skip, limit, *with_author())


def course_posts(course_id, skip, limit):
    """Run: return (posts, total) for one page of a course's board."""
    return page_of(Post, course_posts_pipeline(course_id, skip, limit))


def user_posts_pipeline(user_id, skip, limit):
    """Build: one page of a user's posts, newest first, each with its course and author."""
    return window({"user_id": user_id}, NEWEST_FIRST, skip, limit, *with_course(), *with_author())


def user_posts(user_id, skip, limit):
    """Run: return (posts, total) for one page of a user's posts."""
    return page_of(Post, user_posts_pipeline(user_id, skip, limit))


def home_feed_pipeline(user_id, limit):
    """Build: the newest posts of the courses a user is enrolled in, with author and course.

    Each course gives at most `limit` posts, read newest first from the (courseID, created_at)
    index, so the feed reads about as many posts as it shows, however long the boards are.
    """
    newest = {"$lookup": {"from": "post", "localField": "courseID", "foreignField": "courseID",
                          "pipeline": [{"$sort": NEWEST_FIRST}, {"$limit": limit}], "as": "post"}}
    return [
        {"$match": {"user_id": user_id}},
        {"$project": {"_id": 0, "courseID": 1}},
        newest,
        unwind("$post"),
        {"$replaceRoot": {"newRoot": "$post"}},
        {"$sort": NEWEST_FIRST},
        {"$limit": limit},
        *with_author(),
        *with_course(),
    ]


def home_feed(user_id, limit):
    """Run: return the feed rows for a user."""
    return aggregate(Enrollment, home_feed_pipeline(user_id, limit))
