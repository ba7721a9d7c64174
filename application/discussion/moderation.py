"""Moderation: a course's instructor and administrators remove posts from its board and pin one post.

Authors delete their own posts outright; a moderator's removal keeps the post for the record,
hidden from everyone but its author, who sees that staff removed it.
"""
from ..accounts.roles import Permission, oversees
from ..core.clock import utcnow
from ..core.errors import Forbidden
from ..courses.models import Course
from ..staff.audit import record
from .permissions import can_edit
from .services import find_post

MODERATORS_ONLY = "Only the course's instructor and administrators moderate this board."


def _board_of(post):
    """Return the course (key, instructor, pinned post) whose board holds the post."""
    return Course.objects(courseID=post.courseID).only("courseID", "instructor_id", "pinned_post").first()


def _moderated(actor, post_id):
    """Return (post, course) when the actor moderates the post's board, else raise."""
    post = find_post(post_id)
    course = _board_of(post)
    if course is None or not oversees(actor, course, Permission.MODERATE):
        raise Forbidden(MODERATORS_ONLY)
    return post, course


def _unpin(course, post):
    """Unpin the post when it is the board's pinned one."""
    if course is not None and course.pinned_post == post.id:
        Course.objects(courseID=course.courseID, pinned_post=post.id).update(unset__pinned_post=True)


def take_down(actor, post_id):
    """Delete the actor's own post, or remove another's as a moderator; return (post, "deleted" | "removed")."""
    post = find_post(post_id)
    if can_edit(actor, post):
        _unpin(_board_of(post), post)
        post.delete()
        return post, "deleted"
    return remove_post(actor, post.id), "removed"


def remove_post(actor, post_id):
    """Remove a post from its board: others no longer see it; its author sees it was removed by staff."""
    post, course = _moderated(actor, post_id)
    if not post.removed:
        post.update(set__removed=True, set__removed_by=actor.user_id, set__removed_at=utcnow())
        record(actor, "post removed", f"post {post.id}", {"title": post.title, "courseID": post.courseID}, {})
    _unpin(course, post)
    return post


def pin_post(actor, post_id, pinned=True):
    """Pin a post to the top of its board (one per board), or unpin it; return the Post."""
    post, course = _moderated(actor, post_id)
    if pinned and post.removed:
        raise Forbidden("A removed post cannot be pinned.", code="removed")
    if (course.pinned_post == post.id) == pinned:
        return post  # already so: nothing to do or to log
    if pinned:
        Course.objects(courseID=course.courseID).update(set__pinned_post=post.id)
    else:
        _unpin(course, post)
    record(actor, "post pinned" if pinned else "post unpinned", f"post {post.id}",
           {"courseID": post.courseID, "pinned_post": str(course.pinned_post) if course.pinned_post else None},
           {"courseID": post.courseID, "pinned_post": str(post.id) if pinned else None})
    return post
