"""Following people: follow, unfollow, and the lists of who follows whom.

The posts of the people someone follows join their home feed (discussion.pipelines.home_feed).
Follower and following lists are shown to signed-in people, like profiles.
"""
from dataclasses import dataclass

from mongoengine.errors import NotUniqueError

from ..core.errors import Conflict, Forbidden, NotFound
from ..core.paging import Page
from .models import Follow
from .people import Person, person, person_of
from .pipelines import SIDES, follows_page
from .services import user_or_404


@dataclass
class People:
    """One page of a follow list: whose list, which side, and each person with the date they followed."""

    user: Person
    side: str
    people: list
    page: Page


def _signed_in(actor, doing):
    """Raise Forbidden for a visitor."""
    if not actor.is_authenticated:
        raise Forbidden(f"Log in to {doing}.", code="sign_in")


def follow(actor, user_id):
    """Make the actor follow user_id; return the Person followed (not yourself, not twice)."""
    _signed_in(actor, "follow people")
    target = user_or_404(user_id)
    if target.user_id == actor.user_id:
        raise Conflict("You cannot follow yourself.", code="yourself")
    try:
        Follow(follower_id=actor.user_id, followed_id=target.user_id).save(force_insert=True)
    except NotUniqueError:
        raise Conflict(f"You already follow {target.full_name}.", code="already_following") from None
    return person_of(target)


def unfollow(actor, user_id):
    """Make the actor stop following user_id; return the Person unfollowed."""
    _signed_in(actor, "follow people")
    target = user_or_404(user_id)
    if not Follow.objects(follower_id=actor.user_id, followed_id=target.user_id).delete():
        raise NotFound(f"You do not follow {target.full_name}.", code="not_following")
    return person_of(target)


def follow_list(viewer, user_id, side, page_number, per_page):
    """Return one page of user_id's followers (side "followers") or of whom they follow ("following")."""
    _signed_in(viewer, "see who follows whom")
    if not isinstance(side, str) or side not in SIDES:
        raise NotFound("There is no such list.")
    user = user_or_404(user_id)
    page = Page(page_number, per_page)
    rows, page.total = follows_page(side, user.user_id, page.skip, page.per_page)
    page.require_exists()
    people = [{"person": person(row.get("person")), "since": row.get("since")} for row in rows]
    return People(person_of(user), side, people, page)
