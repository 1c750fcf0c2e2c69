from portal.markdown import render_markdown


def test_it_keeps_formatting():
    html = render_markdown("## Overskrift\n\n- **fed** og *kursiv*\n- [link](mailto:a@example.org)")

    assert "<h2>Overskrift</h2>" in html
    assert "<strong>fed</strong>" in html
    assert '<a href="mailto:a@example.org" rel="noopener noreferrer">link</a>' in html


def test_it_removes_raw_html_that_could_run():
    html = render_markdown('<script>alert(1)</script><iframe src="x"></iframe><a href="javascript:x" onclick="y">z</a>')

    assert "<script" not in html
    assert "<iframe" not in html
    assert "javascript:" not in html
    assert "onclick" not in html
