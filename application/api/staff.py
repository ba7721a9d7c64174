"""Staff: the instructor's courses and rosters, course management and pinning posts (the site's staff rules)."""
from flask import current_app
from flask_smorest import Blueprint

from ..courses import services as catalog
from ..discussion import moderation
from ..staff import courses, teaching
from .operations import actor, no_content, operation
from .schemas import CourseSchema
from .staff_schemas import CourseChangesSchema, NewCourseSchema, RosterSchema, SearchQuerySchema, TeachingSchema

bp = Blueprint("api-staff", __name__, url_prefix="/api/v1",
               description="Instructors: their courses and rosters; administrators: every course. Pinning posts.")


@operation(bp, "/teaching", "GET", response=TeachingSchema, auth="required", errors=(403,))
def teaching_courses():
    """The courses the signed-in instructor teaches, by term (oldest first), with enrolled and capacity."""
    return {"terms": [{"term": term, "courses": taught} for term, taught in teaching.my_courses(actor())]}


@operation(bp, "/courses/<course_id:course_id>/roster", "GET", response=RosterSchema, auth="required",
           query=SearchQuerySchema, errors=(400, 403, 404))
def roster(args, course_id):
    """One page of a course's students by last then first name, searched by name (its instructor, admins)."""
    course, rows, page, seats_left = teaching.roster(actor(), course_id, args["q"], args["page"],
                                                     current_app.config["ROSTER_PER_PAGE"])
    return {"courseID": course.courseID, "seats_left": seats_left, "items": rows, "pagination": page}


@operation(bp, "/courses", "POST", status=201, response=CourseSchema, auth="required", body=NewCourseSchema,
           limits=("writes",), errors=(403, 422))
def create(fields):
    """Create a course (administrators); its fields are checked as `flask seed` checks courses.json."""
    course = courses.create_course(actor(), fields)
    return catalog.course_info(actor(), course.courseID)


@operation(bp, "/courses/<course_id:course_id>", "PATCH", response=CourseSchema, auth="required",
           body=CourseChangesSchema, limits=("writes",), errors=(403, 404, 422))
def edit(changes, course_id):
    """Change a course: administrators any field, its instructor description, capacity and meetings.

    Capacity never goes below the students enrolled; raising it gives the new seats to the waitlist.
    """
    courses.edit_course(actor(), course_id, changes)
    return catalog.course_info(actor(), course_id)


@operation(bp, "/courses/<course_id:course_id>", "DELETE", status=204, auth="required", limits=("writes",),
           errors=(403, 404, 409))
def delete(course_id):
    """Delete a course nobody is enrolled in or waiting for (administrators); 409 in_use otherwise."""
    courses.delete_course(actor(), course_id)
    return no_content()


@operation(bp, "/courses/<course_id:course_id>/archive", "PUT", status=204, auth="required", limits=("writes",),
           errors=(403, 404))
def archive(course_id):
    """Archive a course: hidden from the catalog, closed to enrollment, its records kept (administrators)."""
    courses.set_archived(actor(), course_id, True)
    return no_content()


@operation(bp, "/courses/<course_id:course_id>/archive", "DELETE", status=204, auth="required",
           limits=("writes",), errors=(403, 404))
def restore(course_id):
    """Bring an archived course back to the catalog (administrators)."""
    courses.set_archived(actor(), course_id, False)
    return no_content()


@operation(bp, "/posts/<object_id:post_id>/pin", "PUT", status=204, auth="required", limits=("writes",),
           errors=(403, 404))
def pin(post_id):
    """Pin a post to the top of its board, replacing any pinned one (the course's instructor, admins)."""
    moderation.pin_post(actor(), post_id, True)
    return no_content()


@operation(bp, "/posts/<object_id:post_id>/pin", "DELETE", status=204, auth="required", limits=("writes",),
           errors=(403, 404))
def unpin(post_id):
    """Unpin a post (the course's instructor, admins)."""
    moderation.pin_post(actor(), post_id, False)
    return no_content()

