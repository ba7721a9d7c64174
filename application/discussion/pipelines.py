"""Boards, a user's posts and the home feed: pure builders plus thin runners."""
from ..accounts.models import User
from ..accounts.people import PRIVATE_FIELDS
from ..core.stages import lookup, unwind, window, without
from ..core.store import aggregate, page_of
from .models import Post

NEWEST_FIRST = {"created_at": -1, "_id": -1}
FEED_SOURCES = {"enrollment": "user_id", "follow": "follower_id"}  # the feed's sources, by their user field


def with_author():
    """Return the stages that attach each post's author (name and role only)."""
    return [
        lookup("user", "user_id", "user_id", "author"),
        unwind("$author", keep_empty=True),
        without("author", *PRIVATE_FIELDS),
    ]


def with_course():
    """Return the stages that attach each post's course (its title and who teaches it: not its description,
    meetings or prerequisites, which a post never shows)."""
    return [
        lookup("course", "courseID", "courseID", "course"),
        unwind("$course", keep_empty=True),
        without("course", "description", "meetings", "prerequisites"),
    ]


def shown(match, viewer_id=None):
    """Return the filter `match` narrowed to posts not removed by staff, but for the viewer's own."""
    visible = {"removed": {"$ne": True}}
    if viewer_id is None:
        return {**match, **visible}
    return {**match, "$or": [visible, {"user_id": viewer_id}]}


def course_posts_pipeline(course_id, skip, limit, viewer_id=None, pinned=None):
    """Build: one page of a course's posts, newest first (a pinned post before all), each with its author.

    Without a pinned post the index on (courseID, created_at) serves filter and order; with one,
    the board's posts are ordered after marking it.
    """
    match = shown({"courseID": course_id}, viewer_id)
    if pinned is None:
        return window(match, NEWEST_FIRST, skip, limit, *with_author())
    return [{"$match": match}, {"$addFields": {"pinned": {"$eq": ["$_id", pinned]}}},
            {"$sort": {"pinned": -1, **NEWEST_FIRST}}, {"$skip": skip}, {"$limit": limit}, *with_author()]


def course_posts(course_id, skip, limit, viewer_id=None, pinned=None):
    """Run: return (posts, total) for one page of a course's board."""
    return page_of(Post, course_posts_pipeline(course_id, skip, limit, viewer_id, pinned))


def user_posts_pipeline(user_id, skip, limit, viewer_id=None):
    """Build: one page of a user's posts, newest first, each with its course and author."""
    match = {"user_id": user_id} if viewer_id == user_id else shown({"user_id": user_id})
    return window(match, NEWEST_FIRST, skip, limit, *with_course(), *with_author())


def user_posts(user_id, skip, limit, viewer_id=None):
    """Run: return (posts, total) for one page of a user's posts (the viewer's own include removed ones)."""
    return page_of(Post, user_posts_pipeline(user_id, skip, limit, viewer_id))


def _newest_of(source, key, foreign, count):
    """Return the stage that joins a `source` collection's rows of the user with each one's newest posts.

    Each row gives at most `count` posts, read newest first from the post index starting with
    `foreign`, so the feed reads about as many posts as it shows, however long the boards are.
    """
    newest = {"$lookup": {"from": "post", "localField": key, "foreignField": foreign,
                          "pipeline": [{"$match": {"removed": {"$ne": True}}}, {"$sort": NEWEST_FIRST},
                                       {"$limit": count}], "as": "post"}}
    return {"$lookup": {"from": source, "localField": "user_id", "foreignField": FEED_SOURCES[source],
                        "pipeline": [{"$project": {"_id": 0, key: 1}}, newest, unwind("$post"),
                                     {"$replaceRoot": {"newRoot": "$post"}}],
                        "as": source}}


def home_feed_pipeline(user_id, skip, limit):
    """Build: one page of the newest posts of a user's courses and of the people they follow.

    Starts from the user; each course and each followed person gives at most skip + limit posts,
    a post found both ways counts once, and only the page's posts get their author and course.
    Every board is readable by every signed-in user; posts removed by staff stay out.
    """
    count = skip + limit
    return [
        {"$match": {"user_id": user_id}},
        {"$project": {"_id": 0, "user_id": 1}},
        _newest_of("enrollment", "courseID", "courseID", count),
        _newest_of("follow", "followed_id", "user_id", count),
        {"$project": {"post": {"$concatArrays": ["$enrollment", "$follow"]}}},
        unwind("$post"),
        {"$group": {"_id": "$post._id", "post": {"$first": "$post"}}},
        {"$replaceRoot": {"newRoot": "$post"}},
        {"$sort": NEWEST_FIRST},
        {"$skip": skip},
        {"$limit": limit},
        *with_author(),
        *with_course(),
    ]


def home_feed(user_id, skip, limit):
    """Run: return the feed rows of one page for a user."""
    return aggregate(User, home_feed_pipeline(user_id, skip, limit))
