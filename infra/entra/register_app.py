#!/usr/bin/env python3
"""Create or update Kollega's app registration in Entra ID through Microsoft Graph.

One registration serves as both the API (the backend checks that tokens carry its client id) and the
task pane's sign-in client (nested app authentication, NAA, with a dialog fallback). It gets:
- identifier URIs api://<host>/<client-id> and api://<client-id>, v2 access tokens;
- the delegated scope access_as_user, pre-authorized for Microsoft's Office clients;
- the app role Kollega.Admin (for users; gates the admin endpoints);
- SPA redirect URIs for NAA (brk-multihub://<host>) and for the browser sign-in pages of the pane;
- Microsoft Graph User.Read and Mail.Read (delegated), for reading Outlook threads on the user's behalf.

Run it again at any time: it finds the registration (by --client-id, or by its display name), adds
what is missing and keeps what others added (other scopes, roles, redirect URIs). It needs only
Python 3.11's standard library.

    python3 register_app.py --host kollega.example.se --dry-run        # print what it would send
    az login --tenant <tenant-id>                                     # an admin who may create apps
    python3 register_app.py --host kollega.example.se --tenant-id <tenant-id>

The token comes from GRAPH_ACCESS_TOKEN when set, else from
`az account get-access-token --resource-type ms-graph`. It needs Application.ReadWrite.All (or the
Application Developer role for a new app). Granting admin consent is a separate step: the script
prints the link (docs/deploy/README.md, "Register the app").
"""

from __future__ import annotations

import argparse
import datetime
import ipaddress
import json
import os
import re
import shutil
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
import uuid
from typing import Any

GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000"
# Microsoft Graph's delegated permission ids (the same in every tenant).
GRAPH_USER_READ = "e1fe6dd8-ba31-4d61-89e7-88639da4683d"
GRAPH_MAIL_READ = "570282fd-fa5c-430d-a7fd-fc8dc98a9dca"

# Office's client applications, pre-authorized for access_as_user so that users are not asked to consent
# to Office calling Kollega. From Microsoft's "Register an Office Add-in that uses single sign-on (SSO)
# with the Microsoft identity platform" (learn.microsoft.com/office/dev/add-ins/develop/
# register-sso-add-in-aad-v2): the first id covers all Office endpoints; the others are the individual
# platforms it lists. NAA itself needs no pre-authorization; the legacy Office SSO and older clients do.
OFFICE_CLIENT_IDS = {
    "ea5a67f6-b6f3-4338-b240-c655ddc3cc8e": "All Microsoft Office application endpoints",
    "d3590ed6-52b3-4102-aeff-aad2292ab01c": "Microsoft Office (desktop)",
    "93d53678-613d-4013-afc1-62e9e444a0a5": "Office on the web",
    "bc59ab01-8403-45c6-8796-ac3ef710b3e3": "Outlook on the web",
}

# Scope and role ids are derived, not random, so every run (and every tenant) asks for the same ids and
# an update never tries to replace a scope with a new one, which Entra refuses while it is enabled.
ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:kollega:entra")
SCOPE_VALUE = "access_as_user"
ADMIN_ROLE_VALUE = "Kollega.Admin"
SCOPE_ID = str(uuid.uuid5(ID_NAMESPACE, f"oauth2PermissionScope:{SCOPE_VALUE}"))
ADMIN_ROLE_ID = str(uuid.uuid5(ID_NAMESPACE, f"appRole:{ADMIN_ROLE_VALUE}"))

APP_ID_PLACEHOLDER = "{appId}"
OBJECT_ID_PLACEHOLDER = "{id}"


class RegistrationError(Exception):
    """Something the person running the script must fix; the message says what."""


# --- what the registration should contain -------------------------------------------------------------

def access_as_user_scope() -> dict[str, Any]:
    return {
        "id": SCOPE_ID,
        "value": SCOPE_VALUE,
        "type": "User",
        "isEnabled": True,
        "adminConsentDisplayName": "Använda Kollega som den inloggade användaren / Use Kollega as the signed-in user",
        "adminConsentDescription": (
            "Låter Office-tillägget Kollega anropa Kollegas API för den inloggade användaren: sammanfatta, "
            "skriva utkast och bearbeta text. Texten behandlas på organisationens egen server. / "
            "Lets the Kollega Office add-in call Kollega's API as the signed-in user: summarise, draft and "
            "rewrite text. The text is processed on the organisation's own server."
        ),
        "userConsentDisplayName": "Använda Kollega / Use Kollega",
        "userConsentDescription": (
            "Låter Kollega sammanfatta, skriva utkast och bearbeta text åt dig i Outlook och Word. / "
            "Lets Kollega summarise, draft and rewrite text for you in Outlook and Word."
        ),
    }


