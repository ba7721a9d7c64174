"""Discussion services: read a board, write, edit and delete posts, the home feed."""
from dataclasses import dataclass

from bson import ObjectId
from bson.errors import InvalidId

from ..accounts.people import person
from ..core.checks import Checks
from ..core.clock import utcnow
from ..core.errors import Forbidden, NotFound
from ..core.paging import Page
from ..core.rows import field_of
from ..courses.models import Course, UnknownCourse, require_course_id
from ..enrollment.models import Enrollment
from . import pipelines
from .models import BODY_MAX, TITLE_MAX, Post
from .permissions import can_delete, can_edit, can_post

EDIT_GRACE_SECONDS = 60
ONLY_MEMBERS = "Only students enrolled in this course, its instructor and admins can post here."


@dataclass
class Board:
    """One page of a course's board, and whether (or why not) the viewer may write on it."""

    posts: list
    page: Page
    enrolled: bool
    may_post: bool

    @property
    def why_not(self):
        """Return None when the viewer may post, else "sign_in" (a visitor) or "enroll"."""
        if self.may_post:
            return None
        return "enroll" if self.enrolled is not None else "sign_in"


def membership(viewer, course):
    """Return (enrolled, may_post) of the viewer for a course row or document; enrolled is None for visitors."""
    if not viewer.is_authenticated:
        return None, False
    enrolled = Enrollment.objects.holds(viewer.user_id, field_of(course, "courseID"))
    return enrolled, can_post(viewer, course, enrolled)


def _was_edited(row):
    """Return True when a post changed more than a minute after it was written."""
    created, updated = row.get("created_at"), row.get("updated_at")
    return bool(created and updated and (updated - created).total_seconds() > EDIT_GRACE_SECONDS)


def present(viewer, rows):
    """Give post rows their author as a Person, the viewer's rights and the edited mark."""
    for row in rows:
        row["author"] = person(row.get("author"))
        row["can_edit"] = can_edit(viewer, row)
        row["can_delete"] = can_delete(viewer, row)
        row["edited"] = _was_edited(row)
    return rows


def board(viewer, course, page_number, per_page):
    """Return one page of a course's board for the viewer, or raise NotFound past its end."""
    page = Page(page_number, per_page)
    posts, page.total = pipelines.course_posts(field_of(course, "courseID"), page.skip, page.per_page)
    page.require_exists()
    enrolled, may_post = membership(viewer, course)
    return Board(present(viewer, posts), page, enrolled, may_post)


def check_post(title, body):
    """Return the trimmed title and body, or raise Invalid naming each problem."""
    checks = Checks()
    title = checks.text("title", title, required="Give your post a title.", max_length=TITLE_MAX,
                        too_long=f"Title must be at most {TITLE_MAX} characters.")
    body = checks.text("body", body, required="Write a message.", max_length=BODY_MAX,
                       too_long=f"Message must be at most {BODY_MAX} characters.")
    checks.raise_if_any()
    return title, body


def _course_or_404(course_id):
    """Return the course (its courseID and instructor) named by course_id, or raise UnknownCourse."""
    course = Course.objects(courseID=require_course_id(course_id)).only("courseID", "instructor_id").first()
    if course is None:
        raise UnknownCourse(course_id)
    return course


def course_board(viewer, course_id, page_number, per_page):
    """Return one page of the board of the course named by course_id, or raise NotFound."""
    return board(viewer, _course_or_404(course_id), page_number, per_page)


def create_post(actor, course_id, title, body):
    """Write a new post on a course's board as the actor; return the Post."""
    course = _course_or_404(course_id)
    if not membership(actor, course)[1]:
        raise Forbidden(ONLY_MEMBERS)
    title, body = check_post(title, body)
    now = utcnow()
    return Post(courseID=course_id, user_id=actor.user_id, title=title, body=body,
                created_at=now, updated_at=now).save()


def find_post(post_id):
    """Return the post with this id (an ObjectId or its hex), or raise NotFound."""
    try:
        oid = post_id if isinstance(post_id, ObjectId) else ObjectId(post_id)
    except (InvalidId, TypeError):
        raise NotFound("There is no such post.") from None
    post = Post.objects(id=oid).first()
    if post is None:
        raise NotFound("There is no such post.")
    return post


def editable_post(actor, post_id):
    """Return a post the actor may edit, or raise NotFound / Forbidden."""
    post = find_post(post_id)
    if not can_edit(actor, post):
        raise Forbidden("Only the author can edit this post.")
    return post


def edit_post(actor, post_id, title, body):
    """Change a post's title and message as its author; return the Post."""
    return update_post(actor, editable_post(actor, post_id), title, body)


def update_post(actor, post, title, body):
    """Change a loaded post's title and message as its author; return the Post."""
    if not can_edit(actor, post):
        raise Forbidden("Only the author can edit this post.")
    title, body = check_post(title, body)
    post.update(set__title=title, set__body=body, set__updated_at=utcnow())
    post.reload()
    return post


def shown_to_author(author, post):
    """Return a post its author just wrote or changed as a board row (author, rights, edited mark)."""
    row = post.to_mongo().to_dict()
    row["author"] = {name: getattr(author, name) for name in ("user_id", "first_name", "last_name", "role")}
    return present(author, [row])[0]


def delete_post(actor, post_id):
    """Delete a post as its author or an admin; return the deleted Post."""
    post = find_post(post_id)
    if not can_delete(actor, post):
        raise Forbidden("Only the author or an admin can delete this post.")
    post.delete()
    return post


def feed(viewer, limit):
    """Return the newest posts of the viewer's courses (empty for visitors)."""
    if not viewer.is_authenticated:
        return []
    return present(viewer, pipelines.home_feed(viewer.user_id, limit))
