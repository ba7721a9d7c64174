"""What the registration rules look at, read fresh: the course, its term, the student's enrollments."""
from flask import current_app

from ..core import clock
from ..core.store import collection_of
from ..courses.models import Course, Term, UnknownCourse
from ..courses.terms import known_terms
from .pipelines import student_enrollments
from .rules import first_refusal

FETCH = object()
RULE_FIELDS = ("courseID", "title", "term", "credits", "meetings", "prerequisites", "instructor_id", "capacity",
               "enrolled", "waiting", "archived")


def course_for_rules(course_id):
    """Return the course fields the rules and seats need, or raise UnknownCourse."""
    course = collection_of(Course).find_one({"courseID": course_id}, projection={name: 1 for name in RULE_FIELDS})
    if course is None:
        raise UnknownCourse(course_id)
    return course


def term_named(name):
    """Return the term document of a term name, or None when the term has none (always open)."""
    return Term.objects(name=name).first()


def credit_limit():
    """Return the most credits a student may take in one term."""
    return current_app.config["MAX_CREDITS_PER_TERM"]


def refusal_for(user_id, course, rows=None, term=FETCH, term_order=None, now=None):
    """Return the first rule that keeps the student out of the course now, or None.

    `rows` (the student's enrollments), `term`, the term order and the time may be given when the
    caller has them already (a page asks for every course it shows).
    """
    term_order = known_terms() if term_order is None else term_order
    rows = student_enrollments(user_id, term_order) if rows is None else rows
    term = term_named(course["term"]) if term is FETCH else term
    return first_refusal(course, term, rows, term_order, now or clock.utcnow(), credit_limit())
