"""Enrollment services: enroll, join and leave a waitlist, drop, and a student's own registration."""
from dataclasses import dataclass

from ..core import clock, stamps
from ..core.errors import Conflict, Forbidden, NotFound
from ..courses.models import require_course_id
from ..courses.terms import date_phase, known_terms, term_dates
from . import seats, waitlist
from .lease import student_lease
from .models import Enrollment
from .permissions import enroll_barrier
from .pipelines import credits_by_term, held_now, schedule_of, student_enrollments
from .rules import drop_refusal
from .standing import course_for_rules, refusal_for, term_named
from ..core.wording import ordinal


@dataclass(frozen=True)
class Done:
    """A completed request: its code (enrolled, waitlisted, dropped, left), the course and what to tell."""

    code: str
    course_id: str
    message: str


@dataclass
class Registration:
    """A student's own page: per term (name, rows, credits, the refusal of a drop or None); their lines.

    `basis` is what it shows follows from, read fresh (the catalog stamp, the courses the student
    holds, their lines and the phase of the terms' dates), so a page made from it can be kept for the next.
    """

    terms: list
    waitlist: list
    basis: tuple = ()


def _admit(actor, course_id):
    """Check who the actor is, that the course exists, and every rule; return the course (lease held)."""
    course = course_for_rules(course_id)
    barrier = enroll_barrier(actor, course)
    if barrier:
        raise Forbidden(barrier[1], code=barrier[0])
    rows = student_enrollments(actor.user_id, known_terms())
    if any(row["courseID"] == course_id for row in rows):
        raise Conflict(f"You are already enrolled in {course_id}.", code="already_enrolled")
    waitlist.refuse_if_waiting(actor.user_id, course_id)
    refusal = refusal_for(actor.user_id, course, rows)
    if refusal:
        raise Conflict(refusal.message, code=refusal.code)
    return course


def _checked(actor, course_id, doing):
    """Return the course ID when it is well formed and the actor signed in, else raise."""
    course_id = require_course_id(course_id)
    if not actor.is_authenticated:
        raise Forbidden(f"Log in to {doing}.", code="sign_in")
    return course_id


def _seated(actor, course_id):
    """Apply every rule, then take a free seat for the student; return True when seated (the lease is held)."""
    _admit(actor, course_id)
    return seats.take_seat(course_id) and seats.seat_student(actor.user_id, course_id)


def enroll(actor, course_id):
    """Enroll the acting student in a course; return Done or raise the rule that refuses (with its code)."""
    course_id = _checked(actor, course_id, "enroll in courses")
    with student_lease(actor.user_id):
        if _seated(actor, course_id):
            return Done("enrolled", course_id, f"You are enrolled in {course_id}.")
    raise Conflict(f"{course_id} is full: no seats are left. Join the waitlist to get the next free seat.",
                   code="full")


def join_waitlist(actor, course_id):
    """Enroll the student when a seat is free for them, else put them in line; return Done saying which."""
    course_id = _checked(actor, course_id, "join waitlists")
    with student_lease(actor.user_id):
        seated = _seated(actor, course_id)
        if not seated:
            waitlist.queue(actor.user_id, course_id)
    if not seated:  # a seat may have freed while the student joined; promotion takes their lease itself
        seated = bool(waitlist.promote(course_id)) and Enrollment.objects.holds(actor.user_id, course_id)
    if seated:
        return Done("enrolled", course_id, f"A seat was free: you are enrolled in {course_id}.")
    position = waitlist.place_in_line(actor.user_id, course_id)
    return Done("waitlisted", course_id, f"You are on the waitlist of {course_id}, {ordinal(position)} in line.")


def leave_waitlist(actor, course_id):
    """Take the student off a course's waitlist."""
    course_id = _checked(actor, course_id, "leave waitlists")
    waitlist.leave(actor.user_id, course_id)
    return Done("left", course_id, f"You left the waitlist of {course_id}.")


def drop(actor, course_id):
    """Drop a course before its term's drop deadline; the freed seat goes to the first in line."""
    course_id = _checked(actor, course_id, "drop courses")
    if not Enrollment.objects.holds(actor.user_id, course_id):
        raise NotFound(f"You are not enrolled in {course_id}.", code="not_enrolled")
    course = course_for_rules(course_id)
    refusal = drop_refusal(term_named(course["term"]), course_id, clock.utcnow())
    if refusal:
        raise Conflict(refusal.message, code=refusal.code)
    if seats.drop(actor.user_id, course_id) is not seats.Outcome.DROPPED:
        raise NotFound(f"You are not enrolled in {course_id}.", code="not_enrolled")
    if course.get("waiting"):  # a student joining meanwhile hands out free seats themselves (join_waitlist)
        waitlist.promote(course_id)
    return Done("dropped", course_id, f"You dropped {course_id}.")


def my_enrollments(actor):
    """Return the actor's enrollments as [(term, rows, credits)], terms in order, rows by courseID, and their
    basis: what they follow from, read fresh (the catalog stamp and each course held, with when)."""
    if not actor.is_authenticated:
        raise Forbidden("Log in to see your enrollments.", code="sign_in")
    held = held_now(actor.user_id)
    return credits_by_term(schedule_of(actor.user_id, held)), (stamps.read(stamps.CATALOG), tuple(held))


def my_registration(actor):
    """Return the student's Registration: each term with its rows, credits and whether drops are closed."""
    groups, (stamp, held) = my_enrollments(actor)
    dates, now = term_dates(), clock.utcnow()
    terms = [(name, rows, credits, drop_refusal(dates.get(name), "a course", now)) for name, rows, credits in groups]
    lines = waitlist.my_waitlist(actor.user_id)
    shown_lines = tuple((row["courseID"], row.get("title"), row.get("term"), row["position"]) for row in lines)
    basis = (stamp, tuple(course_id for course_id, _ in held), shown_lines, date_phase(now))
    return Registration(terms, lines, basis)


def my_waitlist(actor):
    """Return the lines the student waits in, with their place in each."""
    if not actor.is_authenticated:
        raise Forbidden("Log in to see your waitlists.", code="sign_in")
    return waitlist.my_waitlist(actor.user_id)
