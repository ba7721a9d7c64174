"""Terms, one term's catalog and one course, as the viewer may see them."""
from flask_smorest import Blueprint

from ..courses import services
from .operations import actor, kept_json, operation
from .schemas import CatalogQuerySchema, CatalogSchema, CourseSchema, TermsSchema

bp = Blueprint("api-courses", __name__, url_prefix="/api/v1",
               description="The catalog term by term; a token adds whether the viewer is enrolled.")


@operation(bp, "/terms", "GET", response=TermsSchema)
def terms():
    """List the terms that have courses, in chronological order."""
    return {"terms": services.terms()}


@operation(bp, "/courses", "GET", response=CatalogSchema, auth="optional", query=CatalogQuerySchema,
           errors=(404,))
def catalog(args):
    """One term's courses (default: the newest term) by courseID, searched and paginated, with seats left."""
    page = services.catalog(actor(), args.get("term"), args["q"], args["page"], args["per_page"])
    return kept_json(page.basis(), page, CatalogSchema)


@operation(bp, "/courses/<course_id:course_id>", "GET", response=CourseSchema, auth="optional", errors=(404,))
def course(course_id):
    """One course with its instructor, seats left and what the viewer can do about it."""
    return services.course_info(actor(), course_id)
