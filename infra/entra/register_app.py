#!/usr/bin/env python3
"""Create or update Kollega's app registration in Entra ID through Microsoft Graph.

One registration serves as both the API (the backend checks that tokens carry its client id) and the
task pane's sign-in client (nested app authentication, NAA, with a dialog fallback). It gets:
- identifier URIs api://<host>/<client-id> and api://<client-id>, v2 access tokens;
- the delegated scope access_as_user, which only an admin may consent to, pre-authorized for Microsoft's
  Office clients;
- the app role Kollega.Admin (for users; gates the admin endpoints);
- SPA redirect URIs for NAA (brk-multihub://<host>) and for the browser sign-in pages of the pane, and the
  web redirect https://<host>/admin-consent where the admin consent link returns;
- Microsoft Graph User.Read and Mail.Read (delegated), for reading Outlook threads on the user's behalf, and
  Mail.Read.Shared with --shared-mailboxes (threads in shared and delegated mailboxes);
- on its service principal: user assignment required (only assigned users and groups get tokens), the
  groups given with --assign-group / --admin-group, and the owners given with --owner;
- optionally a credential for the on-behalf-of calls: a certificate it creates or one you give, or a secret.

It finds the registration only by its application (client) id or one of its identifier URIs, never by
display name. Run it again at any time: it adds what is missing, keeps what others added (other scopes,
roles, redirect URIs, owners) and keeps the tenancy (single or multi-tenant) unless told otherwise.
`--dry-run` reads the tenant and prints what would change, sending nothing. It needs only Python 3.11's
standard library (and `openssl` for --create-certificate).

    az login --tenant <tenant-id>                                     # an admin who may create apps
    python3 register_app.py --host kollega.example.se --tenant-id <tenant-id> --dry-run
    python3 register_app.py --host kollega.example.se --tenant-id <tenant-id> \
        --create-certificate /etc/kollega/obo.pem --assign-group <group-object-id> --owner <user-object-id>
    python3 register_app.py --host kollega.example.se --tenant-id <tenant-id> --client-id <client-id>  # re-run

The token comes from GRAPH_ACCESS_TOKEN when set, else from
`az account get-access-token --resource-type ms-graph`. It needs Application.ReadWrite.All and
AppRoleAssignment.ReadWrite.All (Cloud Application Administrator can). Granting admin consent is a
separate step: the script prints the link (docs/deploy/README.md, "Register the app").
"""

from __future__ import annotations

import argparse
import base64
import dataclasses
import datetime
import ipaddress
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import urllib.error
import urllib.parse
import urllib.request
import uuid
from typing import Any

GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000"
# Microsoft Graph's delegated permission ids (the same in every tenant).
GRAPH_USER_READ = "e1fe6dd8-ba31-4d61-89e7-88639da4683d"
GRAPH_MAIL_READ = "570282fd-fa5c-430d-a7fd-fc8dc98a9dca"
# Only with --shared-mailboxes: threads in shared and delegated mailboxes the user may open.
GRAPH_MAIL_READ_SHARED = "7b9103a5-4610-446b-9670-80643382c1fa"
GRAPH_SCOPES = {"User.Read": GRAPH_USER_READ, "Mail.Read": GRAPH_MAIL_READ}

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
SINGLE_TENANT = "AzureADMyOrg"
MULTI_TENANT = "AzureADMultipleOrgs"
# The default access role: assigning a group "to the app" without a specific role uses this id.
DEFAULT_ACCESS_ROLE = "00000000-0000-0000-0000-000000000000"
CERTIFICATE_NAME = "kollega-on-behalf-of"


class RegistrationError(Exception):
    """Something the person running the script must fix; the message says what."""


# --- what the registration should contain -------------------------------------------------------------

