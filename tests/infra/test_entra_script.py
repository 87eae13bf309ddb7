"""infra/entra/register_app.py against a local stand-in for Microsoft Graph v1.0 that keeps the rules Entra
enforces (an enabled scope can't be removed; a pre-authorization must point at an existing scope; keys are
never returned; PATCH of keyCredentials replaces the list) and refuses to be searched by display name."""

from __future__ import annotations

import base64
import json
import os
import stat
import subprocess
import sys
import threading
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from cryptography import x509

from backend.graph.obo import load_certificate
from backend.settings import REPO_ROOT

SCRIPT = REPO_ROOT / "infra" / "entra" / "register_app.py"
HOST = "kollega.example.se"
TENANT_ID = "66666666-7777-8888-9999-000000000000"
GRAPH = "00000003-0000-0000-c000-000000000000"
MAIL_READ = "570282fd-fa5c-430d-a7fd-fc8dc98a9dca"
USER_READ = "e1fe6dd8-ba31-4d61-89e7-88639da4683d"
MAIL_READ_SHARED = "7b9103a5-4610-446b-9670-80643382c1fa"
OFFICE_ALL = "ea5a67f6-b6f3-4338-b240-c655ddc3cc8e"
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:kollega:entra")
SCOPE_ID = str(uuid.uuid5(NAMESPACE, "oauth2PermissionScope:access_as_user"))
ROLE_ID = str(uuid.uuid5(NAMESPACE, "appRole:Kollega.Admin"))
DEFAULT_ACCESS = "00000000-0000-0000-0000-000000000000"
GROUP = "aaaaaaaa-1111-2222-3333-444444444444"
ADMINS = "bbbbbbbb-1111-2222-3333-444444444444"
OWNER = "cccccccc-1111-2222-3333-444444444444"


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != "GRAPH_ACCESS_TOKEN"}
    environment.update(env or {})
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=120,
                          env=environment)


