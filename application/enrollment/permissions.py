"""Who may enroll in a course, and what a viewer can do about one (the button a page shows).

Courses are taken by student accounts. Staff accounts (instructors, administrators) do not enroll:
an instructor is told they teach a course of theirs, and is offered nothing on the others.
"""
from ..core.rows import field_of


def enroll_barrier(user, course):
    """Return (code, message) when who the user is keeps them out of the course, else None.

    `course` is a course row or document, or None when only the user matters.
    """
    if not user.is_authenticated:
        return "sign_in", "Log in to enroll in courses."
    if course is not None and field_of(course, "instructor_id") == user.user_id:
        return "teaching", "You teach this course, so you cannot enroll in it."
    if user.is_staff:
        return "staff", f"{user.role.capitalize()} accounts do not enroll in courses: use a student account."
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