def access_as_user_scope() -> dict[str, Any]:
    return {
        "id": SCOPE_ID,
        "value": SCOPE_VALUE,
        # Admin: users cannot consent to it themselves; an admin consents once for the organisation.
        "type": "Admin",
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


def web_redirect_uris(host: str) -> list[str]:
    # Where the v2 admin consent link returns (backend.pages shows the result). Entra requires the
    # redirect_uri of an admin consent request to be registered on the app.
    return [admin_consent_redirect(host)]


def admin_consent_redirect(host: str) -> str:
    return f"https://{host}/admin-consent"


def identifier_uris(host: str, app_id: str) -> list[str]:
    # api://<host>/<client-id> is the form Office's SSO documentation uses; api://<client-id> is what the
    # task pane asks for (api://<client-id>/access_as_user).
    return [f"api://{host}/{app_id}", f"api://{app_id}"]


def pre_authorized() -> list[dict[str, Any]]:
    return [{"appId": app_id, "delegatedPermissionIds": [SCOPE_ID]} for app_id in OFFICE_CLIENT_IDS]


def graph_scopes(shared_mailboxes: bool = False) -> dict[str, str]:
    """The delegated Graph permissions Kollega asks for, by name: the fewest that its features need."""
    return GRAPH_SCOPES | ({"Mail.Read.Shared": GRAPH_MAIL_READ_SHARED} if shared_mailboxes else {})


def graph_permissions(shared_mailboxes: bool = False) -> dict[str, Any]:
    return {
        "resourceAppId": GRAPH_APP_ID,
        "resourceAccess": [{"id": id_, "type": "Scope"} for id_ in graph_scopes(shared_mailboxes).values()],
    }


# --- merging with what is already there ---------------------------------------------------------------

def merge_by_value(existing: list[dict[str, Any]], wanted: dict[str, Any]) -> list[dict[str, Any]]:
    """Keep every entry that isn't ours; replace ours (same `value`) but keep its id, since Entra refuses
    to remove an enabled scope or role."""
    merged = [dict(entry) for entry in existing]
    for index, entry in enumerate(merged):
        if entry.get("value") == wanted["value"]:
            # In place, with the fields Graph adds (such as `origin`), so a re-run finds nothing to change.
            merged[index] = {**entry, **wanted, "id": entry["id"]}
            return merged
    return [*merged, dict(wanted)]


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


def merge_graph_permissions(existing: list[dict[str, Any]], shared_mailboxes: bool = False) -> list[dict[str, Any]]:
    """Add Kollega's Graph permissions to Graph's entry, in place (so a re-run sees no change); keep the rest."""
    wanted = graph_permissions(shared_mailboxes)
    merged = [dict(entry) for entry in existing]
    graph = next((entry for entry in merged if entry.get("resourceAppId") == GRAPH_APP_ID), None)
    if graph is None:
        graph = {"resourceAppId": GRAPH_APP_ID, "resourceAccess": []}
        merged.append(graph)
    access = list(graph.get("resourceAccess") or [])
    for permission in wanted["resourceAccess"]:
        if not any(item.get("id") == permission["id"] for item in access):
            access.append(permission)
    graph["resourceAccess"] = access
    return merged


def first_body(name: str, host: str, audience: str | None, existing: dict[str, Any] | None,
               shared_mailboxes: bool = False) -> dict[str, Any]:
    """Everything except what must refer to the app's own id or to a scope that may not exist yet.

    audience None keeps the existing registration's tenancy (single-tenant for a new one)."""
    existing = existing or {}
    api = existing.get("api") or {}
    scopes = merge_by_value(api.get("oauth2PermissionScopes") or [], access_as_user_scope())
    body: dict[str, Any] = {
        "displayName": existing.get("displayName") or name,
        "signInAudience": audience or existing.get("signInAudience") or SINGLE_TENANT,
        "api": {
            "requestedAccessTokenVersion": 2,
            "oauth2PermissionScopes": scopes,
            # Only those that point at scopes that already exist; ours follow in the second request.
            "preAuthorizedApplications": api.get("preAuthorizedApplications") or [],
        },
        "appRoles": merge_by_value(existing.get("appRoles") or [], admin_role()),
        "spa": {"redirectUris": merge_list((existing.get("spa") or {}).get("redirectUris") or [],
                                           redirect_uris(host))},
        "web": {"redirectUris": merge_list((existing.get("web") or {}).get("redirectUris") or [],
                                           web_redirect_uris(host))},
        "requiredResourceAccess": merge_graph_permissions(existing.get("requiredResourceAccess") or [],
                                                          shared_mailboxes),
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

    def list(self, path: str) -> list[dict[str, Any]]:
        return list((self.call("GET", path) or {}).get("value", []))


def _graph_message(error: urllib.error.HTTPError) -> str:
    try:
        return str(json.loads(error.read().decode())["error"]["message"])
    except (ValueError, KeyError, TypeError):
        return error.reason or "no details"


def _quote(value: str) -> str:
    return urllib.parse.quote(value.replace("'", "''"), safe="")


def find_application(graph: Graph, client_id: str | None, identifier_uri: str | None) -> dict[str, Any] | None:
    """The registration with this application id, or with this identifier URI; never looked up by name,
    which would find (and change) any unrelated app that happens to be called the same."""
    if client_id:
        app = graph.call("GET", f"/applications(appId='{client_id}')")
        if app is None:
            raise RegistrationError(f"no app registration has the client id {client_id} in this tenant")
        return app
    if identifier_uri:
        apps = graph.list(f"/applications?$filter=identifierUris/any(x:x%20eq%20'{_quote(identifier_uri)}')")
        if not apps:
            raise RegistrationError(f"no app registration has the identifier URI {identifier_uri} in this tenant")
        return apps[0]  # identifier URIs are unique in a tenant
    return None


def find_service_principal(graph: Graph, app_id: str) -> dict[str, Any] | None:
    principals = graph.list(f"/servicePrincipals?$filter=appId%20eq%20'{app_id}'")
    return principals[0] if principals else None


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


# --- credentials --------------------------------------------------------------------------------------

def write_private(path: str, text: str) -> None:
    """Write a file only its owner can read (0600), whatever the umask; never widen an existing file."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(descriptor, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write(text)


def certificate_der(pem: str, source: str) -> bytes:
    """The first certificate of a PEM text, as DER; the private key, if the file has one, is never read."""
    match = re.search(r"-----BEGIN CERTIFICATE-----(.+?)-----END CERTIFICATE-----", pem, flags=re.DOTALL)
    if match is None:
        raise RegistrationError(f"{source} holds no PEM certificate (-----BEGIN CERTIFICATE-----)")
    try:
        return base64.b64decode("".join(match.group(1).split()), validate=True)
    except ValueError:
        raise RegistrationError(f"{source}: the certificate is not valid base64") from None


def create_certificate(path: str, host: str, months: int) -> str:
    """A self-signed RSA certificate with its key in one PEM file (mode 0600), as KOLLEGA_ENTRA_CLIENT_CERT wants.
    Returns the PEM text. Entra only checks that the client's assertion is signed by an uploaded certificate."""
    if shutil.which("openssl") is None:
        raise RegistrationError("--create-certificate needs the openssl command; or give --certificate FILE")
    if os.path.exists(path):
        raise RegistrationError(f"{path} exists; give a new file name (the script never overwrites a key)")
    with tempfile.TemporaryDirectory() as folder:
        key, cert = os.path.join(folder, "key.pem"), os.path.join(folder, "cert.pem")
        result = subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:3072", "-nodes", "-sha256", "-keyout", key, "-out", cert,
             "-days", str(30 * months), "-subj", f"/CN={CERTIFICATE_NAME} {host}"],
            capture_output=True, text=True, timeout=120)
        if result.returncode != 0:
            raise RegistrationError(f"openssl could not create the certificate: {result.stderr.strip()}")
        with open(key, encoding="ascii") as k, open(cert, encoding="ascii") as c:
            pem = k.read() + c.read()
    write_private(path, pem)
    return pem


