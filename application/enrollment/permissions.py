"""Who may enroll in a course, and what a viewer can do about one (the button a page shows)."""


def enroll_barrier(user, course):
    """Return (code, message) when who the user is keeps them out of the course, else None.

    `course` is a course row or document, or None when only the user matters.
    """
    if not user.is_authenticated:
        return "sign_in", "Log in to enroll in courses."
    if user.is_admin:
        return "staff", "Administrator accounts do not enroll in courses."
    if course is not None and _instructor_of(course) == user.user_id:
        return "teaching", "You teach this course, so you cannot enroll in it."
    return None


def enroll_action(user, course, enrolled, full):
    """Return what a page offers the viewer for a course.

    One of "drop", "enroll", "full", "login" (a visitor), "teaching" (its instructor) or
    None (nothing to offer, e.g. an administrator).
    """
    if enrolled:
        return "drop"
    barrier = enroll_barrier(user, course)
    code = barrier[0] if barrier else None
    if code == "teaching":
        return "teaching"
    if full:
        return "full" if code in (None, "sign_in") else None
    if code == "sign_in":
        return "login"
    return None if code else "enroll"


def _instructor_of(course):
    """Return the instructor_id of a course row or document."""
    return course.get("instructor_id") if isinstance(course, dict) else course.instructor_id
