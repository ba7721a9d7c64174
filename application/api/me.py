"""The signed-in account and its enrollments: see, enroll, drop."""
from flask_smorest import Blueprint

from ..enrollment import services
from .operations import actor, kept_json, no_content, operation
from .registration_schemas import QueuedSchema, WaitlistSchema
from .schemas import EnrollmentSchema, EnrollmentsSchema, EnrollSchema, MeSchema

bp = Blueprint("api-me", __name__, url_prefix="/api/v1/me",
               description="The signed-in account and its enrollments (the rules of the site's pages).")


@operation(bp, "", "GET", response=MeSchema, auth="required")
def me():
    """The signed-in account (never its password)."""
    return actor()


@operation(bp, "/enrollments", "GET", response=EnrollmentsSchema, auth="required", errors=(403,))
def enrollments():
    """My enrollments by term (chronological), then courseID, with the credits of each term."""
    groups, basis = services.my_enrollments(actor())
    return kept_json(basis, {"terms": [{"term": term, "courses": rows, "credits": credits}
                                       for term, rows, credits in groups]}, EnrollmentsSchema)


@operation(bp, "/enrollments", "POST", status=201, response=EnrollmentSchema, auth="required",
           body=EnrollSchema, limits=("writes",), errors=(403, 404, 409))
def enroll(choice):
    """Enroll in a course: 409 with the reason (full, already_enrolled, already_waiting, window_closed,
    time_conflict, credit_limit, prerequisite), 403 for staff accounts."""
    return services.enroll(actor(), choice["courseID"])


@operation(bp, "/enrollments/<course_id:course_id>", "DELETE", status=204, auth="required",
           limits=("writes",), errors=(403, 404, 409))
def drop(course_id):
    """Drop a course: 404 with reason not_enrolled when not enrolled in it, 409 drop_deadline after the deadline."""
    services.drop(actor(), course_id)
    return no_content()


@operation(bp, "/waitlist", "GET", response=WaitlistSchema, auth="required", errors=(403,))
def waitlists():
    """The lines I wait in, with my place in each."""
    return {"items": services.my_waitlist(actor())}


@operation(bp, "/waitlist", "POST", status=201, response=QueuedSchema, auth="required", body=EnrollSchema,
           limits=("writes",), errors=(403, 404, 409))
def join_waitlist(choice):
    """Take a free seat if one is mine, else join the line: 409 with the rule's reason when a rule refuses."""
    return services.join_waitlist(actor(), choice["courseID"])


@operation(bp, "/waitlist/<course_id:course_id>", "DELETE", status=204, auth="required",
           limits=("writes",), errors=(403, 404))
def leave_waitlist(course_id):
    """Leave a course's line: 404 with reason not_waiting when not in it."""
    services.leave_waitlist(actor(), course_id)
    return no_content()
