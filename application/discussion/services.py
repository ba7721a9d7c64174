"""Discussion services: read a board, write and edit posts, the home feed (deleting is moderation's)."""
from dataclasses import dataclass

from bson import ObjectId
from bson.errors import InvalidId

from ..accounts.people import person
from ..accounts.permissions import CONFIRM_FIRST, awaiting_confirmation
from ..core.checks import Checks
from ..core.clock import utcnow
from ..core.errors import Forbidden, NotFound
from ..core.paging import Page
from ..core.rows import field_of
from ..courses.models import Course, UnknownCourse, require_course_id
from ..enrollment.models import Enrollment
from . import pipelines
from .models import BODY_MAX, TITLE_MAX, Post
from .permissions import can_edit, can_moderate, can_post

EDIT_GRACE_SECONDS = 60
REMOVED = "Staff removed this post from its board: it can no longer be edited."
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


def membership(viewer, course, enrolled=None):
    """Return (enrolled, may_post) of the viewer for a course row or document; enrolled is None for visitors.

    A caller that already knows whether the viewer is enrolled passes it, saving the query.
    """
    if not viewer.is_authenticated:
        return None, False
    if enrolled is None:
        enrolled = Enrollment.objects.holds(viewer.user_id, field_of(course, "courseID"))
    return enrolled, can_post(viewer, course, enrolled)


def _was_edited(row):
    """Return True when a post changed more than a minute after it was written."""
    created, updated = row.get("created_at"), row.get("updated_at")
    return bool(created and updated and (updated - created).total_seconds() > EDIT_GRACE_SECONDS)


def present(viewer, rows, course=None):
    """Give post rows their author as a Person, the viewer's rights, the edited and pinned marks.

    `course` is the board's course; without it each row's joined `course` (if any) decides who moderates.
    """
    board_moderated = course is not None and can_moderate(viewer, course)
    pinned = field_of(course, "pinned_post") if course is not None else None
    for row in rows:
        removed = bool(row.get("removed"))
        moderates = not removed and (board_moderated if course is not None
                                     else can_moderate(viewer, row.get("course")))
        wrote = can_edit(viewer, row)
        row["author"] = person(row.get("author"))
        row["removed"] = removed
        row["can_edit"] = wrote and not removed
        row["can_delete"] = wrote or moderates
        row["can_pin"] = course is not None and moderates
        row["pinned"] = bool(course is not None and row.get("_id") == pinned)
        row["edited"] = _was_edited(row)
    return rows


def board(viewer, course, page_number, per_page, enrolled=None):
    """Return one page of a course's board for the viewer, or raise NotFound past its end."""
    page = Page(page_number, per_page)
    posts, page.total = pipelines.course_posts(field_of(course, "courseID"), page.skip, page.per_page,
                                               viewer.user_id, field_of(course, "pinned_post"))
    page.require_exists()
    enrolled, may_post = membership(viewer, course, enrolled)
    return Board(present(viewer, posts, course), page, enrolled, may_post)


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
    course = Course.objects(courseID=require_course_id(course_id)).only("courseID", "instructor_id",
                                                                         "pinned_post").first()
    if course is None:
        raise UnknownCourse(course_id)
    return course


def course_board(viewer, course_id, page_number, per_page):
    """Return one page of the board of the course named by course_id, or raise NotFound."""
    return board(viewer, _course_or_404(course_id), page_number, per_page)


def create_post(actor, course_id, title, body):
    """Write a new post on a course's board as the actor; return the Post."""
    course = _course_or_404(course_id)
    if awaiting_confirmation(actor):
        raise Forbidden(CONFIRM_FIRST, code="unconfirmed")
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
    if post.removed:
        raise Forbidden(REMOVED, code="removed")
    return post


def edit_post(actor, post_id, title, body):
    """Change a post's title and message as its author; return the Post."""
    return update_post(actor, editable_post(actor, post_id), title, body)


def update_post(actor, post, title, body):
    """Change a loaded post's title and message as its author; return the Post."""
    if not can_edit(actor, post):
        raise Forbidden("Only the author can edit this post.")
    if post.removed:
        raise Forbidden(REMOVED, code="removed")
    title, body = check_post(title, body)
    post.update(set__title=title, set__body=body, set__updated_at=utcnow())
    post.reload()
    return post


def shown_to_author(author, post):
    """Return a post its author just wrote or changed as a board row (author, rights, edited mark)."""
    row = post.to_mongo().to_dict()
    row["author"] = {name: getattr(author, name) for name in ("user_id", "first_name", "last_name", "role")}
    return present(author, [row])[0]


@dataclass
class Feed:
    """One page of a home feed; `page.has_next` tells whether older posts follow."""

    posts: list
    page: Page


def feed(viewer, page_number=1, per_page=8):
    """Return a page of the newest posts of the viewer's courses and of the people they follow (none for visitors)."""
    page = Page(page_number, per_page)
    if not viewer.is_authenticated:
        return Feed([], page)
    rows = pipelines.home_feed(viewer.user_id, page.skip, page.per_page + 1)
    page.total = page.skip + len(rows)  # the one row past the page only tells that another page follows
    page.require_exists()
    return Feed(present(viewer, rows[:page.per_page]), page)