class FakeGraph:
    """Just enough of Microsoft Graph v1.0 for the script, with Entra's rules that the script must respect."""

    def __init__(self) -> None:
        self.apps: dict[str, dict[str, Any]] = {}
        self.principals: dict[str, dict[str, Any]] = {}
        self.assignments: dict[str, list[dict[str, Any]]] = {}
        self.owners: dict[str, list[str]] = {}
        self.uploaded_keys: dict[str, list[str]] = {}
        self.log: list[tuple[str, str]] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def add(self, app: dict[str, Any]) -> dict[str, Any]:
        app = {"id": str(uuid.uuid4()), "appId": str(uuid.uuid4()), "displayName": "Kollega", "identifierUris": [],
               "appRoles": [], "signInAudience": "AzureADMyOrg", "keyCredentials": [],
               "api": {"oauth2PermissionScopes": [], "preAuthorizedApplications": []}, "spa": {"redirectUris": []},
               "web": {"redirectUris": []}, "requiredResourceAccess": [], **app}
        self.apps[app["id"]] = app
        self.normalise(app)
        return app

    @staticmethod
    def normalise(app: dict[str, Any]) -> None:
        """Graph adds fields of its own to what it stores, e.g. `origin` on every scope and role."""
        for entry in [*app["api"].get("oauth2PermissionScopes", []), *app.get("appRoles", [])]:
            entry.setdefault("origin", "Application")

    def app(self, app_id: str) -> dict[str, Any]:
        return next(a for a in self.apps.values() if a["appId"] == app_id)

    def principal(self, app_id: str) -> dict[str, Any]:
        return next(p for p in self.principals.values() if p["appId"] == app_id)

    def writes(self) -> list[tuple[str, str]]:
        return [(method, path) for method, path in self.log if method != "GET"]

    def _find_app(self, path: str) -> dict[str, Any] | None:
        if path.startswith("/v1.0/applications(appId='"):
            app_id = path.split("'")[1]
            return next((a for a in self.apps.values() if a["appId"] == app_id), None)
        parts = path.split("?")[0].split("/")
        return self.apps.get(parts[3]) if len(parts) > 3 else None

    def _check(self, app: dict[str, Any] | None, body: dict[str, Any]) -> str | None:
        old_api = (app or {}).get("api") or {}
        api = body.get("api")
        if api is not None:
            new_ids = {s["id"] for s in api.get("oauth2PermissionScopes", [])}
            for scope in old_api.get("oauth2PermissionScopes", []):
                if scope.get("isEnabled") and scope["id"] not in new_ids:
                    return "Permission (scope or role) cannot be deleted or updated unless disabled first."
            existing_ids = {s["id"] for s in old_api.get("oauth2PermissionScopes", [])}
            for entry in api.get("preAuthorizedApplications", []):
                if not set(entry["delegatedPermissionIds"]) <= existing_ids:
                    return "Property PreAuthorizedApplication references a permission that does not exist."
        if "appRoles" in body:
            new_ids = {r["id"] for r in body["appRoles"]}
            for role in (app or {}).get("appRoles", []):
                if role.get("isEnabled") and role["id"] not in new_ids:
                    return "Permission (scope or role) cannot be deleted or updated unless disabled first."
        for credential in body.get("keyCredentials", []):
            try:
                x509.load_der_x509_certificate(base64.b64decode(credential["key"]))
            except ValueError:
                return "Key credential is not a valid certificate."
        return None

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        graph = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def _answer(self, status: int, body: Any = None) -> None:
                data = json.dumps(body).encode() if body is not None else b""
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _error(self, status: int, message: str) -> None:
                self._answer(status, {"error": {"code": "Request_BadRequest", "message": message}})

            def _body(self) -> dict[str, Any]:
                length = int(self.headers.get("Content-Length", "0"))
                data: dict[str, Any] = json.loads(self.rfile.read(length)) if length else {}
                return data

            def _start(self) -> str | None:
                path = unquote(self.path)
                graph.log.append((self.command, path))
                if self.headers.get("Authorization") != "Bearer test-token":
                    self._error(401, "no token")
                    return None
                return path

            def do_GET(self) -> None:
                path = self._start()
                if path is None:
                    return
                parts = urlsplit(path)
                query = parse_qs(parts.query).get("$filter", [""])[0]
                segments = parts.path.split("/")
                if parts.path == "/v1.0/applications":
                    if "displayName" in query:
                        return self._error(400, "this stand-in refuses display-name lookups: they find the wrong app")
                    uri = query.split("'")[1]
                    return self._answer(200, {"value": [
                        {**a, "keyCredentials": [dict(k, key=None) for k in a["keyCredentials"]]}
                        for a in graph.apps.values() if uri in a["identifierUris"]]})
                if parts.path == "/v1.0/servicePrincipals":
                    app_id = query.split("'")[1]
                    return self._answer(200, {"value": [p for p in graph.principals.values()
                                                        if p["appId"] == app_id]})
                if len(segments) == 5 and segments[2] == "servicePrincipals" and segments[4] == "appRoleAssignedTo":
                    return self._answer(200, {"value": graph.assignments.get(segments[3], [])})
                if len(segments) == 5 and segments[4] == "owners":
                    return self._answer(200, {"value": [{"id": o} for o in graph.owners.get(segments[3], [])]})
                if (app := graph._find_app(parts.path)) is not None:
                    # Graph never returns a key credential's key.
                    hidden = [dict(k, key=None) for k in app["keyCredentials"]]
                    return self._answer(200, {**app, "keyCredentials": hidden})
                self._error(404, "not found")

            def do_POST(self) -> None:
                path = self._start()
                if path is None:
                    return
                body = self._body()
                segments = path.split("/")
                if path == "/v1.0/applications":
                    if problem := graph._check(None, body):
                        return self._error(400, problem)
                    return self._answer(201, graph.add(body))
                if path == "/v1.0/servicePrincipals":
                    principal = {"id": str(uuid.uuid4()), "appId": body["appId"], "appRoleAssignmentRequired": False}
                    graph.principals[principal["id"]] = principal
                    return self._answer(201, principal)
                if path.endswith("/addPassword"):
                    end = body["passwordCredential"]["endDateTime"]
                    return self._answer(200, {"secretText": "s3cret-value", "endDateTime": end})
                if len(segments) == 5 and segments[4] == "appRoleAssignedTo":
                    principal = graph.principals[segments[3]]
                    roles = {r["id"] for r in graph.app(principal["appId"])["appRoles"]} | {DEFAULT_ACCESS}
                    if body["appRoleId"] not in roles or body["resourceId"] != segments[3]:
                        return self._error(400, "Permission being assigned was not found on application")
                    graph.assignments.setdefault(segments[3], []).append({"id": str(uuid.uuid4()), **body})
                    return self._answer(201, graph.assignments[segments[3]][-1])
                if len(segments) == 6 and segments[4] == "owners" and segments[5] == "$ref":
                    owner = body["@odata.id"].rsplit("/", 1)[1]
                    if owner in graph.owners.get(segments[3], []):
                        return self._error(400, "One or more added object references already exist")
                    graph.owners.setdefault(segments[3], []).append(owner)
                    return self._answer(204)
                self._error(404, "not found")

            def do_PATCH(self) -> None:
                path = self._start()
                if path is None:
                    return
                body = self._body()
                segments = path.split("/")
                if segments[2] == "servicePrincipals":
                    graph.principals[segments[3]].update(body)
                    return self._answer(204)
                app = graph._find_app(path)
                if app is None:
                    return self._error(404, "not found")
                if problem := graph._check(app, body):
                    return self._error(400, problem)
                if "keyCredentials" in body:
                    graph.uploaded_keys[app["appId"]] = [k["key"] for k in body["keyCredentials"]]
                app.update(body)
                graph.normalise(app)
                self._answer(204)

        return Handler