def key_credential(key: str) -> dict[str, Any]:
    return {"type": "AsymmetricX509Cert", "usage": "Verify", "key": key, "displayName": f"CN={CERTIFICATE_NAME}"}


def _b64(der: bytes | None) -> str | None:
    return None if der is None else base64.b64encode(der).decode("ascii")


def _secret_body(months: int) -> dict[str, Any]:
    end = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=30 * months)
    return {"passwordCredential": {"displayName": CERTIFICATE_NAME, "endDateTime": end.strftime("%Y-%m-%dT%H:%M:%SZ")}}


# --- what to change -----------------------------------------------------------------------------------

@dataclasses.dataclass
class Step:
    """One request to Graph, and why."""

    method: str
    path: str
    body: dict[str, Any] | None
    note: str

    def as_json(self) -> dict[str, Any]:
        return {"method": self.method, "path": self.path, "body": self.body, "note": self.note}


def diff(existing: dict[str, Any], wanted: dict[str, Any], prefix: str = "") -> list[dict[str, Any]]:
    """The fields of wanted that differ from existing, as {"field", "from", "to"}; nested objects field by field."""
    changes = []
    for key, value in wanted.items():
        field = f"{prefix}{key}"
        before = existing.get(key)
        if isinstance(value, dict) and isinstance(before, dict):
            changes += diff(before, value, field + ".")
        elif before != value:
            changes.append({"field": field, "from": before, "to": value})
    return changes


