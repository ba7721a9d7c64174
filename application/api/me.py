"""The signed-in account and its enrollments: see, enroll, drop."""
from flask_smorest import Blueprint

from ..enrollment import services
from .operations import actor, no_content, operation
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
    return {"terms": [{"term": term, "courses": rows, "credits": credits}
                      for term, rows, credits in services.my_enrollments(actor())]}


@operation(bp, "/enrollments", "POST", status=201, response=EnrollmentSchema, auth="required",
           body=EnrollSchema, limits=("writes",), errors=(403, 404, 409))
def enroll(choice):
    """Enroll in a course: 409 with reason full or already_enrolled, 403 for staff accounts."""
    return services.enroll(actor(), choice["courseID"])


@operation(bp, "/enrollments/<course_id:course_id>", "DELETE", status=204, auth="required",
           limits=("writes",), errors=(403, 404))
def drop(course_id):
    """Drop a course: 404 with reason not_enrolled when the student is not enrolled in it."""
    services.drop(actor(), course_id)
    return no_content()