@pytest.fixture
def graph() -> Iterator[FakeGraph]:
    fake = FakeGraph()
    yield fake
    fake.close()


def register(graph: FakeGraph, *args: str) -> subprocess.CompletedProcess[str]:
    return run("--host", HOST, "--tenant-id", TENANT_ID, "--graph-url", graph.url, *args,
               env={"GRAPH_ACCESS_TOKEN": "test-token"})


def registered(graph: FakeGraph, *args: str) -> dict[str, Any]:
    result = register(graph, *args)
    assert result.returncode == 0, result.stderr
    output: dict[str, Any] = json.loads(result.stdout)
    return output


# --- a first run and re-runs --------------------------------------------------------------------------

def test_creates_the_whole_registration_and_its_service_principal(graph: FakeGraph) -> None:
    output = registered(graph)
    assert output["action"] == "created"
    [app] = graph.apps.values()
    client = app["appId"]
    assert output["clientId"] == client
    assert app["identifierUris"] == [f"api://{HOST}/{client}", f"api://{client}"]
    assert app["signInAudience"] == "AzureADMyOrg"
    assert app["api"]["requestedAccessTokenVersion"] == 2
    [scope] = app["api"]["oauth2PermissionScopes"]
    # Admin consent only: users cannot consent to Kollega themselves.
    assert scope == {**scope, "value": "access_as_user", "id": SCOPE_ID, "isEnabled": True, "type": "Admin"}
    for key in ("adminConsentDisplayName", "adminConsentDescription"):
        swedish, english = scope[key].split(" / ")
        assert swedish and english, key
    [role] = app["appRoles"]
    assert role == {**role, "id": ROLE_ID, "value": "Kollega.Admin", "allowedMemberTypes": ["User"]}
    assert app["spa"]["redirectUris"] == [f"brk-multihub://{HOST}", f"https://{HOST}/taskpane/taskpane.html",
                                          f"https://{HOST}/taskpane/auth-dialog.html"]
    assert app["web"]["redirectUris"] == [f"https://{HOST}/admin-consent"]
    assert app["requiredResourceAccess"] == [{"resourceAppId": GRAPH, "resourceAccess": [
        {"id": USER_READ, "type": "Scope"}, {"id": MAIL_READ, "type": "Scope"}]}]
    preauthorized = app["api"]["preAuthorizedApplications"]
    assert OFFICE_ALL in {entry["appId"] for entry in preauthorized}
    assert all(entry["delegatedPermissionIds"] == [SCOPE_ID] for entry in preauthorized)
    # The service principal exists and gives tokens only to assigned users and groups.
    assert graph.principal(client)["appRoleAssignmentRequired"] is True
    assert output["settings"] == {"KOLLEGA_ENTRA_TENANT_ID": TENANT_ID, "KOLLEGA_ENTRA_CLIENT_ID": client}


def test_admin_consent_url_is_v2_with_a_registered_redirect_and_the_scopes(graph: FakeGraph) -> None:
    output = registered(graph)
    client = output["clientId"]
    url = urlsplit(output["adminConsentUrl"])
    assert (url.scheme, url.netloc, url.path) == ("https", "login.microsoftonline.com",
                                                  f"/{TENANT_ID}/v2.0/adminconsent")
    query = {k: v[0] for k, v in parse_qs(url.query).items()}
    assert query["client_id"] == client
    assert query["redirect_uri"] in graph.app(client)["web"]["redirectUris"]
    assert query["scope"].split() == [f"api://{client}/access_as_user", "https://graph.microsoft.com/User.Read",
                                      "https://graph.microsoft.com/Mail.Read"]
    assert output["manifestCommand"] == (f"kollega manifest --base-url https://{HOST} --client-id {client} "
                                         "--out manifests --version 1.0.0 --publisher Kollega")


