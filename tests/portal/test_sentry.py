"""Error reports go to a Sentry-compatible service without personal data.

A real sentry-sdk transport sends to a small HTTP server in the test that records what arrives, as Sentry or
GlitchTip would receive it.
"""

import gzip
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import sentry_sdk

from portal.sentry import sentry_init

pytestmark = pytest.mark.django_db


class _Recorder(BaseHTTPRequestHandler):
    received: list[bytes]

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        encoding = self.headers.get("Content-Encoding")
        if encoding == "gzip":
            body = gzip.decompress(body)
        elif encoding == "br":
            # The SDK compresses with Brotli when the module is installed, as a real server accepts.
            import brotli

            body = brotli.decompress(body)
        self.server.received.append(body)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


@pytest.fixture
def sentry_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    server.received = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    sentry_init(dsn=f"http://publickey@127.0.0.1:{server.server_port}/1", environment="test", release="")
    yield server
    sentry_sdk.get_client().close()
    sentry_sdk.get_global_scope().set_client(None)
    server.shutdown()


def test_an_error_in_a_view_is_reported_without_personal_data(sentry_server, client, user, settings):
    settings.ROOT_URLCONF = "tests.deploy.urls"
    client.raise_request_exception = False
    client.force_login(user)
    response = client.post(
        "/deploy-test/fail?q=anna+jensen",
        # The view searches for the name before it fails, which leaves it in the SQL the breadcrumbs would show.
        {"email": "anna.jensen@example.org", "message": "my secret story", "search": "Jensen"},
        HTTP_COOKIE="sessionid=abc",
    )
    assert response.status_code == 500
    sentry_sdk.flush(timeout=5)

    sent = b"".join(sentry_server.received).decode()
    assert "RuntimeError" in sent
    assert "could not notify [email]" in sent
    assert "/deploy-test/fail" in sent
    for personal in ["anna.jensen@example.org", "my secret story", "anna", "Jensen", user.email, "sessionid"]:
        assert personal not in sent
    assert '"user"' not in sent
