"""infra/entra/register_app.py: its dry-run JSON, and real runs against a local stand-in for Microsoft
Graph that keeps the rules Entra enforces (an enabled scope can't be removed; a pre-authorization must
point at an existing scope)."""

from __future__ import annotations

import json
import os
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

from backend.settings import REPO_ROOT

SCRIPT = REPO_ROOT / "infra" / "entra" / "register_app.py"
HOST = "kollega.example.se"
CLIENT_ID = "11111111-2222-3333-4444-555555555555"
TENANT_ID = "66666666-7777-8888-9999-000000000000"
GRAPH = "00000003-0000-0000-c000-000000000000"
MAIL_READ = "570282fd-fa5c-430d-a7fd-fc8dc98a9dca"
USER_READ = "e1fe6dd8-ba31-4d61-89e7-88639da4683d"
OFFICE_ALL = "ea5a67f6-b6f3-4338-b240-c655ddc3cc8e"
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:kollega:entra")
SCOPE_ID = str(uuid.uuid5(NAMESPACE, "oauth2PermissionScope:access_as_user"))
ROLE_ID = str(uuid.uuid5(NAMESPACE, "appRole:Kollega.Admin"))


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != "GRAPH_ACCESS_TOKEN"}
    environment.update(env or {})
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=60,
                          env=environment)


def dry_run(*args: str) -> dict[str, Any]:
    result = run("--host", HOST, "--dry-run", *args)
    assert result.returncode == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


# --- dry run ------------------------------------------------------------------------------------------

def test_dry_run_describes_the_whole_registration() -> None:
    data = dry_run("--client-id", CLIENT_ID, "--tenant-id", TENANT_ID)
    app = data["application"]
    assert data["dryRun"] is True and data["clientId"] == CLIENT_ID
    assert app["identifierUris"] == [f"api://{HOST}/{CLIENT_ID}", f"api://{CLIENT_ID}"]
    assert app["signInAudience"] == "AzureADMyOrg"
    assert app["api"]["requestedAccessTokenVersion"] == 2
    [scope] = app["api"]["oauth2PermissionScopes"]
    assert scope["value"] == "access_as_user" and scope["id"] == SCOPE_ID and scope["isEnabled"] is True
    for key in ("adminConsentDisplayName", "adminConsentDescription", "userConsentDisplayName",
                "userConsentDescription"):
        swedish, english = scope[key].split(" / ")
        assert swedish and english, key
    assert "Kollega" in scope["userConsentDisplayName"]
    [role] = app["appRoles"]
    assert role == {**role, "id": ROLE_ID, "value": "Kollega.Admin", "allowedMemberTypes": ["User"], "isEnabled": True}
    assert app["spa"]["redirectUris"] == [f"brk-multihub://{HOST}", f"https://{HOST}/taskpane/taskpane.html",
                                          f"https://{HOST}/taskpane/auth-dialog.html"]
    assert app["requiredResourceAccess"] == [{"resourceAppId": GRAPH, "resourceAccess": [
        {"id": USER_READ, "type": "Scope"}, {"id": MAIL_READ, "type": "Scope"}]}]
    preauthorized = app["api"]["preAuthorizedApplications"]
    assert OFFICE_ALL in {entry["appId"] for entry in preauthorized}
    assert all(entry["delegatedPermissionIds"] == [SCOPE_ID] for entry in preauthorized)
    assert data["scope"] == f"api://{CLIENT_ID}/access_as_user"
    assert data["adminConsentUrl"] == f"https://login.microsoftonline.com/{TENANT_ID}/adminconsent?client_id={CLIENT_ID}"
    assert data["settings"] == {"KOLLEGA_ENTRA_TENANT_ID": TENANT_ID, "KOLLEGA_ENTRA_CLIENT_ID": CLIENT_ID}


def test_dry_run_sends_the_pre_authorizations_only_after_the_scope_exists() -> None:
    data = dry_run("--client-id", CLIENT_ID)
    first, second, principal = data["requests"][:3]
    assert first["method"] == "PATCH" and first["path"] == f"/applications(appId='{CLIENT_ID}')"
    assert first["body"]["api"]["preAuthorizedApplications"] == []
    assert "identifierUris" not in first["body"]
    assert second["body"]["identifierUris"] and second["body"]["api"]["preAuthorizedApplications"]
    assert principal == {**principal, "method": "POST", "path": "/servicePrincipals", "body": {"appId": CLIENT_ID}}