def test_a_re_run_by_client_id_changes_nothing_and_adds_nothing_twice(graph: FakeGraph) -> None:
    client = registered(graph, "--assign-group", GROUP, "--owner", OWNER)["clientId"]
    graph.log.clear()
    output = registered(graph, "--client-id", client, "--assign-group", GROUP, "--owner", OWNER)
    assert output["action"] == "updated" and output["changes"] == []
    assert graph.writes() == [], "a re-run with nothing to change sends no write"
    app = graph.app(client)
    assert len(app["spa"]["redirectUris"]) == 3 and len(app["identifierUris"]) == 2
    assert len(app["api"]["oauth2PermissionScopes"]) == 1 and len(app["appRoles"]) == 1
    assert len(graph.principals) == 1
    assert len(graph.assignments[graph.principal(client)["id"]]) == 1


def test_finds_the_registration_by_identifier_uri(graph: FakeGraph) -> None:
    existing = graph.add({"identifierUris": ["api://kollega.example.se/legacy"]})
    output = registered(graph, "--identifier-uri", "api://kollega.example.se/legacy")
    assert output["action"] == "updated" and output["clientId"] == existing["appId"]
    assert len(graph.apps) == 1


def test_never_looks_an_app_up_by_display_name(graph: FakeGraph) -> None:
    # Two unrelated apps called Kollega: a run without an id creates its own and touches neither.
    others = [graph.add({"displayName": "Kollega"}), graph.add({"displayName": "Kollega"})]
    before = [json.dumps(app, sort_keys=True) for app in others]
    output = registered(graph)
    assert output["action"] == "created" and len(graph.apps) == 3
    assert [json.dumps(app, sort_keys=True) for app in others] == before
    assert not [path for _, path in graph.log if "displayName" in path]


def test_an_unknown_client_id_or_identifier_uri_is_an_error(graph: FakeGraph) -> None:
    result = register(graph, "--client-id", str(uuid.uuid4()))
    assert result.returncode == 1 and "no app registration has the client id" in result.stderr
    result = register(graph, "--identifier-uri", "api://nowhere.example.se/x")
    assert result.returncode == 1 and "identifier URI" in result.stderr
    assert graph.writes() == []


def test_keeps_the_tenancy_unless_told(graph: FakeGraph) -> None:
    existing = graph.add({"signInAudience": "AzureADMultipleOrgs"})
    registered(graph, "--client-id", existing["appId"])
    assert graph.apps[existing["id"]]["signInAudience"] == "AzureADMultipleOrgs"
    registered(graph, "--client-id", existing["appId"], "--single-tenant")
    assert graph.apps[existing["id"]]["signInAudience"] == "AzureADMyOrg"
    registered(graph, "--client-id", existing["appId"], "--multi-tenant")
    assert graph.apps[existing["id"]]["signInAudience"] == "AzureADMultipleOrgs"


def test_keeps_what_others_added_and_reuses_a_hand_made_scope(graph: FakeGraph) -> None:
    hand_made = str(uuid.uuid4())
    existing = graph.add({
        "displayName": "Kollega (prod)",
        "identifierUris": ["api://legacy.example.se/x"],
        "spa": {"redirectUris": ["https://old.example.se/"]},
        "web": {"redirectUris": ["https://old.example.se/signin"]},
        "api": {"oauth2PermissionScopes": [
            {"id": hand_made, "value": "access_as_user", "isEnabled": True, "type": "User"},
            {"id": str(uuid.uuid4()), "value": "Reports.Read", "isEnabled": True, "type": "Admin"}],
            "preAuthorizedApplications": []},
        "requiredResourceAccess": [{"resourceAppId": GRAPH, "resourceAccess": [
            {"id": "37f7f235-527c-4136-accd-4a02d197296e", "type": "Scope"}]}],
    })
    registered(graph, "--client-id", existing["appId"])
    app = graph.apps[existing["id"]]
    assert app["displayName"] == "Kollega (prod)", "a registration someone renamed keeps its name"
    scopes = {s["value"]: s for s in app["api"]["oauth2PermissionScopes"]}
    assert set(scopes) == {"access_as_user", "Reports.Read"}
    assert scopes["access_as_user"]["id"] == hand_made  # never replaced, which Entra would refuse
    assert scopes["access_as_user"]["type"] == "Admin"
    assert all(e["delegatedPermissionIds"] == [hand_made] for e in app["api"]["preAuthorizedApplications"])
    assert "https://old.example.se/" in app["spa"]["redirectUris"]
    assert app["web"]["redirectUris"] == ["https://old.example.se/signin", f"https://{HOST}/admin-consent"]
    assert app["identifierUris"][0] == "api://legacy.example.se/x"
    [graph_access] = app["requiredResourceAccess"]
    assert {p["id"] for p in graph_access["resourceAccess"]} == {
        "37f7f235-527c-4136-accd-4a02d197296e", USER_READ, MAIL_READ}


