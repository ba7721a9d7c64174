"""A person's profile page as the viewer may see it, and editing one's own profile."""
from dataclasses import dataclass
from datetime import datetime

from ..core.checks import Checks
from ..core.errors import Forbidden, NotFound
from ..core.paging import Page
from ..courses import pipelines as course_pipelines
from ..courses.terms import known_terms
from ..discussion import pipelines as discussion
from ..discussion.services import present
from ..enrollment.pipelines import student_enrollments
from .models import ABOUT_MAX, User, require_user_id
from .people import Person, person
from .permissions import enrollment_scope, may_see_email
from .pipelines import profile_row
from .services import check_names


@dataclass
class Profile:
    """What a profile page shows: `email` and `courses` are None when the viewer may not see them."""

    user: Person
    email: str
    courses: list
    courses_scope: str
    taught: list
    posts: list
    page: Page
    about: str = ""
    last_seen: datetime = None
    followers: int = 0
    following: int = 0
    is_self: bool = False
    is_following: bool = False


def profile(viewer, user_id, page_number=1, per_page=10):
    """Return the Profile of user_id for a signed-in viewer, or raise NotFound / Forbidden."""
    if not viewer.is_authenticated:
        raise Forbidden("Log in to see people's profiles.", code="sign_in")
    row = profile_row(require_user_id(user_id), viewer.user_id)
    if row is None:
        raise NotFound("There is no such user.")
    page = Page(page_number, per_page)
    posts, page.total = discussion.user_posts(user_id, page.skip, page.per_page, viewer.user_id)
    page.require_exists()
    scope = enrollment_scope(viewer, user_id)
    courses = None
    if scope:
        taught_by = viewer.user_id if scope == "taught" else None
        courses = student_enrollments(user_id, known_terms(), taught_by=taught_by)
    taught = course_pipelines.taught(user_id)
    email = row.get("email") if may_see_email(viewer, user_id) else None
    return Profile(person(row), email, courses, scope, taught, present(viewer, posts), page,
                   about=row.get("about") or "", last_seen=row.get("last_seen"), followers=row["followers"],
                   following=row["following"], is_self=viewer.user_id == user_id,
                   is_following=row["followed_by_viewer"])


def shown(profile):
    """Return everything a Profile shows, as plain values (for keeping the page made of it)."""
    return (profile.user, profile.email, profile.courses, profile.courses_scope, profile.taught, profile.posts,
            profile.page, profile.about, profile.last_seen, profile.followers, profile.following, profile.is_self,
            profile.is_following)


def check_about(checks, about):
    """Return "about me" as plain text with its line breaks kept ("" when left empty), recording what is wrong."""
    if about is None:
        return ""
    if isinstance(about, str):
        about = about.replace("\r\n", "\n").replace("\r", "\n")
        if not about.strip():
            return ""
    return checks.text("about", about, required="", max_length=ABOUT_MAX,
                       too_long=f"About me must be at most {ABOUT_MAX} characters.")


def edit_profile(actor, first_name, last_name, about):
    """Change the signed-in actor's name and "about me"; return the User."""
    if not actor.is_authenticated:
        raise Forbidden("Log in to edit your profile.", code="sign_in")
    checks = Checks()
    first_name, last_name = check_names(checks, first_name, last_name)
    about = check_about(checks, about)
    checks.raise_if_any()
    User.objects(user_id=actor.user_id).update_one(set__first_name=first_name, set__last_name=last_name,
                                                   set__about=about)
    actor.first_name, actor.last_name, actor.about = first_name, last_name, about
    return actor
