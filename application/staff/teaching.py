"""The instructor's side: the courses they teach by term, and each course's roster."""
from ..accounts.roles import Permission, can, oversees
from ..core.checks import search_text
from ..core.errors import Forbidden
from ..core.paging import Page
from ..courses.models import SEARCH_MAX, Course, UnknownCourse, free_seats, require_course_id
from ..courses.terms import chronological
from . import roster as rosters

ROSTER_FIELDS = ("courseID", "title", "term", "credits", "capacity", "enrolled", "waiting", "instructor_id",
                 "archived")


def my_courses(actor):
    """Return [(term, courses)] of the courses the actor teaches, terms oldest first, each with seats_left."""
    if not can(actor, Permission.TEACH):
        raise Forbidden("Only instructors have courses to teach.")
    courses = list(Course.objects.taught_by(actor.user_id).only(*ROSTER_FIELDS))
    by_term = {}
    for course in courses:
        by_term.setdefault(course.term, []).append(course)
    return [(term, by_term[term]) for term in chronological(by_term)]


def course_overseen(actor, course_id):
    """Return the course when the actor may see its roster (its instructor, administrators), else raise."""
    course = Course.objects(courseID=require_course_id(course_id)).only(*ROSTER_FIELDS).first()
    if course is None:
        raise UnknownCourse(course_id)
    if not oversees(actor, course, Permission.TEACH):
        raise Forbidden("Only the course's instructor and administrators see its roster.")
    return course


def roster(actor, course_id, name="", page_number=1, per_page=25):
    """Return (course, rows, Page, seats_left) of one page of a course's roster, searched by name."""
    course = course_overseen(actor, course_id)
    name = search_text(name, SEARCH_MAX)
    page = Page(page_number, per_page)
    rows, page.total = rosters.roster_page(course.courseID, name, page.skip, page.per_page)
    page.require_exists()
    return course, rows, page, free_seats(course.capacity, course.enrolled)


def roster_csv(actor, course_id):
    """Return (course, a generator of CSV text) of a course's whole roster."""
    course = course_overseen(actor, course_id)
    return course, rosters.roster_csv(course.courseID)
