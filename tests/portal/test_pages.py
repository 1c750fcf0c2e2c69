import re

import pytest

pytestmark = pytest.mark.django_db

PAGES = ["/", "/om/", "/tilgaengelighed/", "/privatliv/", "/accounts/login/", "/accounts/signup/"]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_exists_in_danish_and_english(client, path):
    danish = client.get(path)
    english = client.get(f"/en{path}")
    assert danish.status_code == english.status_code == 200
    assert '<html lang="da">' in danish.text
    assert '<html lang="en">' in english.text


@pytest.mark.parametrize("path", PAGES)
def test_the_language_switcher_keeps_the_page(client, path):
    danish = client.get(path).text
    english = client.get(f"/en{path}").text
    assert re.search(rf'<a href="/en{re.escape(path)}" hreflang="en"', danish)
    assert re.search(rf'<a href="{re.escape(path)}" hreflang="da"', english)


def test_the_layout_has_a_skip_link_and_the_footer_links(client):
    html = client.get("/").text
    assert '<a class="skipnav" href="#main-content">Gå til sidens indhold</a>' in html
    assert 'id="main-content"' in html
    for text in ("Tilgængelighedserklæring", "Privatliv og databeskyttelse", "Om frivillighedspolitikken", "Kontakt"):
        assert text in html


def test_the_about_page_explains_the_policy(client):
    html = client.get("/om/").text
    for focus_area in (
        "Smidig administration",
        "Synlighed og anerkendelse",
        "Kendskab og dialog",
        "Inddragelse",
    ):
        assert focus_area in html
    assert "Smooth administration" in client.get("/en/om/").text


def test_the_privacy_page_says_no_consent_cookies_are_set(client):
    assert "ingen cookies til statistik eller markedsføring" in client.get("/privatliv/").text


def test_the_privacy_page_names_the_cookies_and_says_the_map_loads_on_request(client):
    text = client.get("/privatliv/").text
    assert "<code>sessionid</code>" in text
    assert "<code>csrftoken</code>" in text
    assert "først når du trykker på »Vis kort«" in text


def test_the_front_page_sets_no_cookies_for_an_anonymous_visitor(client):
    assert not client.get("/").cookies


@pytest.mark.parametrize(
    ("path", "text"), [("/findes-ikke/", "Vi kunne ikke finde siden"), ("/en/nope/", "We could not find the page")]
)
def test_a_missing_page_is_friendly_in_both_languages(client, path, text):
    response = client.get(path)
    assert response.status_code == 404
    assert text in response.text


def test_the_server_error_page_renders_in_both_languages(rf):
    from django.utils import translation

    from portal.views import server_error

    with translation.override("en"):
        response = server_error(rf.get("/en/"))
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()
    response = server_error(rf.get("/"))
    assert "Der gik noget galt" in response.content.decode()


def test_page_titles_name_the_page_and_the_portal(client):
    assert "<title>Om portalen · Frivillig Helsingør</title>" in client.get("/om/").text
    assert "<title>Frivillig Helsingør</title>" in client.get("/").text