def plan_application(args: argparse.Namespace,
                     existing: dict[str, Any] | None) -> tuple[list[Step], list[dict[str, Any]]]:
    """The requests that bring the registration to what Kollega needs, and the field-by-field diff."""
    first = first_body(args.name, args.host, args.audience, existing, args.shared_mailboxes)
    app_id = existing["appId"] if existing else APP_ID_PLACEHOLDER
    target = f"/applications/{existing['id']}" if existing else f"/applications/{OBJECT_ID_PLACEHOLDER}"
    second = second_body(args.host, app_id, first, existing)
    steps = []
    if existing is None:
        steps.append(Step("POST", "/applications", first, "create the registration"))
    elif diff(existing, first):
        steps.append(Step("PATCH", target, first, "scopes, roles, redirect URIs, Graph permissions, tenancy"))
    merged = {**first, "api": second["api"], "identifierUris": second["identifierUris"]}
    if existing is None or diff({**existing, **first}, second):
        steps.append(Step("PATCH", target, second, "identifier URIs and the pre-authorized Office clients "
                                                    "(after the scope exists)"))
    changes = diff(existing or {}, merged)
    return steps, changes


def plan_credentials(args: argparse.Namespace, app: dict[str, Any] | None, target: str,
                     key: str | None) -> list[Step]:
    """Upload a certificate (key: its DER in base64) and/or add a secret."""
    steps = []
    if key is not None:
        existing = (app or {}).get("keyCredentials") or []
        if existing:
            # PATCH replaces the whole list and Graph never returns the existing keys, so adding one would
            # delete the others; addKey needs a proof signed by one of them. Ask a person instead.
            raise RegistrationError(
                f"the registration already has {len(existing)} certificate(s). Upload the new certificate in the "
                "Entra admin center (App registrations > Kollega > Certificates & secrets > Certificates > Upload), "
                "or remove the old ones there first and run this again")
        steps.append(Step("PATCH", target, {"keyCredentials": [key_credential(key)]}, "upload the certificate"))
    if args.add_secret:
        steps.append(Step("POST", f"{target}/addPassword", _secret_body(args.secret_months),
                          f"a client secret, written to {args.out} (mode 0600)"))
    return steps


def plan_service_principal(graph: Graph | None, args: argparse.Namespace, app_id: str,
                           principal: dict[str, Any] | None) -> list[Step]:
    """User assignment required, the assigned groups, and the owners: what the tenant lacks."""
    steps = []
    sp = f"/servicePrincipals/{principal['id']}" if principal else "/servicePrincipals/{servicePrincipalId}"
    if principal is None:
        steps.append(Step("POST", "/servicePrincipals", {"appId": app_id}, "the app's service principal"))
    required = args.assignment_required
    if principal is None or principal.get("appRoleAssignmentRequired") is not required:
        steps.append(Step("PATCH", sp, {"appRoleAssignmentRequired": required},
                          "only assigned users and groups get tokens" if required
                          else "every user in the tenant gets tokens"))
    assigned = {(a.get("principalId"), a.get("appRoleId"))
                for a in (graph.list(f"{sp}/appRoleAssignedTo") if graph and principal else [])}
    wanted = [(g, DEFAULT_ACCESS_ROLE) for g in args.assign_group] + [(g, ADMIN_ROLE_ID) for g in args.admin_group]
    for group, role in wanted:
        if (group, role) not in assigned:
            resource = principal["id"] if principal else "{servicePrincipalId}"
            steps.append(Step("POST", f"{sp}/appRoleAssignedTo",
                              {"principalId": group, "resourceId": resource, "appRoleId": role},
                              "assign the group" + (" the Kollega.Admin role" if role == ADMIN_ROLE_ID else "")))
    return steps


def plan_owners(graph: Graph | None, owners: list[str], app: dict[str, Any] | None,
                principal: dict[str, Any] | None) -> list[Step]:
    steps = []
    for kind, item in (("applications", app), ("servicePrincipals", principal)):
        path = f"/{kind}/{item['id']}/owners" if item else f"/{kind}/{{id}}/owners"
        have = {o.get("id") for o in (graph.list(path) if graph and item else [])}
        for owner in owners:
            if owner not in have:
                steps.append(Step("POST", f"{path}/$ref",
                                  {"@odata.id": f"https://graph.microsoft.com/v1.0/directoryObjects/{owner}"},
                                  f"owner of the {'registration' if kind == 'applications' else 'enterprise app'}"))
    return steps


