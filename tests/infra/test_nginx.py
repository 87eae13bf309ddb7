"""The shipped nginx site (infra/vm/kollega.nginx.conf) for real: Debian's nginx with a self-signed
certificate in front of a real `kollega serve`, read over HTTPS (HTTP/1.1 and HTTP/2)."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import ssl
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from backend.settings import REPO_ROOT
from tests.auth.fake_entra_keys import CLIENT_ID, TENANT, USER_OID, KeyServer, SigningKey, entra_claims, sign
from tests.conftest import ServerProcess, free_port
from tests.tls import write_self_signed

# Debian installs nginx in /usr/sbin, which a non-root PATH may leave out.
NGINX = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")
pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(NGINX is None, reason="nginx is not installed (apt-get install nginx)"),
]

SITE = REPO_ROOT / "infra" / "vm" / "kollega.nginx.conf"
TEXT = "Hej! Styrgruppen möts på torsdag kl. 13 i Halmstad. Ta med budgetförslaget och frågorna om bemanningen."
LIMIT = 1_048_576  # KOLLEGA_MAX_BODY_BYTES and the site's client_max_body_size 1m


@dataclass(frozen=True)
class Certificate:
    cert: Path
    key: Path


def make_certificate(folder: Path) -> Certificate:
    """A self-signed certificate for 127.0.0.1 and localhost."""
    paths = Certificate(folder / "fullchain.pem", folder / "privkey.pem")
    write_self_signed(paths.cert, paths.key)
    return paths


def render_site(backend_port: int, https_port: int, http_port: int, certificate: Certificate, access_log: Path,
                extra: dict[str, str] | None = None) -> str:
    """The shipped site file with this test's ports and paths. Every line replaced must still be there,
    so the test keeps exercising the shipped file rather than quietly testing something else."""
    text = SITE.read_text()
    replacements = {
        "server 127.0.0.1:8000;": f"server 127.0.0.1:{backend_port};",
        "listen 443 ssl http2;": f"listen 127.0.0.1:{https_port} ssl http2;",
        "listen [::]:443 ssl http2;": "",
        "listen 80;": f"listen 127.0.0.1:{http_port};",
        "listen [::]:80;": "",
        "/etc/ssl/kollega/fullchain.pem": str(certificate.cert),
        "/etc/ssl/kollega/privkey.pem": str(certificate.key),
        "/var/log/nginx/kollega.access.log": str(access_log),
        **(extra or {}),
    }
    for old, new in replacements.items():
        assert old in text, f"{SITE.name} no longer contains {old!r}: update render_site() to match"
        text = text.replace(old, new)
    return text


class Nginx:
    """Debian's nginx as this test's own master process, with a temporary prefix and configuration."""

    def __init__(self, prefix: Path, site: str) -> None:
        self.prefix = prefix
        prefix.mkdir(parents=True, exist_ok=True)
        self.error_log = prefix / "error.log"
        self.body_temp = prefix / "client_body"
        (prefix / "kollega.conf").write_text(site)
        # As root, nginx would run its workers as `nobody`, who can't enter pytest's private temp folders.
        user = "user root root;\n" if os.geteuid() == 0 else ""
        temp_paths = "".join(
            f"    {kind}_temp_path {prefix / name};\n"
            for kind, name in (("client_body", "client_body"), ("proxy", "proxy"), ("fastcgi", "fastcgi"),
                               ("uwsgi", "uwsgi"), ("scgi", "scgi"))
        )
        (prefix / "nginx.conf").write_text(
            f"{user}worker_processes 1;\nerror_log {self.error_log} info;\n"
            "events { worker_connections 256; }\n"
            "http {\n    default_type application/octet-stream;\n"
            f"{temp_paths}    include {prefix / 'kollega.conf'};\n}}\n"
        )
        assert NGINX is not None
        self.command = [NGINX, "-p", str(prefix), "-c", str(prefix / "nginx.conf"),
                        "-g", f"daemon off; pid {prefix / 'nginx.pid'};"]
        check = subprocess.run([*self.command[:-2], "-t"], capture_output=True, text=True)
        assert check.returncode == 0, check.stderr
        self.process = subprocess.Popen(self.command, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)

    def wait_listening(self, port: int, timeout: float = 10) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"nginx exited with {self.process.returncode}:\n{self.read_error_log()}")
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
                return
            time.sleep(0.05)
        raise RuntimeError(f"nginx not listening on {port}:\n{self.read_error_log()}")

    def read_error_log(self) -> str:
        return self.error_log.read_text(errors="replace") if self.error_log.exists() else ""

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)  # graceful: finish what is in flight
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)


@dataclass
class Stack:
    server: ServerProcess
    nginx: Nginx
    certificate: Certificate
    base: str
    http_base: str
    access_log: Path
    token: str

    def client(self, http2: bool = False) -> httpx.Client:
        context = ssl.create_default_context(cafile=str(self.certificate.cert))
        return httpx.Client(base_url=self.base, verify=context, http2=http2, timeout=30)


def start_nginx(prefix: Path, backend_port: int, certificate: Certificate,
                extra: dict[str, str] | None = None) -> tuple[Nginx, int, int, Path]:
    https_port, http_port = free_port(), free_port()
    access_log = prefix / "access.log"
    site = render_site(backend_port, https_port, http_port, certificate, access_log, extra)
    nginx = Nginx(prefix, site)
    nginx.wait_listening(https_port)
    return nginx, https_port, http_port, access_log


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory, tiny_model: Path) -> Iterator[Stack]:
    folder = tmp_path_factory.mktemp("nginx")
    # Behind a proxy Kollega runs with Entra ID sign-in (dev mode refuses proxies): Entra's keys come from a
    # local key server, and the test signs the user's token with them.
    keys, key = KeyServer(), SigningKey()
    keys.publish(key)
    # A slowed-down model, so a stream lasts long enough to see whether its events arrive one by one.
    server = ServerProcess(folder / "instance", tiny_model, KOLLEGA_TRUSTED_PROXIES="1",
                           KOLLEGA_AUTH_MODE="entra", KOLLEGA_ENTRA_TENANT_ID=TENANT, KOLLEGA_ENTRA_CLIENT_ID=CLIENT_ID,
                           KOLLEGA_ENTRA_AUTHORITY_HOST=keys.url,
                           KOLLEGA_ENGINE_STEP_DELAY_MS="15", KOLLEGA_MAX_OUTPUT_TOKENS="160")
    nginx: Nginx | None = None
    try:
        server.wait_ready()
        certificate = make_certificate(folder / "tls")
        nginx, https_port, http_port, access_log = start_nginx(folder / "prefix", server.port, certificate)
        token = sign(entra_claims(keys.url, TENANT, CLIENT_ID, USER_OID), key)
        yield Stack(server, nginx, certificate, f"https://127.0.0.1:{https_port}", f"http://127.0.0.1:{http_port}",
                    access_log, token)
    finally:
        if nginx is not None:
            nginx.stop()
        server.stop()
        keys.close()


@dataclass
class TimedEvent:
    name: str
    data: dict[str, object]
    at: float


def stream_summary(client: httpx.Client, token: str) -> tuple[httpx.Response, list[TimedEvent]]:
    headers = {"Authorization": f"Bearer {token}", "Accept": "text/event-stream"}
    events: list[TimedEvent] = []
    with client.stream("POST", "/api/v1/summarize", json={"text": TEXT, "length": "long"}, headers=headers) as response:
        assert response.status_code == 200, response.read()
        name = ""
        for line in response.iter_lines():
            if line.startswith("event: "):
                name = line[7:]
            elif line.startswith("data: ") and name:
                events.append(TimedEvent(name, json.loads(line[6:]), time.monotonic()))
                name = ""
    return response, events


def assert_incremental(events: list[TimedEvent]) -> None:
    names = [event.name for event in events]
    assert names[0] == "meta" and names[-1] == "done", names
    deltas = [event for event in events if event.name == "delta"]
    assert len(deltas) >= 3, names
    # With the model slowed to 15 ms a step and deltas flushed every 0.2 s, an unbuffered stream spreads
    # its deltas over more than a second. A buffering proxy would hand them all over at the end, together.
    assert events[-1].at - deltas[0].at > 0.6, [round(e.at - events[0].at, 3) for e in events]


def test_streams_a_summary_incrementally_over_http1(stack: Stack) -> None:
    with stack.client() as client:
        response, events = stream_summary(client, stack.token)
    assert response.http_version == "HTTP/1.1"
    assert response.headers["content-type"].startswith("text/event-stream")
    assert_incremental(events)


def test_streams_a_summary_incrementally_over_http2(stack: Stack) -> None:
    with stack.client(http2=True) as client:
        response, events = stream_summary(client, stack.token)
    assert response.http_version == "HTTP/2"
    assert_incremental(events)


def test_http2_is_negotiated_with_curl(stack: Stack) -> None:
    if shutil.which("curl") is None:
        pytest.skip("curl is not installed")
    result = subprocess.run(
        ["curl", "--silent", "--http2", "--cacert", str(stack.certificate.cert), "--output", "/dev/null",
         "--write-out", "%{http_version}", f"{stack.base}/healthz"],
        capture_output=True, text=True, timeout=30,
    )
    assert result.stdout == "2", result.stderr


def test_a_buffering_proxy_would_be_caught(stack: Stack, tmp_path: Path) -> None:
    """The control for the two tests above: the same site with buffering on (and the app's
    X-Accel-Buffering header ignored) delivers the deltas late, and assert_incremental says so."""
    buffering = {"        proxy_buffering off;\n":
                 "        proxy_buffering on;\n        proxy_ignore_headers X-Accel-Buffering;\n"}
    nginx, https_port, _, _ = start_nginx(tmp_path / "buffering", stack.server.port, stack.certificate, buffering)
    try:
        context = ssl.create_default_context(cafile=str(stack.certificate.cert))
        with httpx.Client(base_url=f"https://127.0.0.1:{https_port}", verify=context, timeout=30) as client:
            _, events = stream_summary(client, stack.token)
        with pytest.raises(AssertionError):
            assert_incremental(events)
    finally:
        nginx.stop()


def test_security_headers_are_sent_once_on_app_answers(stack: Stack) -> None:
    with stack.client() as client:
        response = client.post("/api/v1/redact", json={"text": TEXT},
                               headers={"Authorization": f"Bearer {stack.token}"})
    assert response.status_code == 200
    assert response.headers.get_list("Strict-Transport-Security") == ["max-age=63072000"]
    assert response.headers.get_list("X-Content-Type-Options") == ["nosniff"]
    assert response.headers.get_list("Referrer-Policy") == ["no-referrer"]


def test_task_pane_keeps_the_apps_frame_ancestors(stack: Stack) -> None:
    with stack.client() as client:
        response = client.get("/taskpane/taskpane.html")
    assert response.status_code == 200
    assert "frame-ancestors" in response.headers["Content-Security-Policy"]
    assert "https://*.office.com" in response.headers["Content-Security-Policy"]
    assert "X-Frame-Options" not in response.headers  # Office must be able to frame the pane
    assert response.headers["Strict-Transport-Security"]


def test_a_body_over_the_limit_gets_413_from_nginx(stack: Stack) -> None:
    log_before = stack.server.read_log()
    body = b'{"text": "' + b"a" * (LIMIT - 11) + b'"}'  # LIMIT + 1 bytes
    assert len(body) == LIMIT + 1
    with stack.client() as client:
        response = client.post("/api/v1/summarize", content=body, headers={
            "Authorization": f"Bearer {stack.token}", "Content-Type": "application/json"})
    assert response.status_code == 413
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["code"] == "too_large"
    assert response.headers["Strict-Transport-Security"] and response.headers["X-Content-Type-Options"] == "nosniff"
    # nginx answered: the app never saw the request.
    assert stack.server.read_log().count(" 413 ") == log_before.count(" 413 ")


def test_a_body_at_the_limit_reaches_the_app_and_never_touches_disk(stack: Stack) -> None:
    body = b'{"text": "' + b"a" * (LIMIT - 12) + b'"}'  # exactly LIMIT bytes
    assert len(body) == LIMIT
    with stack.client() as client:
        response = client.post("/api/v1/summarize", content=body, headers={
            "Authorization": f"Bearer {stack.token}", "Content-Type": "application/json"})
    # Past nginx; the app then refuses a text longer than KOLLEGA_MAX_TEXT_CHARS by itself.
    assert response.status_code == 422, response.text
    assert response.json()["code"] != "too_large"
    # client_body_buffer_size keeps bodies (the user's unmasked text) in memory, never in a temp file.
    assert not any(path.is_file() for path in stack.nginx.body_temp.rglob("*"))
    assert "buffered to a temporary file" not in stack.nginx.read_error_log()


def test_a_dropped_client_stops_its_generation_through_nginx(stack: Stack) -> None:
    def cancelled() -> float:
        text = httpx.get(f"{stack.server.url}/metrics", timeout=5).text
        for line in text.splitlines():
            if line.startswith('kollega_engine_requests_total{outcome="cancelled"}'):
                return float(line.split()[-1])
        return 0.0

    before = cancelled()
    headers = {"Authorization": f"Bearer {stack.token}", "Accept": "text/event-stream"}
    with stack.client() as client, client.stream("POST", "/api/v1/rewrite", json={"text": TEXT * 3, "goal": "formal"},
                                                 headers=headers) as response:
        for line in response.iter_lines():
            if line == "event: delta":
                break  # hang up mid-stream
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and cancelled() <= before:
        time.sleep(0.1)
    assert cancelled() == before + 1


def test_plain_http_redirects_to_https(stack: Stack) -> None:
    response = httpx.get(f"{stack.http_base}/taskpane/", timeout=10)
    assert response.status_code == 301
    assert response.headers["Location"].startswith("https://") and response.headers["Location"].endswith("/taskpane/")


def test_metrics_answer_the_local_network(stack: Stack) -> None:
    with stack.client() as client:
        response = client.get("/metrics")
    assert response.status_code == 200 and "kollega_engine_ready" in response.text


def test_access_log_leaves_out_query_strings(stack: Stack) -> None:
    with stack.client() as client:
        assert client.get("/healthz", params={"access_token": "CANARY-4711"}).status_code == 200
    time.sleep(0.2)
    log = stack.access_log.read_text()
    assert "/healthz" in log and "CANARY-4711" not in log


def test_an_unreachable_app_is_a_503_problem_with_retry_after(stack: Stack, tmp_path: Path) -> None:
    nothing_listens = free_port()
    nginx, https_port, _, _ = start_nginx(tmp_path / "dead", nothing_listens, stack.certificate)
    try:
        context = ssl.create_default_context(cafile=str(stack.certificate.cert))
        response = httpx.get(f"https://127.0.0.1:{https_port}/api/v1/openapi.json", verify=context, timeout=10)
    finally:
        nginx.stop()
    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["Retry-After"] == "10"
    assert response.json()["code"] == "engine_unavailable"
    assert response.headers["Strict-Transport-Security"]


def test_tls_allows_only_modern_protocols_and_ciphers(stack: Stack) -> None:
    port = int(stack.base.rsplit(":", 1)[1])

    def handshake(context: ssl.SSLContext) -> str | None:
        context.load_verify_locations(cafile=str(stack.certificate.cert))
        with socket.create_connection(("127.0.0.1", port), timeout=5) as raw, \
                context.wrap_socket(raw, server_hostname="localhost") as tls:
            return tls.version()

    assert handshake(ssl.create_default_context()) == "TLSv1.3"
    tls12 = ssl.create_default_context()
    tls12.maximum_version = ssl.TLSVersion.TLSv1_2
    assert handshake(tls12) == "TLSv1.2"
    cbc_only = ssl.create_default_context()
    cbc_only.maximum_version = ssl.TLSVersion.TLSv1_2
    cbc_only.set_ciphers("ECDHE-ECDSA-AES128-SHA:ECDHE-ECDSA-AES256-SHA")  # CBC, no AEAD
    with pytest.raises(ssl.SSLError):
        handshake(cbc_only)
