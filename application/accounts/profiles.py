"""A person's profile page as the viewer may see it."""
from dataclasses import dataclass

from ..core.errors import Forbidden
from ..core.paging import Page
from ..courses.models import Course
from ..courses.terms import known_terms
from ..discussion import pipelines as discussion
from ..discussion.services import present
from ..enrollment.pipelines import student_enrollments
from .people import Person, person_of
from .permissions import enrollment_scope, may_see_email
from .services import user_or_404


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


def profile(viewer, user_id, page_number=1, per_page=10):
    """Return the Profile of user_id for a signed-in viewer, or raise NotFound / Forbidden."""
    if not viewer.is_authenticated:
        raise Forbidden("Log in to see people's profiles.", code="sign_in")
    user = user_or_404(user_id)
    page = Page(page_number, per_page)
    posts, page.total = discussion.user_posts(user_id, page.skip, page.per_page)
    page.require_exists()
    scope = enrollment_scope(viewer, user_id)
    courses = None
    if scope:
        taught_by = viewer.user_id if scope == "taught" else None
        courses = student_enrollments(user_id, known_terms(), taught_by=taught_by)
    taught = list(Course.objects.taught_by(user_id).only("courseID", "title", "term"))
    email = user.email if may_see_email(viewer, user_id) else None
    return Profile(person_of(user), email, courses, scope, taught, present(viewer, posts), page)