def summary(args: argparse.Namespace, app_id: str) -> dict[str, Any]:
    tenant = args.tenant_id or "{tenant-id}"
    # The v2 admin consent endpoint, with the scopes and a registered redirect URI: what Microsoft documents
    # for add-ins that use nested app authentication (learn.microsoft.com/office/dev/add-ins/publish/
    # publish-nested-app-auth-add-in; learn.microsoft.com/entra/identity-platform/v2-admin-consent).
    scopes = [f"api://{app_id}/{SCOPE_VALUE}",
              *(f"https://graph.microsoft.com/{name}" for name in graph_scopes(args.shared_mailboxes))]
    query = urllib.parse.urlencode({"client_id": app_id, "scope": " ".join(scopes),
                                    "redirect_uri": admin_consent_redirect(args.host), "state": "kollega"},
                                   quote_via=urllib.parse.quote)
    manifest = (f"kollega manifest --base-url https://{args.host} --client-id {app_id} --out manifests "
                f"--version 1.0.0 --publisher {shlex.quote(args.publisher)}")
    settings = {"KOLLEGA_ENTRA_TENANT_ID": tenant, "KOLLEGA_ENTRA_CLIENT_ID": app_id}
    if args.create_certificate or args.certificate:
        settings["KOLLEGA_ENTRA_CLIENT_CERT"] = args.create_certificate or args.certificate
    return {
        "clientId": app_id,
        "scope": f"api://{app_id}/{SCOPE_VALUE}",
        "adminConsentUrl": f"{args.authority_host.rstrip('/')}/{tenant}/v2.0/adminconsent?{query}",
        "settings": settings,
        "manifestCommand": manifest,
    }


# --- the run ------------------------------------------------------------------------------------------

