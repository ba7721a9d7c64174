"""What one signed-in person may see of another's account, and what an unconfirmed account may not do yet."""
from flask import current_app

from .roles import Permission

CONFIRM_FIRST = ("Confirm your email first: follow the link we mailed to you, or ask for a new one with "
                 "the Resend button.")


def may_see_email(viewer, subject_id):
    """Return True for the person themselves and administrators."""
    return viewer.is_authenticated and (viewer.user_id == subject_id or viewer.can(Permission.MANAGE_USERS))


def enrollment_scope(viewer, subject_id):
    """Return which of a person's enrollments the viewer may see: "all", "taught" or None.

    Enrollments are education records: the student and administrators see them all, an
    instructor sees only those in courses they teach, everybody else sees none.
    """
    if not viewer.is_authenticated:
        return None
    if viewer.user_id == subject_id or viewer.can(Permission.MANAGE_COURSES):
        return "all"
    if viewer.can(Permission.TEACH):
        return "taught"
    return None


def awaiting_confirmation(user):
    """Return True for a signed-in account that must confirm its email before it enrolls or posts.

    Only while REQUIRE_EMAIL_CONFIRMATION is on; accounts loaded from files count as confirmed.
    """
    return bool(getattr(user, "is_authenticated", False) and current_app.config.get("REQUIRE_EMAIL_CONFIRMATION")
                and getattr(user, "email_confirmed", True) is False)