def admin_role() -> dict[str, Any]:
    return {
        "id": ADMIN_ROLE_ID,
        "value": ADMIN_ROLE_VALUE,
        "allowedMemberTypes": ["User"],
        "isEnabled": True,
        "displayName": "Kollega-administratör / Kollega administrator",
        "description": (
            "Får läsa Kollegas användningsstatistik och granskningslogg (utan innehåll). / "
            "May read Kollega's usage statistics and audit log (no content)."
        ),
    }


def redirect_uris(host: str) -> list[str]:
    return [
        # Nested app authentication: Office (Outlook, Word, ...) brokers the sign-in for this origin.
        f"brk-multihub://{host}",
        # Standard browser sign-in where NAA is missing: the pane itself (Word on the web uses it) ...
        f"https://{host}/taskpane/taskpane.html",
        # ... and the Office dialog fallback page (taskpane/src/auth/dialog-page.ts redirects to itself).
        f"https://{host}/taskpane/auth-dialog.html",
    ]


def identifier_uris(host: str, app_id: str) -> list[str]:
    # api://<host>/<client-id> is the form Office's SSO documentation uses; api://<client-id> is what the
    # task pane asks for (api://<client-id>/access_as_user).
    return [f"api://{host}/{app_id}", f"api://{app_id}"]


def pre_authorized() -> list[dict[str, Any]]:
    return [{"appId": app_id, "delegatedPermissionIds": [SCOPE_ID]} for app_id in OFFICE_CLIENT_IDS]


def graph_permissions() -> dict[str, Any]:
    return {
        "resourceAppId": GRAPH_APP_ID,
        "resourceAccess": [{"id": GRAPH_USER_READ, "type": "Scope"}, {"id": GRAPH_MAIL_READ, "type": "Scope"}],
    }


# --- merging with what is already there ---------------------------------------------------------------

def merge_by_value(existing: list[dict[str, Any]], wanted: dict[str, Any]) -> list[dict[str, Any]]:
    """Keep every entry that isn't ours; replace ours (same `value`) but keep its id, since Entra refuses
    to remove an enabled scope or role."""
    kept = [entry for entry in existing if entry.get("value") != wanted["value"]]
    previous = next((entry for entry in existing if entry.get("value") == wanted["value"]), None)
    merged = dict(wanted)
    if previous is not None:
        merged["id"] = previous["id"]
    return [*kept, merged]


def merge_list(existing: list[str], wanted: list[str]) -> list[str]:
    return [*existing, *(item for item in wanted if item not in existing)]


def merge_pre_authorized(existing: list[dict[str, Any]], scope_id: str) -> list[dict[str, Any]]:
    merged = [dict(entry, delegatedPermissionIds=list(entry.get("delegatedPermissionIds", []))) for entry in existing]
    for app_id in OFFICE_CLIENT_IDS:
        entry = next((e for e in merged if e["appId"] == app_id), None)
        if entry is None:
            merged.append({"appId": app_id, "delegatedPermissionIds": [scope_id]})
        elif scope_id not in entry["delegatedPermissionIds"]:
            entry["delegatedPermissionIds"].append(scope_id)
    return merged


def merge_graph_permissions(existing: list[dict[str, Any]]) -> list[dict[str, Any]]:
    wanted = graph_permissions()
    merged = [dict(entry) for entry in existing if entry.get("resourceAppId") != GRAPH_APP_ID]
    graph = next((entry for entry in existing if entry.get("resourceAppId") == GRAPH_APP_ID), None)
    access = list(graph["resourceAccess"]) if graph else []
    for permission in wanted["resourceAccess"]:
        if not any(item.get("id") == permission["id"] for item in access):
            access.append(permission)
    merged.append({"resourceAppId": GRAPH_APP_ID, "resourceAccess": access})
    return merged


def first_body(name: str, host: str, audience: str, existing: dict[str, Any] | None) -> dict[str, Any]:
    """Everything except what must refer to the app's own id or to a scope that may not exist yet."""
    existing = existing or {}
    api = existing.get("api") or {}
    scopes = merge_by_value(api.get("oauth2PermissionScopes") or [], access_as_user_scope())
    body: dict[str, Any] = {
        "displayName": name,
        "signInAudience": audience,
        "api": {
            "requestedAccessTokenVersion": 2,
            "oauth2PermissionScopes": scopes,
            # Only those that point at scopes that already exist; ours follow in the second request.
            "preAuthorizedApplications": api.get("preAuthorizedApplications") or [],
        },
        "appRoles": merge_by_value(existing.get("appRoles") or [], admin_role()),
        "spa": {"redirectUris": merge_list((existing.get("spa") or {}).get("redirectUris") or [],
                                           redirect_uris(host))},
        "requiredResourceAccess": merge_graph_permissions(existing.get("requiredResourceAccess") or []),
    }
    return body


