"""The OpenAPI document and the interactive docs: Swagger UI from vendored files, started by a static script."""
from flask import Blueprint, current_app, render_template, url_for

from .spec import openapi_json

bp = Blueprint("api-docs", __name__, url_prefix="/api/v1")


@bp.route("/openapi.json")
def spec():
    """Serve the OpenAPI 3 document."""
    return current_app.response_class(openapi_json(), mimetype="application/json")


@bp.route("/docs")
def docs():
    """Show Swagger UI for the OpenAPI document."""
    return render_template("api/docs.html", spec_url=url_for("api-docs.spec"))
