"""The OpenAPI spec: valid OpenAPI 3, complete, and honoured by every response under property-based fuzzing."""
import pytest
import schemathesis
from bson import ObjectId
from hypothesis import HealthCheck, settings

from application import create_app, database
from application.discussion.models import Post
from tests.api_support import ApiActions
from tests.conftest import make_config

SPEC = "/api/v1/openapi.json"


def _operations(spec):
    return {(method.upper(), path) for path, item in spec["paths"].items() for method in item if method != "parameters"}


def test_the_spec_is_valid_openapi_3(app):
    spec = app.test_client().get(SPEC).get_json()
    assert spec["openapi"].startswith("3.")
    schemathesis.openapi.from_dict(spec).validate()


def test_every_api_route_is_in_the_spec_with_its_errors(app):
    spec = app.test_client().get(SPEC).get_json()
    routes = set()
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("api") and not rule.endpoint.startswith("api-docs."):
            path = rule.rule.replace("<course_id:course_id>", "{course_id}").replace("<object_id:post_id>", "{post_id}")
            path = path.replace("<user_id:user_id>", "{user_id}")
            routes |= {(method, path) for method in rule.methods - {"HEAD", "OPTIONS"}}
    assert routes == _operations(spec) and len(routes) == 37
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method == "parameters":
                continue
            assert operation["summary"] and "500" in operation["responses"], (method, path)
            if operation.get("security") and {} not in operation["security"]:
                assert "401" in operation["responses"], (method, path)
            if "requestBody" in operation:
                assert {"400", "413", "415", "422"} <= set(operation["responses"]), (method, path)
    responses = spec["components"]["responses"]
    assert "WWW-Authenticate" in responses["UNAUTHORIZED"]["headers"]
    assert "Retry-After" in responses["TOO_MANY_REQUESTS"]["headers"]
    assert spec["components"]["schemas"]["SignIn"]["additionalProperties"] is False
    assert spec["components"]["schemas"]["PostChanges"]["minProperties"] == 1


def test_the_docs_page_uses_vendored_files_and_no_inline_code(app):
    html = app.test_client().get("/api/v1/docs").get_data(as_text=True)
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in html and "/static/api-docs.js" in html
    assert "<script>" not in html and "style=" not in html and "<style" not in html and "http" not in html.split(
        "<body>")[1].replace('href="/api/v1/openapi.json"', "")
    for name in ("swagger-ui-bundle.js", "swagger-ui.css", "LICENSE", "VERSION"):
        assert app.test_client().get(f"/static/vendor/swagger-ui/{name}").status_code == 200


def _spec():
    """Return the spec as an app serves it (the spec does not depend on the data)."""
    app = create_app(make_config())
    database.disconnect()
    return app.test_client().get(SPEC).get_json()


fuzzed = schemathesis.openapi.from_dict(_spec())


@pytest.fixture
def signed_in(app, make):
    """Data to find and a fresh-token maker for its student (a case may well revoke the token before).

    The course and the post carry the ids the spec gives as examples, so generated requests reach
    real documents as well as missing ones.
    """
    student = make.user(email="fuzz@example.edu")
    course = make.course("CS101-F26", capacity=40)
    make.enroll(make.user(), make.course("FULL-F26", capacity=1))
    make.enroll(student, course)
    for n in range(3):
        make.post(student, course, title=f"post {n}")
    Post(id=ObjectId("6a1f00000000000000000001"), courseID="CS101-F26", user_id=student.user_id, title="Mine",
         body="Example").save(force_insert=True)
    caller = ApiActions(app.test_client())
    return lambda: caller.tokens("fuzz@example.edu")["access_token"]


@fuzzed.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck), database=None)
def test_fuzzing_the_spec_finds_no_server_error_and_no_response_off_its_schema(case, app, signed_in, monkeypatch):
    monkeypatch.setattr(case.operation.schema, "app", app)
    case.call_and_validate(app=app, headers={"Authorization": f"Bearer {signed_in()}"})