def test_shared_mailboxes_add_mail_read_shared_only_when_asked(graph: FakeGraph) -> None:
    client = registered(graph)["clientId"]
    [access] = graph.app(client)["requiredResourceAccess"]
    assert MAIL_READ_SHARED not in {p["id"] for p in access["resourceAccess"]}, "least privilege by default"
    output = registered(graph, "--client-id", client, "--shared-mailboxes")
    [access] = graph.app(client)["requiredResourceAccess"]
    assert [p["id"] for p in access["resourceAccess"]] == [USER_READ, MAIL_READ, MAIL_READ_SHARED]
    scope = parse_qs(urlsplit(output["adminConsentUrl"]).query)["scope"][0].split()
    assert scope[-1] == "https://graph.microsoft.com/Mail.Read.Shared"


def test_other_apis_permissions_keep_their_place(graph: FakeGraph) -> None:
    other = {"resourceAppId": "00000002-0000-0ff1-ce00-000000000000", "resourceAccess": [
        {"id": str(uuid.uuid4()), "type": "Scope"}]}
    existing = graph.add({"requiredResourceAccess": [
        {"resourceAppId": GRAPH, "resourceAccess": [{"id": USER_READ, "type": "Scope"}]}, other]})
    registered(graph, "--client-id", existing["appId"])
    graph.log.clear()
    registered(graph, "--client-id", existing["appId"])
    assert graph.writes() == []
    assert graph.apps[existing["id"]]["requiredResourceAccess"][1] == other


# --- dry run: reads the tenant, writes nothing --------------------------------------------------------

def test_dry_run_on_an_empty_tenant_lists_the_requests_and_writes_nothing(graph: FakeGraph) -> None:
    data = registered(graph, "--dry-run", "--assign-group", GROUP)
    assert data["dryRun"] is True and graph.writes() == [] and graph.apps == {}
    methods = [(r["method"], r["path"]) for r in data["requests"]]
    assert methods[:2] == [("POST", "/applications"), ("PATCH", "/applications/{id}")]
    assert ("POST", "/servicePrincipals") in methods
    assert any(path.endswith("/appRoleAssignedTo") for _, path in methods)
    assert data["requests"][0]["body"]["api"]["preAuthorizedApplications"] == []
    assert data["requests"][1]["body"]["identifierUris"] == [f"api://{HOST}/{{appId}}", "api://{appId}"]


def test_dry_run_on_an_existing_registration_prints_the_diff(graph: FakeGraph) -> None:
    client = registered(graph)["clientId"]
    app = graph.app(client)
    app["api"]["oauth2PermissionScopes"][0]["type"] = "User"  # someone allowed user consent by hand
    graph.principal(client)["appRoleAssignmentRequired"] = False
    graph.log.clear()
    data = registered(graph, "--client-id", client, "--dry-run")
    assert graph.writes() == []
    fields = {change["field"]: change for change in data["changes"]}
    assert "api.oauth2PermissionScopes" in fields
    assert fields["api.oauth2PermissionScopes"]["from"][0]["type"] == "User"
    assert fields["api.oauth2PermissionScopes"]["to"][0]["type"] == "Admin"
    assert {(r["method"], r["path"]) for r in data["requests"]} >= {
        ("PATCH", f"/applications/{app['id']}"),
        ("PATCH", f"/servicePrincipals/{graph.principal(client)['id']}")}
    assert app["api"]["oauth2PermissionScopes"][0]["type"] == "User", "nothing was changed"


# --- credentials --------------------------------------------------------------------------------------

