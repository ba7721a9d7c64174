"""Enrollment services: enroll, drop, and a student's own courses by term."""
from dataclasses import dataclass

from ..core.errors import Conflict, Forbidden, NotFound
from ..courses.models import FEW_SEATS, Course, UnknownCourse, free_seats, require_course_id
from ..courses.terms import known_terms
from . import seats
from .permissions import enroll_action, enroll_barrier
from .pipelines import credits_by_term, student_enrollments
from .seats import Outcome

MESSAGES = {
    Outcome.ENROLLED: "You are enrolled in {course}.",
    Outcome.DROPPED: "You dropped {course}.",
    Outcome.FULL: "{course} is full: no seats are left.",
    Outcome.ALREADY_ENROLLED: "You are already enrolled in {course}.",
    Outcome.NOT_ENROLLED: "You are not enrolled in {course}.",
}
REFUSALS = {Outcome.FULL: Conflict, Outcome.ALREADY_ENROLLED: Conflict, Outcome.NOT_ENROLLED: NotFound}


@dataclass(frozen=True)
class Done:
    """A completed enroll or drop: its code, the course and what to tell the student."""

    code: str
    course_id: str
    message: str


def _settle(outcome, course_id):
    """Return Done for a success, raise the matching domain error for a refusal."""
    if outcome is Outcome.UNKNOWN_COURSE:
        raise UnknownCourse(course_id)
    message = MESSAGES[outcome].format(course=course_id)
    if outcome in REFUSALS:
        raise REFUSALS[outcome](message, code=outcome.value)
    return Done(outcome.value, course_id, message)


def enroll(actor, course_id):
    """Enroll the acting user in a course; return Done or raise why not."""
    course_id, course = require_course_id(course_id), None
    if actor.is_authenticated and actor.is_staff:
        course = Course.objects(courseID=course_id).only("instructor_id").first()
    barrier = enroll_barrier(actor, course)
    if barrier:
        raise Forbidden(barrier[1], code=barrier[0])
    return _settle(seats.enroll(actor.user_id, course_id), course_id)


def drop(actor, course_id):
    """Drop a course the acting user is enrolled in; return Done or raise why not."""
    course_id = require_course_id(course_id)
    if not actor.is_authenticated:
        raise Forbidden("Log in to drop courses.", code="sign_in")
    return _settle(seats.drop(actor.user_id, course_id), course_id)


def my_enrollments(actor):
    """Return the actor's enrollments as [(term, rows, credits)], terms in order, rows by courseID."""
    if not actor.is_authenticated:
        raise Forbidden("Log in to see your enrollments.", code="sign_in")
    rows = student_enrollments(actor.user_id, known_terms())
    return credits_by_term(rows)


def with_seats(course, viewer, enrolled):
    """Add seats_left, full, few_seats and the viewer's action to a course row (and return it)."""
    course["seats_left"] = free_seats(course.get("capacity"), course.get("enrolled"))
    course["full"] = course["seats_left"] == 0
    course["few_seats"] = 0 < course["seats_left"] <= FEW_SEATS
    course["action"] = enroll_action(viewer, course, enrolled, course["full"])
    return course
