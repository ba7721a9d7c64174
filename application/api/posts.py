"""Course discussion boards: read a page, write, edit and delete posts (the board rules of the site)."""
from flask import current_app
from flask_smorest import Blueprint

from ..discussion import moderation, services
from .operations import actor, no_content, operation
from .schemas import BoardSchema, PageQuerySchema, PostChangesSchema, PostSchema, PostViewSchema

bp = Blueprint("api-posts", __name__, url_prefix="/api/v1",
               description="Each course's discussion board: enrolled students, its instructor and admins write.")


@operation(bp, "/courses/<course_id:course_id>/posts", "GET", response=BoardSchema, auth="optional",
           query=PageQuerySchema, errors=(404,))
def board(args, course_id):
    """One page of a course's board, newest first, with what the viewer may do."""
    return services.course_board(actor(), course_id, args["page"], current_app.config["POSTS_PER_PAGE"])


@operation(bp, "/courses/<course_id:course_id>/posts", "POST", status=201, response=PostViewSchema,
           auth="required", body=PostSchema, limits=("writes", "posts"), errors=(403, 404))
def create(post, course_id):
    """Write a post on a course's board."""
    user = actor()
    return services.shown_to_author(user, services.create_post(user, course_id, post["title"], post["body"]))


@operation(bp, "/posts/<object_id:post_id>", "PATCH", response=PostViewSchema, auth="required",
           body=PostChangesSchema, limits=("writes",), errors=(403, 404))
def edit(changes, post_id):
    """Change a post's title, message or both (its author only)."""
    user = actor()
    post = services.editable_post(user, post_id)
    post = services.update_post(user, post, changes.get("title", post.title), changes.get("body", post.body))
    return services.shown_to_author(user, post)


@operation(bp, "/posts/<object_id:post_id>", "DELETE", status=204, auth="required", limits=("writes",),
           errors=(403, 404))
def delete(post_id):
    """Delete one's own post, or remove another's from a board one moderates (its instructor, admins)."""
    moderation.take_down(actor(), post_id)
    return no_content()