def run(args: argparse.Namespace) -> dict[str, Any]:
    graph = Graph(_check_graph_url(args.graph_url), access_token(args.tenant_id))
    app = find_application(graph, args.client_id, args.identifier_uri)
    principal = find_service_principal(graph, app["appId"]) if app else None
    der = None
    if args.certificate:
        with open(args.certificate, encoding="ascii") as file:
            der = certificate_der(file.read(), args.certificate)
    app_steps, changes = plan_application(args, app)
    target = f"/applications/{app['id']}" if app else f"/applications/{OBJECT_ID_PLACEHOLDER}"
    app_id = app["appId"] if app else APP_ID_PLACEHOLDER
    planned_key = _b64(der) or (f"(the certificate that will be created in {args.create_certificate})"
                                if args.create_certificate else None)
    credential_steps = plan_credentials(args, app, target, planned_key)
    rest = plan_service_principal(graph, args, app_id, principal) + plan_owners(graph, args.owner, app, principal)
    if args.dry_run:
        return {
            "dryRun": True,
            "note": "Nothing was sent. Read from the tenant: " + (
                f"registration {app['appId']}" if app else "no registration yet (it would be created)"),
            "changes": changes,
            "requests": [step.as_json() for step in app_steps + credential_steps + rest],
            **summary(args, app_id),
        }

    # Apply: the registration first (its POST gives the ids the rest needs), then credentials, then the
    # service principal and owners, each step planned again against what now exists.
    if app is None:
        created = graph.call("POST", "/applications", app_steps[0].body) or {}
        app = graph.call("GET", f"/applications/{created['id']}") or created
        action = "created"
        app_steps, _ = plan_application(args, app)
    else:
        action = "updated"
    for step in app_steps:
        graph.call(step.method, step.path, step.body)
    target = f"/applications/{app['id']}"
    app_id = app["appId"]
    result: dict[str, Any] = {"action": action, "objectId": app["id"], "changes": changes}
    if args.create_certificate:
        der = certificate_der(create_certificate(args.create_certificate, args.host, args.secret_months),
                              args.create_certificate)
    for step in plan_credentials(args, app, target, _b64(der)):
        answer = graph.call(step.method, step.path, step.body) or {}
        if step.path.endswith("/addPassword"):
            result["clientSecret"] = answer.get("secretText")
            result["clientSecretExpires"] = answer.get("endDateTime")
    if der is not None:
        result["certificate"] = args.create_certificate or args.certificate
    principal = find_service_principal(graph, app_id)
    if principal is None:
        principal = graph.call("POST", "/servicePrincipals", {"appId": app_id}) or {}
    for step in plan_service_principal(graph, args, app_id, principal) + plan_owners(graph, args.owner, app, principal):
        graph.call(step.method, step.path, step.body)
    return {**result, **summary(args, app_id)}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description="Create or update Kollega's app registration in Entra ID.")
    parser.add_argument("--host", required=True,
                        help="the host name users reach Kollega on, e.g. kollega.example.se (with :port if not 443)")
    parser.add_argument("--name", default="Kollega", help="display name of a new registration (default Kollega)")
    found = parser.add_mutually_exclusive_group()
    found.add_argument("--client-id", help="update the registration with this application (client) id")
    found.add_argument("--identifier-uri", help="update the registration with this identifier URI (api://...)")
    parser.add_argument("--tenant-id", help="your tenant id (for the token, and in the printed links)")
    tenancy = parser.add_mutually_exclusive_group()
    tenancy.add_argument("--multi-tenant", dest="audience", action="store_const", const=MULTI_TENANT,
                         help="allow sign-in from other organisations' tenants (one server for several)")
    tenancy.add_argument("--single-tenant", dest="audience", action="store_const", const=SINGLE_TENANT,
                         help="only this tenant (the default for a new registration; an existing one keeps its own)")
    parser.add_argument("--no-assignment-required", dest="assignment_required", action="store_false",
                        help="let every user in the tenant get tokens (default: only assigned users and groups)")
    parser.add_argument("--assign-group", action="append", default=[], metavar="GROUP_ID",
                        help="give this group (object id) access; repeat for more. Nested groups are not followed")
    parser.add_argument("--admin-group", action="append", default=[], metavar="GROUP_ID",
                        help="give this group the Kollega.Admin role (usage and audit export)")
    parser.add_argument("--shared-mailboxes", action="store_true",
                        help="also ask for Mail.Read.Shared, to read threads in shared and delegated mailboxes")
    parser.add_argument("--owner", action="append", default=[], metavar="OBJECT_ID",
                        help="make this user (object id) an owner of the registration and the enterprise app")
    credential = parser.add_mutually_exclusive_group()
    credential.add_argument("--create-certificate", metavar="FILE",
                            help="create a certificate and key in FILE (PEM, mode 0600) and upload the certificate; "
                                 "set KOLLEGA_ENTRA_CLIENT_CERT=FILE on the server")
    credential.add_argument("--certificate", metavar="FILE",
                            help="upload the certificate in this PEM file (its private key is never read)")
    credential.add_argument("--add-secret", action="store_true",
                            help="create a client secret instead; needs --out, which is written with mode 0600")
    parser.add_argument("--secret-months", type=int, default=12,
                        help="how long a created certificate or secret lasts (default 12)")
    parser.add_argument("--publisher", default="Kollega", help="for the printed `kollega manifest` command")
    parser.add_argument("--graph-url", default="https://graph.microsoft.com",
                        help="Microsoft Graph, or a national cloud's endpoint")
    parser.add_argument("--authority-host", default="https://login.microsoftonline.com",
                        help="sign-in host for the admin consent link (a national cloud's, if yours is one)")
    parser.add_argument("--dry-run", action="store_true",
                        help="read the tenant and print what would change as JSON; send nothing")
    parser.add_argument("--out", help="write the JSON to this file (mode 0600) instead of standard output")
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
    for option in ("assign_group", "admin_group", "owner"):
        for value in getattr(args, option):
            try:
                uuid.UUID(value)
            except ValueError:
                print(f"--{option.replace('_', '-')} {value!r} is not an object id (GUID)", file=sys.stderr)
                return 2
    if args.add_secret and not args.out:
        print("--add-secret needs --out FILE: the secret goes into that file (mode 0600), never to the terminal",
              file=sys.stderr)
        return 2
    try:
        result = run(args)
    except (RegistrationError, OSError) as error:
        print(f"register_app: {error}", file=sys.stderr)
        return 1
    text = json.dumps(result, indent=2, ensure_ascii=False) + "\n"
    if args.out:
        write_private(args.out, text)
    else:
        sys.stdout.write(text)
    if not args.dry_run:
        print(f"\nDone ({result['action']}). Next:\n"
              f"1. Grant admin consent (a Global Administrator or Privileged Role Administrator):\n"
              f"   {result['adminConsentUrl']}\n"
              f"2. On the server: " + " ".join(f"{k}={v}" for k, v in result["settings"].items()) + "\n"
              f"3. Write the manifests:\n   {result['manifestCommand']}", file=sys.stderr)
        if result.get("clientSecret"):
            print(f"The client secret is in {args.out} (mode 0600) and is shown nowhere else: "
                  "store it as KOLLEGA_ENTRA_CLIENT_SECRET.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
