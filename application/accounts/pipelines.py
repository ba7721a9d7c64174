"""A person's profile card and follow lists: pure builders plus thin runners."""
from ..core.stages import lookup, mark_joined, unwind, window
from ..core.store import aggregate, page_of
from .models import Follow, User

NEWEST_FIRST = {"created_at": -1, "_id": -1}
NAME_FIELDS = ("user_id", "first_name", "last_name", "role")
SIDES = {"followers": ("followed_id", "follower_id"), "following": ("follower_id", "followed_id")}


def _count_follows(side, into):
    """Return the stage that counts a user's follows on one side (followers or following) into `into`."""
    return {"$lookup": {"from": "follow", "localField": "user_id", "foreignField": SIDES[side][0],
                        "pipeline": [{"$group": {"_id": None, "n": {"$sum": 1}}}], "as": into}}


def profile_pipeline(user_id, viewer_id):
    """Build: one user without secrets, with follower and following counts and whether the viewer follows them."""
    return [
        {"$match": {"user_id": user_id}},
        {"$project": {"password": 0, "session_stamp": 0}},
        _count_follows("followers", "followers"),
        _count_follows("following", "following"),
        *mark_joined("follow", "user_id", "followed_id", {"follower_id": viewer_id}, "followed_by_viewer"),
    ]


def _count(rows):
    """Return the count a counting sub-pipeline left (MongoDB leaves nothing for zero, the embedded store n: 0).

    It is a `$group`, not `$count`: the embedded engine cannot run `$count` inside a `$lookup`.
    """
    return rows[0]["n"] if rows else 0


def profile_row(user_id, viewer_id):
    """Run: return the user's profile row with plain counts, or None when there is no such user."""
    rows = aggregate(User, profile_pipeline(user_id, viewer_id))
    if not rows:
        return None
    row = rows[0]
    row["followers"], row["following"] = _count(row["followers"]), _count(row["following"])
    return row


def follows_pipeline(side, user_id, skip, limit):
    """Build: one page of a user's followers or of the people they follow, newest first, with names."""
    mine, theirs = SIDES[side]
    return window({mine: user_id}, NEWEST_FIRST, skip, limit,
                  lookup("user", theirs, "user_id", "person"),
                  unwind("$person", keep_empty=True),
                  {"$project": {"_id": 0, "since": "$created_at", **{f"person.{name}": 1 for name in NAME_FIELDS}}})


def follows_page(side, user_id, skip, limit):
    """Run: return (rows, total) for one page of a follow list."""
    return page_of(Follow, follows_pipeline(side, user_id, skip, limit))