def test_dry_run_for_a_new_registration_creates_it_first() -> None:
    data = dry_run()
    assert [r["method"] for r in data["requests"]] == ["POST", "PATCH", "POST"]
    assert data["requests"][0]["path"] == "/applications"
    assert data["application"]["identifierUris"] == [f"api://{HOST}/{{appId}}", "api://{appId}"]


def test_ids_are_deterministic() -> None:
    one, two = dry_run("--client-id", CLIENT_ID), dry_run("--client-id", CLIENT_ID)
    assert one == two
    other_host = run("--host", "kollega.other.example", "--dry-run")
    assert json.loads(other_host.stdout)["application"]["api"]["oauth2PermissionScopes"][0]["id"] == SCOPE_ID


def test_multi_tenant_and_secret_options() -> None:
    data = dry_run("--multi-tenant", "--add-secret", "--client-id", CLIENT_ID)
    assert data["application"]["signInAudience"] == "AzureADMultipleOrgs"
    assert data["requests"][-1]["path"].endswith("/addPassword")


def test_dry_run_can_write_a_file(tmp_path: Path) -> None:
    out = tmp_path / "registration.json"
    result = run("--host", HOST, "--dry-run", "--out", str(out))
    assert result.returncode == 0 and result.stdout == ""
    assert json.loads(out.read_text())["dryRun"] is True


@pytest.mark.parametrize("args", [["--host", "https://kollega.example.se/"], ["--host", HOST, "--client-id", "nope"]])
def test_bad_arguments_are_refused_with_a_reason(args: list[str]) -> None:
    result = run(*args, "--dry-run")
    assert result.returncode == 2 and result.stderr


# --- real runs against a stand-in for Graph -----------------------------------------------------------

class FakeGraph:
    """Just enough of Microsoft Graph v1.0 for the script, with Entra's rules that the script must respect."""

    def __init__(self) -> None:
        self.apps: dict[str, dict[str, Any]] = {}
        self.principals: list[dict[str, Any]] = []
        self.log: list[tuple[str, str]] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def add(self, app: dict[str, Any]) -> dict[str, Any]:
        app = {"id": str(uuid.uuid4()), "appId": str(uuid.uuid4()), "identifierUris": [], "appRoles": [],
               "api": {"oauth2PermissionScopes": [], "preAuthorizedApplications": []}, "spa": {"redirectUris": []},
               "requiredResourceAccess": [], **app}
        self.apps[app["id"]] = app
        return app

    def _find(self, path: str) -> dict[str, Any] | None:
        if path.startswith("/v1.0/applications(appId='"):
            app_id = path.split("'")[1]
            return next((a for a in self.apps.values() if a["appId"] == app_id), None)
        return self.apps.get(path.split("/")[3].split("?")[0]) if path.count("/") >= 3 else None

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
        return None

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        graph = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def _answer(self, status: int, body: dict[str, Any] | None = None) -> None:
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
                graph.log.append((self.command, unquote(self.path)))
                if self.headers.get("Authorization") != "Bearer test-token":
                    self._error(401, "no token")
                    return None
                return unquote(self.path)

            def do_GET(self) -> None:
                path = self._start()
                if path is None:
                    return
                parts = urlsplit(path)
                query = parse_qs(parts.query).get("$filter", [""])[0]
                if parts.path == "/v1.0/applications":
                    name = query.split("'")[1]
                    self._answer(200, {"value": [a for a in graph.apps.values() if a["displayName"] == name]})
                elif parts.path == "/v1.0/servicePrincipals":
                    app_id = query.split("'")[1]
                    self._answer(200, {"value": [p for p in graph.principals if p["appId"] == app_id]})
                elif (app := graph._find(path)) is not None:
                    self._answer(200, app)
                else:
                    self._error(404, "not found")

            def do_POST(self) -> None:
                path = self._start()
                if path is None:
                    return
                body = self._body()
                if path == "/v1.0/applications":
                    if problem := graph._check(None, body):
                        return self._error(400, problem)
                    self._answer(201, graph.add(body))
                elif path == "/v1.0/servicePrincipals":
                    graph.principals.append({"id": str(uuid.uuid4()), "appId": body["appId"]})
                    self._answer(201, graph.principals[-1])
                elif path.endswith("/addPassword"):
                    end = body["passwordCredential"]["endDateTime"]
                    self._answer(200, {"secretText": "s3cret-value", "endDateTime": end})
                else:
                    self._error(404, "not found")

            def do_PATCH(self) -> None:
                path = self._start()
                if path is None:
                    return
                app = graph._find(path)
                if app is None:
                    return self._error(404, "not found")
                body = self._body()
                if problem := graph._check(app, body):
                    return self._error(400, problem)
                app.update(body)
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


