"""What a page offers a viewer for each course: seats, the button, and the rule that would stop them.

The rules are the enroll service's own (rules.py through standing.py), applied before the click to
what the page read once: the student's enrollments, the lines they wait in, the term's dates.
"""
import functools

from ..accounts.roles import Permission
from ..core import clock
from ..core.wording import counted, ordinal
from ..courses.models import FEW_SEATS, free_seats
from ..courses.terms import date_phase, known_terms, term_dates
from .models import Enrollment
from .permissions import enroll_barrier, person_barrier
from .pipelines import held_now, schedule_of
from .standing import refusal_for
from .waitlist import my_waitlist


class Viewing:
    """One viewer's registration as a page needs it, read once per page."""

    def __init__(self, viewer):
        self.viewer = viewer
        self.student = viewer.can(Permission.ENROLL)
        self.held = held_now(viewer.user_id) if self.student else []
        self.waiting = {row["courseID"]: row["position"] for row in my_waitlist(viewer.user_id)} \
            if self.student else {}
        self.person = person_barrier(viewer) if viewer.is_authenticated else None
        self.now = clock.utcnow()  # one moment for the whole page: its rules and its basis
        self._terms = None  # the terms' dates and order, read when a rule first needs them

    @functools.cached_property
    def rows(self):
        """Return a student's enrollments joined to their courses (what the rules look at), when first needed."""
        return schedule_of(self.viewer.user_id, self.held) if self.student else []

    def holds(self, course_id):
        """Return whether a student viewer is enrolled in the course, or None when the page must ask."""
        if not self.student:
            return None
        return any(held_id == course_id for held_id, _ in self.held)

    def taken_among(self, course_ids):
        """Return the courseIDs among course_ids the viewer is enrolled in (a read only for a non-student)."""
        if self.student:
            return {held_id for held_id, _ in self.held}
        if not self.viewer.is_authenticated:
            return set()
        return Enrollment.objects.taken_among(self.viewer.user_id, course_ids)

    def refusal(self, course):
        """Return the rule that would keep the viewer out of the course now, or None."""
        if self._terms is None:
            self._terms = (term_dates(), known_terms())
        dates, order = self._terms
        return refusal_for(self.viewer.user_id, course, self.rows, dates.get(course["term"]), order, self.now)

    def basis(self):
        """Return what the offers to this viewer follow from, read fresh: who they are as far as the rules
        care, what they hold, the lines they wait in and the phase of the terms' dates (not the text)."""
        if not self.student:
            return (self.student, self.person)
        return (self.student, self.person, tuple(course_id for course_id, _ in self.held),
                tuple(sorted(self.waiting.items())), date_phase(self.now))


def annotate(course, viewing, enrolled):
    """Add seats_left, full, few_seats, position, and the viewer's action and hint to a course row."""
    course["seats_left"] = free_seats(course.get("capacity"), course.get("enrolled"))
    course["full"] = course["seats_left"] == 0
    course["few_seats"] = 0 < course["seats_left"] <= FEW_SEATS
    course["position"] = viewing.waiting.get(course["courseID"])
    course["action"], course["hint"] = _offer(course, viewing, enrolled)
    return course


def _offer(course, viewing, enrolled):
    """Return (action, hint): drop, enroll, waitlist, waiting, blocked, full, login, teaching or None."""
    if enrolled:
        return "drop", None
    barrier = enroll_barrier(viewing.viewer, course, viewing.person)
    code = barrier[0] if barrier else None
    if code == "sign_in":
        return ("full" if course["full"] else "login"), None
    if code:
        return ("teaching" if code == "teaching" else None), None
    if course["position"]:
        return "waiting", f"You are {ordinal(course['position'])} in line."
    refusal = viewing.refusal(course)
    if refusal:
        return "blocked", refusal.message
    if course["full"] or course.get("waiting"):
        line = course.get("waiting") or 0
        waiting = f": {counted(line, 'student')} waiting" if line else ""
        return "waitlist", f"No seat is free{waiting}."
    return "enroll", None
