"""Roles and what each may do: a set of Permissions per role, asked with `can`.

Templates and services ask `can(user, Permission.X)` (or `user.can(...)`), never a role's name.
Powers over one course (TEACH, MODERATE) apply to its instructor only; MANAGE_COURSES and ADMIN
reach every course.
"""
import enum


class Permission(enum.IntFlag):
    """One thing an account may do."""

    ENROLL = enum.auto()          # take courses, join waitlists
    POST = enum.auto()            # write on the boards of one's courses
    TEACH = enum.auto()           # see the rosters of, and edit, the courses one teaches
    MODERATE = enum.auto()        # remove and pin posts on the boards of the courses one teaches
    MANAGE_COURSES = enum.auto()  # create, edit, archive and delete any course
    MANAGE_USERS = enum.auto()    # change roles, deactivate and reactivate accounts
    ADMIN = enum.auto()           # everything, and the audit log


STAFF_POWERS = Permission.POST | Permission.TEACH | Permission.MODERATE

# Administrators may do everything staff may; taking courses stays with student accounts, so a
# registrar's account never holds seats.
ROLE_PERMISSIONS = {
    "student": Permission.ENROLL | Permission.POST,
    "instructor": STAFF_POWERS,
    "admin": STAFF_POWERS | Permission.MANAGE_COURSES | Permission.MANAGE_USERS | Permission.ADMIN,
}


# each role's permissions as a plain int: `can` is asked for every post a page shows, and a
# plain bit test costs a fraction of the Flag's own `in`
_GRANTED_BITS = {role: int(permissions) for role, permissions in ROLE_PERMISSIONS.items()}


def can(user, permission):
    """Return True when the (signed-in, active) user's role grants the permission."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", True):
        return False
    wanted = int(permission)
    return _GRANTED_BITS.get(user.role, 0) & wanted == wanted


def teaches(user, course):
    """Return True when the user is the course's instructor (a course row or document)."""
    instructor = course.get("instructor_id") if isinstance(course, dict) else getattr(course, "instructor_id", None)
    return can(user, Permission.TEACH) and instructor == user.user_id


def oversees(user, course, permission):
    """Return True when the user holds a course power (TEACH or MODERATE) over this course: its
    instructor with that permission, or anyone who may manage every course."""
    return can(user, Permission.MANAGE_COURSES) or (can(user, permission) and teaches(user, course))
