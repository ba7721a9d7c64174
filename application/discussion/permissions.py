"""Who may write, edit, delete and moderate on a course's board."""
from ..accounts.roles import Permission, oversees
from ..core.rows import field_of


def can_post(user, course, enrolled):
    """Return True when the user may write on the course's board: its students, its instructor, administrators."""
    if not user.is_authenticated or not user.can(Permission.POST):
        return False
    return bool(enrolled or oversees(user, course, Permission.MODERATE))


def can_edit(user, post):
    """Return True when the user wrote the post."""
    return user.is_authenticated and user.user_id == field_of(post, "user_id")


def can_moderate(user, course):
    """Return True when the user removes and pins posts on the course's board (its instructor, administrators)."""
    return course is not None and oversees(user, course, Permission.MODERATE)

