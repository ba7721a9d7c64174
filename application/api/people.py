"""People: follow and unfollow someone, and their followers and following lists."""
from flask import current_app
from flask_smorest import Blueprint

from ..accounts import follows
from .account_schemas import FollowSchema, PeopleSchema
from .operations import actor, no_content, operation
from .schemas import PageQuerySchema

bp = Blueprint("api-people", __name__, url_prefix="/api/v1/users",
               description="Follow people (their posts join your feed) and see who follows whom.")


@operation(bp, "/<user_id:user_id>/follow", "POST", status=201, response=FollowSchema, auth="required",
           limits=("writes",), errors=(404, 409))
def follow(user_id):
    """Follow someone: 409 with reason yourself or already_following."""
    return {"user": follows.follow(actor(), user_id), "following": True}


@operation(bp, "/<user_id:user_id>/follow", "DELETE", status=204, auth="required", limits=("writes",),
           errors=(404,))
def unfollow(user_id):
    """Stop following someone: 404 with reason not_following when you do not follow them."""
    follows.unfollow(actor(), user_id)
    return no_content()


def _people(side, user_id, page):
    """Return one page of a follow list for the API."""
    return follows.follow_list(actor(), user_id, side, page, current_app.config["PEOPLE_PER_PAGE"])


@operation(bp, "/<user_id:user_id>/followers", "GET", response=PeopleSchema, auth="required",
           query=PageQuerySchema, errors=(404,))
def followers(args, user_id):
    """One page of the people following someone, newest follows first."""
    return _people("followers", user_id, args["page"])


@operation(bp, "/<user_id:user_id>/following", "GET", response=PeopleSchema, auth="required",
           query=PageQuerySchema, errors=(404,))
def following(args, user_id):
    """One page of the people someone follows, newest follows first."""
    return _people("following", user_id, args["page"])