def test_creates_a_registration_and_its_service_principal(graph: FakeGraph) -> None:
    result = register(graph)
    assert result.returncode == 0, result.stderr
    output = json.loads(result.stdout)
    assert output["action"] == "created"
    [app] = graph.apps.values()
    assert output["clientId"] == app["appId"]
    assert app["identifierUris"] == [f"api://{HOST}/{app['appId']}", f"api://{app['appId']}"]
    assert app["api"]["oauth2PermissionScopes"][0]["id"] == SCOPE_ID
    assert {e["appId"] for e in app["api"]["preAuthorizedApplications"]} >= {OFFICE_ALL}
    assert app["api"]["requestedAccessTokenVersion"] == 2
    assert [p["appId"] for p in graph.principals] == [app["appId"]]
    assert "adminconsent" in result.stderr


def test_a_second_run_updates_in_place_and_adds_nothing_twice(graph: FakeGraph) -> None:
    assert register(graph).returncode == 0
    graph.log.clear()
    result = register(graph)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["action"] == "updated"
    assert ("POST", "/v1.0/applications") not in graph.log
    assert not any(method == "POST" and path == "/v1.0/servicePrincipals" for method, path in graph.log)
    [app] = graph.apps.values()
    assert len(app["spa"]["redirectUris"]) == 3 and len(app["identifierUris"]) == 2
    assert len(app["api"]["oauth2PermissionScopes"]) == 1 and len(app["appRoles"]) == 1


def test_keeps_what_others_added_and_reuses_a_hand_made_scope(graph: FakeGraph) -> None:
    hand_made = str(uuid.uuid4())
    existing = graph.add({
        "displayName": "Kollega (prod)",
        "identifierUris": ["api://legacy.example.se/x"],
        "spa": {"redirectUris": ["https://old.example.se/"]},
        "api": {"oauth2PermissionScopes": [
            {"id": hand_made, "value": "access_as_user", "isEnabled": True, "type": "Admin"},
            {"id": str(uuid.uuid4()), "value": "Reports.Read", "isEnabled": True, "type": "Admin"}],
            "preAuthorizedApplications": []},
        "requiredResourceAccess": [{"resourceAppId": GRAPH, "resourceAccess": [
            {"id": "37f7f235-527c-4136-accd-4a02d197296e", "type": "Scope"}]}],
    })
    result = register(graph, "--client-id", existing["appId"])
    assert result.returncode == 0, result.stderr
    app = graph.apps[existing["id"]]
    scopes = {s["value"]: s for s in app["api"]["oauth2PermissionScopes"]}
    assert set(scopes) == {"access_as_user", "Reports.Read"}
    assert scopes["access_as_user"]["id"] == hand_made  # never replaced, which Entra would refuse
    assert all(e["delegatedPermissionIds"] == [hand_made] for e in app["api"]["preAuthorizedApplications"])
    assert "https://old.example.se/" in app["spa"]["redirectUris"]
    assert app["identifierUris"][0] == "api://legacy.example.se/x"
    [graph_access] = app["requiredResourceAccess"]
    assert {p["id"] for p in graph_access["resourceAccess"]} == {
        "37f7f235-527c-4136-accd-4a02d197296e", USER_READ, MAIL_READ}


def test_can_add_a_client_secret(graph: FakeGraph) -> None:
    result = register(graph, "--add-secret")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["clientSecret"] == "s3cret-value"
    assert "only this once" in result.stderr


def test_an_ambiguous_name_asks_for_the_client_id(graph: FakeGraph) -> None:
    graph.add({"displayName": "Kollega"})
    graph.add({"displayName": "Kollega"})
    result = register(graph)
    assert result.returncode == 1 and "--client-id" in result.stderr


def test_refuses_plain_http_to_a_remote_graph() -> None:
    result = run("--host", HOST, "--graph-url", "http://graph.example.se", env={"GRAPH_ACCESS_TOKEN": "t"})
    assert result.returncode == 1 and "https" in result.stderr


def test_without_a_token_or_the_azure_cli_it_says_what_to_do(tmp_path: Path) -> None:
    result = run("--host", HOST, env={"PATH": str(tmp_path)})
    assert result.returncode == 1
    assert "GRAPH_ACCESS_TOKEN" in result.stderr and "az login" in result.stderr
