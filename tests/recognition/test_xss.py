"""Known cross-site scripting payloads in story titles and bodies and in thanks must never survive rendering."""

import json
import xml.etree.ElementTree as ET
from html import unescape
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from portal.markdown import ALLOWED_TAGS, render_markdown
from tests.factories.recognition import StoryFactory, ThanksFactory

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    '<a href="javascript:alert(1)">klik</a>',
    "[klik](javascript:alert(1))",
    "[klik](JaVaScRiPt:alert(1))",
    "[klik](javascript&#58;alert(1))",
    "![billede](javascript:alert(1))",
    '<iframe src="javascript:alert(1)"></iframe>',
    "<body onload=alert(1)>",
    '"><script>alert(1)</script>',
    "</script><script>alert(1)</script>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    "<details open ontoggle=alert(1)>",
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<form action="javascript:alert(1)"><button>x</button></form>',
    "<input autofocus onfocus=alert(1)>",
    '<a href="&#106;avascript:alert(1)">x</a>',
    "<scr<script>ipt>alert(1)</script>",
    '<a href=" javascript:alert(1)">x</a>',
    '<video><source onerror="alert(1)"></video>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<!--<img src="--><img src=x onerror=alert(1)//">',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<a href='javas\tcript:alert(1)'>x</a>",
    '<style>@import "javascript:alert(1)";</style>',
    "{{ request }}{% debug %}",
]

DANGEROUS_TAGS = {"iframe", "object", "embed", "base", "svg", "math", "frame", "frameset", "applet", "style", "video"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "poster", "background"}


class PageScanner(HTMLParser):
    """Collects everything on a page that could run script."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.json_ld: list[str] = []
        self._in_json_ld = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script":
            if attributes.get("type") == "application/ld+json":
                self._in_json_ld = True
            elif not (attributes.get("src") or "").startswith("/static/"):
                self.problems.append(f"script {attrs}")
        if tag in DANGEROUS_TAGS:
            self.problems.append(f"tag {tag}")
        if tag == "meta" and "http-equiv" in attributes:
            self.problems.append("meta http-equiv")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"event attribute {name} on {tag}")
            if name == "style":
                self.problems.append(f"style attribute on {tag}")
            if name in URL_ATTRIBUTES and value:
                # As a browser does: trim control characters and spaces, and drop tabs and newlines anywhere.
                url = unescape(value).strip("".join(chr(c) for c in range(33)))
                url = url.replace("\t", "").replace("\n", "").replace("\r", "").lower()
                if url.startswith(("javascript:", "vbscript:", "data:")):
                    self.problems.append(f"{name}={value} on {tag}")

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld.append(data)

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_json_ld = False


def scan(html: str) -> PageScanner:
    scanner = PageScanner()
    scanner.feed(html)
    scanner.close()
    return scanner


def test_the_corpus_is_large_enough():
    assert len(PAYLOADS) >= 20


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markdown_keeps_only_the_allowed_subset(payload):
    html = str(render_markdown(f"Indledning\n\n{payload}\n\nSlut"))

    scanner = scan(html)
    assert scanner.problems == []
    allowed = set(ALLOWED_TAGS)
    tags = set()

    class Tags(HTMLParser):
        def handle_starttag(self, tag, attrs):
            tags.add(tag)

    Tags().feed(html)
    assert tags <= allowed, tags - allowed


@pytest.mark.django_db
def test_no_payload_survives_the_story_pages(client):
    stories = [
        StoryFactory(
            title=f"Titel {payload}"[:160], teaser=f"Teaser {payload}", body=f"Tekst\n\n{payload}", featured=True
        )
        for payload in PAYLOADS
    ]
    list_url = reverse("recognition:story-list")
    pages = [f"{list_url}?side={number}" for number in (1, 2, 3)] + [reverse("home")]

    for url in pages + [story.get_absolute_url() for story in stories]:
        response = client.get(url)
        assert response.status_code == 200
        html = response.content.decode()
        assert scan(html).problems == [], url
        for payload in PAYLOADS:
            if "<" in payload:
                assert payload not in html, (url, payload)

    for story in stories:
        # The title reaches the JSON-LD intact as data, without breaking out of its script element.
        detail = scan(client.get(story.get_absolute_url()).content.decode())
        assert json.loads("".join(detail.json_ld))["headline"] == story.title[:110]


@pytest.mark.django_db
@pytest.mark.parametrize("payload", PAYLOADS)
def test_no_payload_survives_the_feed(client, payload):
    story = StoryFactory(title=f"Titel {payload}"[:160], teaser=f"Teaser {payload}")

    feed = ET.fromstring(client.get(reverse("recognition:story-feed")).content)

    atom = "{http://www.w3.org/2005/Atom}"
    entry = feed.find(f"{atom}entry")
    # Feed readers receive the title as text, exactly as written, never as markup.
    assert entry.find(f"{atom}title").text == story.title
    assert entry.find(f"{atom}summary").text == story.teaser


@pytest.mark.django_db
def test_no_payload_survives_thanks(client):
    for payload in PAYLOADS:
        ThanksFactory(recipient=f"Til {payload}"[:150], message=f"Tak {payload}"[:500])
    thanks_url = reverse("recognition:thanks-list")

    for url in (f"{thanks_url}?side=1", f"{thanks_url}?side=2", reverse("recognition:award-list")):
        html = client.get(url).content.decode()
        assert scan(html).problems == [], url
        for payload in PAYLOADS:
            if "<" in payload:
                assert payload not in html, (url, payload)