def test_creates_a_certificate_the_server_can_use(graph: FakeGraph, tmp_path: Path) -> None:
    pem = tmp_path / "obo.pem"
    output = registered(graph, "--create-certificate", str(pem))
    assert stat.S_IMODE(pem.stat().st_mode) == 0o600
    # The file is what KOLLEGA_ENTRA_CLIENT_CERT takes: the backend loads it and finds key and certificate.
    credential = load_certificate(pem)
    certificate = x509.load_pem_x509_certificate(pem.read_bytes())
    assert output["settings"]["KOLLEGA_ENTRA_CLIENT_CERT"] == str(pem)
    from cryptography.hazmat.primitives.serialization import Encoding

    assert graph.uploaded_keys[output["clientId"]] == [base64.b64encode(certificate.public_bytes(Encoding.DER))
                                                       .decode()]
    assert credential.thumbprint_sha1
    # A second certificate is refused rather than silently replacing the first (PATCH replaces the list).
    again = register(graph, "--client-id", output["clientId"], "--create-certificate", str(tmp_path / "two.pem"))
    assert again.returncode == 1 and "Certificates & secrets" in again.stderr
    assert not (tmp_path / "two.pem").exists()


def test_uploads_an_existing_certificate_but_never_its_key(graph: FakeGraph, tmp_path: Path) -> None:
    pem = tmp_path / "own.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(pem), "-out",
                    str(tmp_path / "cert.pem"), "-days", "30", "-subj", "/CN=own"], check=True, capture_output=True)
    pem.write_text(pem.read_text() + (tmp_path / "cert.pem").read_text())
    output = registered(graph, "--certificate", str(pem))
    [key] = graph.uploaded_keys[output["clientId"]]
    certificate = x509.load_der_x509_certificate(base64.b64decode(key))
    assert certificate.subject.rfc4514_string() == "CN=own"
    assert "PRIVATE KEY" not in json.dumps([path for path in graph.log])


def test_a_secret_goes_only_into_a_private_file(graph: FakeGraph, tmp_path: Path) -> None:
    refused = register(graph, "--add-secret")
    assert refused.returncode == 2 and "--out" in refused.stderr and graph.apps == {}
    out = tmp_path / "registration.json"
    result = register(graph, "--add-secret", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert json.loads(out.read_text())["clientSecret"] == "s3cret-value"
    assert "s3cret-value" not in result.stdout + result.stderr


def test_the_output_file_is_private_even_when_it_existed(graph: FakeGraph, tmp_path: Path) -> None:
    out = tmp_path / "registration.json"
    out.write_text("{}")
    out.chmod(0o644)
    assert register(graph, "--out", str(out)).returncode == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


# --- who may use it -----------------------------------------------------------------------------------

def test_assigns_groups_the_admin_role_and_owners(graph: FakeGraph) -> None:
    client = registered(graph, "--assign-group", GROUP, "--admin-group", ADMINS, "--owner", OWNER)["clientId"]
    principal = graph.principal(client)
    assigned = {(a["principalId"], a["appRoleId"]) for a in graph.assignments[principal["id"]]}
    assert assigned == {(GROUP, DEFAULT_ACCESS), (ADMINS, ROLE_ID)}
    assert graph.owners[graph.app(client)["id"]] == [OWNER]
    assert graph.owners[principal["id"]] == [OWNER]


def test_assignment_can_be_turned_off(graph: FakeGraph) -> None:
    client = registered(graph, "--no-assignment-required")["clientId"]
    assert graph.principal(client)["appRoleAssignmentRequired"] is False


# --- refusals -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("args", [["--host", "https://kollega.example.se/"],
                                  ["--host", HOST, "--client-id", "nope"],
                                  ["--host", HOST, "--assign-group", "Alla anställda"],
                                  ["--host", HOST, "--multi-tenant", "--single-tenant"]])
def test_bad_arguments_are_refused_with_a_reason(args: list[str]) -> None:
    result = run(*args, "--dry-run")
    assert result.returncode == 2 and result.stderr


def test_refuses_plain_http_to_a_remote_graph() -> None:
    result = run("--host", HOST, "--graph-url", "http://graph.example.se", env={"GRAPH_ACCESS_TOKEN": "t"})
    assert result.returncode == 1 and "https" in result.stderr


def test_without_a_token_or_the_azure_cli_it_says_what_to_do(tmp_path: Path) -> None:
    result = run("--host", HOST, "--dry-run", env={"PATH": str(tmp_path)})
    assert result.returncode == 1
    assert "GRAPH_ACCESS_TOKEN" in result.stderr and "az login" in result.stderr
