"""People as pages and JSON show them: a name, a role, never a password or an email."""
from dataclasses import dataclass

from .models import full_name, is_staff_role

PRIVATE_FIELDS = ("password", "email", "created_at", "session_stamp", "active", "email_confirmed")
AVATAR_COLOURS = 8  # the palette of app.css: .avatar-0 … .avatar-7


@dataclass(frozen=True)
class Person:
    """Someone shown beside a post or a course."""

    user_id: int
    first_name: str
    last_name: str
    role: str

    @property
    def full_name(self):
        """Return "First Last"."""
        return full_name(self.first_name, self.last_name)

    @property
    def is_staff(self):
        """Return True for instructors and administrators."""
        return is_staff_role(self.role)

    @property
    def initials(self):
        """Return the initials an avatar shows ("AL" for Ada Lovelace)."""
        return "".join(part.strip()[:1] for part in (self.first_name, self.last_name) if part and part.strip()).upper()

    @property
    def avatar_colour(self):
        """Return the avatar's colour in the palette, chosen by the user id (the same on every page)."""
        return self.user_id % AVATAR_COLOURS


def person_of(user):
    """Return the Person of a User document."""
    return Person(user.user_id, user.first_name, user.last_name, user.role or "student")


def person(row):
    """Return a Person for a joined user row, or None when the join found nobody."""
    if not row or row.get("user_id") is None:
        return None
    return Person(row["user_id"], row.get("first_name", ""), row.get("last_name", ""), row.get("role") or "student")
