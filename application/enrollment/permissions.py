"""Who may enroll in a course, and what a viewer can do about one (the button a page shows).

Courses are taken by student accounts. Staff accounts (instructors, administrators) do not enroll:
an instructor is told they teach a course of theirs, and is offered nothing on the others.
"""
from ..accounts.permissions import CONFIRM_FIRST, awaiting_confirmation
from ..accounts.roles import Permission
from ..core.rows import field_of


FETCH = object()


def enroll_barrier(user, course, person=FETCH):
    """Return (code, message) when who the user is keeps them out of the course, else None.

    `course` is a course row or document, or None when only the user matters; `person` is
    person_barrier(user) when the caller has it already (a page asks for every course it shows).
    """
    if not user.is_authenticated:
        return "sign_in", "Log in to enroll in courses."
    if course is not None and field_of(course, "instructor_id") == user.user_id:
        return "teaching", "You teach this course, so you cannot enroll in it."
    return person_barrier(user) if person is FETCH else person


def person_barrier(user):
    """Return (code, message) when a signed-in account may not enroll in any course (staff, unconfirmed), else None."""
    if not user.can(Permission.ENROLL):
        return "staff", f"{user.role.capitalize()} accounts do not enroll in courses: use a student account."
    if awaiting_confirmation(user):
        return "unconfirmed", CONFIRM_FIRST
    return None
