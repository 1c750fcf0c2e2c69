"""The portal behind the nginx configuration shipped in deploy/nginx, run by a real nginx on a local port.

The server block is written here (no TLS, a free port, paths in a temporary directory); everything inside it is
deploy/nginx/portal-locations.conf, the file deploy/nginx/frivillig.conf includes in production. The upstream is
pytest-django's live server in this process, started once for the module: the tests only read, so they run in a
rolled-back transaction rather than emptying the database after each one, as the `live_server` fixture would.
"""

import datetime as dt
import http.client
import json
import socket
import subprocess
import time
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from pytest_django.live_server_helper import LiveServer

from dialogue.validators import MINUTES_MAX_BYTES
from grants.attachments import MAX_ATTACHMENT_SIZE
from tests.conftest import NGINX
from tests.factories.facilities import FacilityPhotoFactory

pytestmark = [pytest.mark.nginx, pytest.mark.django_db]

DEPLOY = django_settings.BASE_DIR / "deploy" / "nginx"

CONFIG = """
daemon off;
master_process off;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path {tmp}/client_body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    upstream frivillig_portal {{ server {upstream}; }}
    server {{
        listen 127.0.0.1:{port};
        server_tokens off;
        set $frivillig_media_root {media};
        set $frivillig_app {app};
        include {locations};
    }}
}}
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def portal_server(django_db_setup):
    server = LiveServer("localhost")
    yield server
    server.stop()


@pytest.fixture(scope="module")
def nginx(portal_server, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("nginx")
    media = tmp / "media"
    media.mkdir()
    port = _free_port()
    config = tmp / "nginx.conf"
    config.write_text(
        CONFIG.format(
            tmp=tmp,
            port=port,
            upstream=portal_server.url.removeprefix("http://"),
            media=media,
            app=django_settings.BASE_DIR,
            locations=DEPLOY / "portal-locations.conf",
        )
    )
    process = subprocess.Popen([NGINX, "-p", str(tmp), "-c", str(config), "-e", str(tmp / "error.log")])
    try:
        for _ in range(100):
            if process.poll() is not None:
                pytest.fail(f"nginx did not start: {(tmp / 'error.log').read_text()}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
                break
            except OSError:
                time.sleep(0.05)
        yield {"port": port, "media": media}
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def proxied(nginx, settings):
    settings.MEDIA_ROOT = nginx["media"]
    settings.ROOT_URLCONF = "tests.deploy.urls"
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    return nginx


def _request(
    port: int, method: str, path: str, body: bytes | None = None, headers: dict | None = None, source: str = ""
):
    connection = http.client.HTTPConnection(
        "127.0.0.1", port, timeout=30, source_address=(source, 0) if source else None
    )
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def _multipart(size: int) -> tuple[bytes, str]:
    boundary = "frivillig-test-boundary"
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="bilag.pdf"\r\n'
            "Content-Type: application/pdf\r\n\r\n"
        ).encode()
        + b"%PDF-"
        + b"0" * size
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return body, f"multipart/form-data; boundary={boundary}"


def test_pages_keep_the_portals_security_headers(proxied):
    status, headers, body = _request(proxied["port"], "GET", "/")
    assert status == 200
    assert b"Frivillig Helsing" in body
    assert headers["content-security-policy"].startswith("default-src 'self'")
    assert headers["x-frame-options"] == "DENY"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["server"] == "nginx"


def test_an_uploaded_picture_is_served_with_its_type_and_the_media_policy(proxied):
    # Stored through the facility photo's own field and storage, where and as an upload is kept.
    photo = FacilityPhotoFactory()
    status, headers, body = _request(proxied["port"], "GET", photo.image.url)
    assert status == 200
    assert body == (proxied["media"] / photo.image.name).read_bytes()
    assert headers["content-type"] == "image/jpeg"
    assert headers["content-security-policy"] == "default-src 'none'"
    assert headers["x-content-type-options"] == "nosniff"


def test_media_is_never_served_as_html_or_svg(proxied):
    for name in ["stories/page.html", "stories/drawing.svg", "stories/page.htm"]:
        stored = default_storage.save(name, ContentFile(b"<svg xmlns='http://www.w3.org/2000/svg'></svg>"))
        status, headers, _ = _request(proxied["port"], "GET", f"/media/{stored}")
        assert status == 200
        assert headers["content-type"] == "application/octet-stream", name
        assert headers["content-security-policy"] == "default-src 'none'"


def test_private_is_never_served(proxied):
    status, _, body = _request(proxied["port"], "GET", "/private/grants/bilag.pdf")
    assert status == 404
    assert b"Frivillig" not in body


def test_a_file_of_the_largest_allowed_size_reaches_the_portal(proxied):
    body, content_type = _multipart(max(MAX_ATTACHMENT_SIZE, MINUTES_MAX_BYTES))
    status, _, _ = _request(proxied["port"], "POST", "/accounts/login/", body, {"Content-Type": content_type})
    # The portal read the form and refused it for its missing CSRF token: nginx let it through.
    assert status == 403


def test_an_oversized_upload_gets_the_portals_413_page(proxied):
    body, content_type = _multipart(13 * 1024 * 1024)
    status, headers, page = _request(proxied["port"], "POST", "/accounts/login/", body, {"Content-Type": content_type})
    assert status == 413
    assert headers["content-type"].startswith("text/html")
    text = page.decode()
    assert "Filen er for stor" in text
    assert "The file is too large" in text
    assert "10 MB" in text


def test_the_rate_limits_count_the_address_nginx_passed_on(proxied):
    # The client connects from 127.0.0.2 and nginx from 127.0.0.1, so the portal can only know the client's address
    # from nginx. A client's own X-Forwarded-For and X-Forwarded-Proto must not decide what the portal believes.
    status, _, body = _request(
        proxied["port"],
        "GET",
        "/deploy-test/client-address",
        headers={"X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "https"},
        source="127.0.0.2",
    )
    assert status == 200
    assert json.loads(body) == {"address": "127.0.0.2", "secure": False}


def test_the_413_page_names_the_largest_file_the_portal_accepts():
    # The page is static HTML shown before the portal sees the request, so it states the limit itself.
    largest = max(MAX_ATTACHMENT_SIZE, MINUTES_MAX_BYTES) // (1024 * 1024)
    page = Path(django_settings.BASE_DIR / "static" / "errors" / "413.html").read_text()
    assert f"{largest} MB" in page


def _self_signed_certificate(certificate: Path, key: Path) -> None:
    # cryptography comes with allauth's MFA; the openssl program need not be installed.
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    private_key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "frivillig.example.org")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(private_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=1))
        .sign(private_key, hashes.SHA256())
    )
    certificate.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key.write_bytes(
        private_key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )


def test_the_tls_site_is_a_valid_nginx_configuration(tmp_path):
    # The shipped site file with its certificate, log and include paths pointed into a temporary directory;
    # `nginx -t` reads and checks everything without binding a port.
    _self_signed_certificate(tmp_path / "fullchain.pem", tmp_path / "privkey.pem")
    site = (DEPLOY / "frivillig.conf").read_text()
    for shipped, local in [
        ("/etc/ssl/frivillig/", f"{tmp_path}/"),
        ("/var/log/nginx/", f"{tmp_path}/"),
        ("/etc/nginx/frivillig/portal-locations.conf", str(DEPLOY / "portal-locations.conf")),
    ]:
        assert shipped in site
        site = site.replace(shipped, local)
    (tmp_path / "site.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{\ninclude /etc/nginx/mime.types;\ninclude {tmp_path}/site.conf;\n}}\n"
    )
    result = subprocess.run(
        [NGINX, "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf"), "-e", str(tmp_path / "error.log")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
