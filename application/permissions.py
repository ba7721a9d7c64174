"""Who may do what on a course board."""


def can_post(user, course, enrolled):
    """Return True when the user may write on the course's board."""
    if not getattr(user, "is_authenticated", False):
        return False
    return enrolled or user.is_admin or user.user_id == course.get("instructor_id")


def can_edit(user, post):
    """Return True when the user wrote the post."""
    return getattr(user, "is_authenticated", False) and user.user_id == post.user_id


def can_delete(user, post):
    """Return True for the post's author and admins."""
    return can_edit(user, post) or (getattr(user, "is_authenticated", False) and user.is_admin)
