"""Who may write, edit and delete on a course's board."""
from ..core.rows import field_of


def can_post(user, course, enrolled):
    """Return True when the user may write on the course's board."""
    if not user.is_authenticated:
        return False
    return bool(enrolled or user.is_admin or user.user_id == field_of(course, "instructor_id"))


def can_edit(user, post):
    """Return True when the user wrote the post."""
    return user.is_authenticated and user.user_id == field_of(post, "user_id")


def can_delete(user, post):
    """Return True for the post's author and admins."""
    return can_edit(user, post) or (user.is_authenticated and user.is_admin)