def second_body(host: str, app_id: str, first: dict[str, Any], existing: dict[str, Any] | None) -> dict[str, Any]:
    """The identifier URIs (they contain the app's id) and the pre-authorized Office clients (they point
    at access_as_user, which now exists)."""
    scope_id = next(s["id"] for s in first["api"]["oauth2PermissionScopes"] if s["value"] == SCOPE_VALUE)
    api = dict(first["api"])
    api["preAuthorizedApplications"] = merge_pre_authorized(api["preAuthorizedApplications"], scope_id)
    return {
        "identifierUris": merge_list((existing or {}).get("identifierUris") or [], identifier_uris(host, app_id)),
        "api": api,
    }


# --- talking to Microsoft Graph -----------------------------------------------------------------------

class Graph:
    def __init__(self, base_url: str, token: str) -> None:
        self.base = base_url.rstrip("/") + "/v1.0"
        self.token = token

    def call(self, method: str, path: str, body: dict[str, Any] | None = None) -> dict[str, Any] | None:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base + path, data=data, method=method, headers={
            "Authorization": f"Bearer {self.token}", "Content-Type": "application/json", "Accept": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                text = response.read().decode()
        except urllib.error.HTTPError as error:
            if error.code == 404 and method == "GET":
                return None
            raise RegistrationError(f"{method} {path} failed with {error.code}: {_graph_message(error)}") from None
        except urllib.error.URLError as error:
            raise RegistrationError(f"cannot reach Microsoft Graph at {self.base}: {error.reason}") from None
        return json.loads(text) if text else {}


def _graph_message(error: urllib.error.HTTPError) -> str:
    try:
        return str(json.loads(error.read().decode())["error"]["message"])
    except (ValueError, KeyError, TypeError):
        return error.reason or "no details"


def _quote(value: str) -> str:
    return urllib.parse.quote(value.replace("'", "''"), safe="")


def find_application(graph: Graph, name: str, client_id: str | None) -> dict[str, Any] | None:
    if client_id:
        app = graph.call("GET", f"/applications(appId='{client_id}')")
        if app is None:
            raise RegistrationError(f"no app registration has the client id {client_id} in this tenant")
        return app
    found = graph.call("GET", f"/applications?$filter=displayName%20eq%20'{_quote(name)}'")
    apps = (found or {}).get("value", [])
    if len(apps) > 1:
        raise RegistrationError(f"{len(apps)} app registrations are named {name!r}; say which with --client-id")
    return apps[0] if apps else None


def access_token(tenant_id: str | None) -> str:
    token = os.environ.get("GRAPH_ACCESS_TOKEN", "").strip()
    if token:
        return token
    if shutil.which("az") is None:
        raise RegistrationError("no token: set GRAPH_ACCESS_TOKEN, or install the Azure CLI and run `az login`")
    command = ["az", "account", "get-access-token", "--resource-type", "ms-graph", "--query", "accessToken", "-o",
               "tsv"]
    if tenant_id:
        command += ["--tenant", tenant_id]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    if result.returncode != 0 or not result.stdout.strip():
        raise RegistrationError(f"`az account get-access-token` failed: {result.stderr.strip()}. Run `az login`.")
    return result.stdout.strip()


def _check_graph_url(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme == "https":
        return url
    loopback = parts.hostname == "localhost"
    if parts.hostname and not loopback:
        try:
            loopback = ipaddress.ip_address(parts.hostname).is_loopback
        except ValueError:
            loopback = False
    if parts.scheme == "http" and loopback:
        return url  # a local test double
    raise RegistrationError(f"--graph-url {url}: use https (plain http only for a loopback test server)")


# --- the two ways to run ------------------------------------------------------------------------------

def plan(args: argparse.Namespace) -> dict[str, Any]:
    """What a run would send, without a network: for --dry-run."""
    app_id = args.client_id or APP_ID_PLACEHOLDER
    first = first_body(args.name, args.host, args.audience, None)
    second = second_body(args.host, app_id, first, None)
    target = f"/applications(appId='{args.client_id}')" if args.client_id else f"/applications/{OBJECT_ID_PLACEHOLDER}"
    requests: list[dict[str, Any]] = []
    if args.client_id:
        requests.append({"method": "PATCH", "path": target, "body": first})
    else:
        requests.append({"method": "POST", "path": "/applications", "body": first})
    requests.append({"method": "PATCH", "path": target, "body": second})
    requests.append({"method": "POST", "path": "/servicePrincipals", "body": {"appId": app_id},
                     "note": "only if the app has no service principal yet"})
    if args.add_secret:
        requests.append({"method": "POST", "path": f"{target}/addPassword", "body": _secret_body(args.secret_months)})
    return {
        "dryRun": True,
        "note": "Nothing was sent. The second PATCH goes out after the first request succeeds; "
                "on an existing registration, entries others added are kept.",
        "application": {**first, **second},
        "requests": requests,
        **summary(args, app_id),
    }


def summary(args: argparse.Namespace, app_id: str) -> dict[str, Any]:
    tenant = args.tenant_id or "{tenant-id}"
    return {
        "clientId": app_id,
        "scope": f"api://{app_id}/{SCOPE_VALUE}",
        "adminConsentUrl": f"https://login.microsoftonline.com/{tenant}/adminconsent?client_id={app_id}",
        "settings": {"KOLLEGA_ENTRA_TENANT_ID": tenant, "KOLLEGA_ENTRA_CLIENT_ID": app_id},
        "manifestCommand": f"kollega manifest --base-url https://{args.host} --client-id {app_id} --out manifests",
    }


def _secret_body(months: int) -> dict[str, Any]:
    end = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=30 * months)
    return {"passwordCredential": {"displayName": "kollega-on-behalf-of",
                                   "endDateTime": end.strftime("%Y-%m-%dT%H:%M:%SZ")}}


def register(args: argparse.Namespace) -> dict[str, Any]:
    graph = Graph(_check_graph_url(args.graph_url), access_token(args.tenant_id))
    existing = find_application(graph, args.name, args.client_id)
    first = first_body(args.name, args.host, args.audience, existing)
    if existing is None:
        created = graph.call("POST", "/applications", first) or {}
        object_id, app_id = created["id"], created["appId"]
        action = "created"
    else:
        object_id, app_id = existing["id"], existing["appId"]
        graph.call("PATCH", f"/applications/{object_id}", first)
        action = "updated"
    second = second_body(args.host, app_id, first, existing)
    graph.call("PATCH", f"/applications/{object_id}", second)
    principals = graph.call("GET", f"/servicePrincipals?$filter=appId%20eq%20'{app_id}'") or {}
    if not principals.get("value"):
        graph.call("POST", "/servicePrincipals", {"appId": app_id})
    result: dict[str, Any] = {"action": action, "objectId": object_id, **summary(args, app_id)}
    if args.add_secret:
        secret = graph.call("POST", f"/applications/{object_id}/addPassword", _secret_body(args.secret_months)) or {}
        result["clientSecret"] = secret.get("secretText")
        result["clientSecretExpires"] = secret.get("endDateTime")
    return result


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description="Create or update Kollega's app registration in Entra ID.")
    parser.add_argument("--host", required=True,
                        help="the host name users reach Kollega on, e.g. kollega.example.se (with :port if not 443)")
    parser.add_argument("--name", default="Kollega", help="the registration's display name (default Kollega)")
    parser.add_argument("--client-id", help="update this existing registration instead of finding it by name")
    parser.add_argument("--tenant-id", help="your tenant id (for the token, and in the printed links)")
    parser.add_argument("--multi-tenant", action="store_true",
                        help="allow sign-in from other organisations' tenants (one server for several)")
    parser.add_argument("--add-secret", action="store_true",
                        help="also create a client secret for on-behalf-of calls to Graph, printed once")
    parser.add_argument("--secret-months", type=int, default=12, help="how long the secret lasts (default 12)")
    parser.add_argument("--graph-url", default="https://graph.microsoft.com",
                        help="Microsoft Graph, or a national cloud's endpoint")
    parser.add_argument("--dry-run", action="store_true", help="print the requests as JSON and send nothing")
    parser.add_argument("--out", help="write the JSON to this file instead of standard output")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if not re.fullmatch(r"[A-Za-z0-9.-]+(:\d{1,5})?", args.host):
        print(f"--host {args.host!r}: give a host name only, like kollega.example.se (no https://, no path)",
              file=sys.stderr)
        return 2
    for option in ("client_id", "tenant_id"):
        value = getattr(args, option)
        if value is not None:
            try:
                setattr(args, option, str(uuid.UUID(value)))
            except ValueError:
                print(f"--{option.replace('_', '-')} {value!r} is not a GUID", file=sys.stderr)
                return 2
    args.audience = "AzureADMultipleOrgs" if args.multi_tenant else "AzureADMyOrg"
    try:
        result = plan(args) if args.dry_run else register(args)
    except RegistrationError as error:
        print(f"register_app: {error}", file=sys.stderr)
        return 1
    text = json.dumps(result, indent=2, ensure_ascii=False) + "\n"
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    if not args.dry_run:
        print(f"\nDone ({result['action']}). Next: grant admin consent at\n  {result['adminConsentUrl']}\n"
              f"and set KOLLEGA_ENTRA_CLIENT_ID={result['clientId']} on the server.", file=sys.stderr)
        if result.get("clientSecret"):
            print("The client secret is shown only this once: store it as KOLLEGA_ENTRA_CLIENT_SECRET.",
                  file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
