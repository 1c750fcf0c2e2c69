"""The API documentation at /api/v1/docs renders Swagger UI from the portal's own static files, under its strict
Content Security Policy."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_the_docs_page_loads_only_same_origin_assets(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    sources = re.findall(r'(?:src|href)="([^"]+)"', response.text)
    assert "/static/swagger-ui/swagger-ui-bundle.js" in sources
    assert "/static/swagger-ui/swagger-ui.css" in sources
    assert all(source.startswith("/") and not source.startswith("//") for source in sources), sources


def test_the_docs_page_has_no_inline_script(client):
    html = client.get("/api/v1/docs").text
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, flags=re.S)
    executable = [body for attributes, body in scripts if 'type="application/json"' not in attributes]
    assert scripts and all(body.strip() == "" for body in executable)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_swagger_ui_renders_without_a_csp_violation(live_server, page):
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.goto(f"{live_server.url}/api/v1/docs")
    page.locator(".swagger-ui .opblock").first.wait_for(timeout=15_000)
    assert page.locator(".swagger-ui .info .title").inner_text().startswith("Frivillig Helsingør")
    assert [text for text in console if "Content Security Policy" in text] == []
