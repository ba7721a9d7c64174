"""The interactive API docs render offline from the vendored Swagger UI, within the site's CSP."""
from playwright.sync_api import expect

from tests.e2e.conftest import shoot


def test_api_docs_list_every_operation_without_breaking_the_csp(page, server):
    elsewhere = []
    page.on("request", lambda request: None if request.url.startswith((server, "data:"))
            else elsewhere.append(request.url))
    response = page.goto("/api/v1/docs")
    assert "default-src 'self'" in response.headers["content-security-policy"]
    expect(page.get_by_role("heading", name="Enrollment API", level=1)).to_be_visible()
    spec = page.request.get("/api/v1/openapi.json").json()
    expected = sum(1 for ops in spec["paths"].values() for method in ops if method != "parameters")
    operations = page.locator(".opblock")
    expect(operations).to_have_count(expected)
    for path in ("/api/v1/auth/tokens", "/api/v1/courses", "/api/v1/me/enrollments"):
        expect(page.locator(f".opblock-summary-path[data-path='{path}']").first).to_be_visible()
    page.locator(".opblock-summary-path[data-path='/api/v1/terms']").click()
    expect(page.get_by_text("List the terms that have courses").first).to_be_visible()
    page.get_by_role("button", name="Try it out").click()
    page.get_by_role("button", name="Execute").click()
    expect(page.locator(".live-responses-table td.response-col_status:not(.col_header)").first).to_have_text("200")
    expect(page.locator(".live-responses-table").get_by_text("Fall 2026").first).to_be_visible()
    shoot(page, "api-docs")
    assert elsewhere == [], f"the docs fetched from outside the site: {elsewhere}"
