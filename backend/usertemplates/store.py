"""Reading and writing templates, always within one tenant; counts and sizes checked against the settings."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from backend.auth.principal import Principal
from backend.database import SQLITE_WRITE_LOCK
from backend.problems import Problem
from backend.settings import Settings
from backend.usertemplates.fields import field_names
from backend.usertemplates.model import Template

ORGANISATION = "organisation"
PERSONAL = "personal"
# owner_id of the organisation's templates: they belong to the tenant, not to the admin who wrote them.
NO_OWNER = ""
EDITABLE = ("name", "description", "task", "instruction", "tone", "length", "language")


@dataclass(frozen=True)
class Caller:
    """Who is asking, and whether they may manage the organisation's templates."""

    principal: Principal
    admin: bool

    @property
    def tenant_id(self) -> str:
        return self.principal.tenant_id

    @property
    def user_id(self) -> str:
        return self.principal.object_id


class TemplateStore:
    """Templates in the audit store's database (same engine, same migrations)."""

    def __init__(self, engine: Engine, settings: Settings) -> None:
        self.engine = engine
        # Writes read first (limits, same names) and then write: on SQLite a plain BEGIN would take the write
        # lock only at the first write and fail at once if an audit record was written meanwhile. BEGIN
        # IMMEDIATE takes it up front and waits its turn (backend.database._sqlite_begin).
        self.write_engine = engine.execution_options(**{SQLITE_WRITE_LOCK: True})
        self.settings = settings

    def _session(self, write: bool = False) -> Session:
        # Templates are handed back after the commit, so their loaded values must stay readable.
        return Session(self.write_engine if write else self.engine, expire_on_commit=False)

    # ----- reading --------------------------------------------------------------------------------

    def visible(self, caller: Caller) -> list[Template]:
        """The organisation's templates and the caller's own, organisation first, then by name."""
        with self._session() as session:
            query = select(Template).where(Template.tenant_id == caller.tenant_id, _visible_to(caller))
            return list(session.scalars(query.order_by(Template.scope, Template.name, Template.id)))

    def get(self, caller: Caller, template_id: str) -> Template:
        """One template the caller can see; 404 otherwise (another tenant's or user's is never revealed)."""
        with self._session() as session:
            found = session.scalars(select(Template).where(
                Template.id == template_id, Template.tenant_id == caller.tenant_id, _visible_to(caller))).first()
        if found is None:
            raise Problem(404, "template_not_found", "There is no template with this id.")
        return found

    def organisation(self, caller: Caller) -> list[Template]:
        with self._session() as session:
            query = select(Template).where(Template.tenant_id == caller.tenant_id, Template.scope == ORGANISATION)
            return list(session.scalars(query.order_by(Template.name, Template.id)))

    # ----- writing --------------------------------------------------------------------------------

    def create(self, caller: Caller, data: dict[str, Any]) -> Template:
        self.check_content(data)
        self._require_right(caller, data["scope"])
        with self._session(write=True) as session, session.begin():
            self._check_room(session, caller, {data["scope"]: 1})
            template = _new(caller, data)
            session.add(template)
        return template

    def update(self, caller: Caller, template_id: str, data: dict[str, Any]) -> Template:
        """Replace a template's content; its scope stays (move one by export and import)."""
        self.check_content(data)
        with self._session(write=True) as session, session.begin():
            template = self._own(session, caller, template_id)
            for name in EDITABLE:
                setattr(template, name, data[name])
            template.updated_at = datetime.now(UTC)
        return template

    def delete(self, caller: Caller, template_id: str) -> None:
        with self._session(write=True) as session, session.begin():
            session.delete(self._own(session, caller, template_id))

    def import_all(self, caller: Caller, scope: str, items: list[dict[str, Any]]) -> tuple[int, int]:
        """Add the file's templates to `scope`, replacing those of the same name there: all or nothing.

        Returns (created, replaced). Re-importing the same file therefore changes nothing twice.
        """
        self._require_right(caller, scope)
        errors: dict[str, list[str]] = {}
        for index, item in enumerate(items):
            try:
                self.check_content(item)
            except Problem as problem:
                for key, messages in (problem.extra.get("errors") or {}).items():
                    errors[f"templates.{index}.{key}"] = messages
        names = [item["name"] for item in items]
        for index, name in enumerate(names):
            if names.index(name) != index:
                errors[f"templates.{index}.name"] = ["Another template in the file has this name."]
        if errors:
            raise Problem(422, "validation", "Some templates in the file are invalid; nothing was imported.",
                          errors=errors)
        with self._session(write=True) as session, session.begin():
            existing = {t.name: t for t in session.scalars(select(Template).where(
                Template.tenant_id == caller.tenant_id, Template.scope == scope, _owned_in(caller, scope)))}
            new = [item for item in items if item["name"] not in existing]
            self._check_room(session, caller, {scope: len(new)})
            now = datetime.now(UTC)
            for item in items:
                template = existing.get(item["name"])
                if template is None:
                    session.add(_new(caller, {**item, "scope": scope}))
                    continue
                for name in EDITABLE:
                    setattr(template, name, item[name])
                template.updated_at = now
        return len(new), len(items) - len(new)

    # ----- rules ----------------------------------------------------------------------------------

    def check_content(self, data: dict[str, Any]) -> None:
        """Sizes that are settings (marshmallow has checked the rest); 422 with the field named."""
        s = self.settings
        errors: dict[str, list[str]] = {}
        if len(data["instruction"]) > s.template_max_instruction_chars:
            errors["instruction"] = [f"{len(data['instruction']):,} characters; the limit is "
                                     f"{s.template_max_instruction_chars:,}."]
        elif len(field_names(data["instruction"])) > s.template_max_fields:
            errors["instruction"] = [f"At most {s.template_max_fields} fields per template."]
        if errors:
            raise Problem(422, "template_too_large", "The template is larger than this server accepts.",
                          errors=errors)

    def _require_right(self, caller: Caller, scope: str) -> None:
        if scope == ORGANISATION and not caller.admin:
            raise Problem(403, "forbidden", "Only administrators (app role "
                          f"{self.settings.entra_admin_role}) may change the organisation's templates.")

    def _own(self, session: Session, caller: Caller, template_id: str) -> Template:
        """A template the caller may change: their own, or the organisation's if they are an admin."""
        template = session.scalars(select(Template).where(
            Template.id == template_id, Template.tenant_id == caller.tenant_id, _visible_to(caller))).first()
        if template is None:
            raise Problem(404, "template_not_found", "There is no template with this id.")
        self._require_right(caller, template.scope)
        return template

    def _check_room(self, session: Session, caller: Caller, adding: dict[str, int]) -> None:
        s = self.settings
        for scope, count in adding.items():
            if not count:
                continue
            if scope == ORGANISATION:
                limit, what = s.template_max_per_tenant, "the organisation"
            else:
                limit, what = s.template_max_per_user, "one user"
            have = session.scalar(select(func.count()).select_from(Template).where(
                Template.tenant_id == caller.tenant_id, Template.scope == scope, _owned_in(caller, scope))) or 0
            if have + count > limit:
                raise Problem(409, "template_limit", f"{what.capitalize()} may have at most {limit} templates "
                              f"({have} now); delete some first.", title="Conflict", limit=limit)


def _visible_to(caller: Caller) -> Any:
    return or_(Template.scope == ORGANISATION, (Template.scope == PERSONAL) & (Template.owner_id == caller.user_id))


def _owned_in(caller: Caller, scope: str) -> Any:
    return Template.owner_id == (NO_OWNER if scope == ORGANISATION else caller.user_id)


def _new(caller: Caller, data: dict[str, Any]) -> Template:
    now = datetime.now(UTC)
    return Template(
        id=uuid.uuid4().hex, tenant_id=caller.tenant_id, scope=data["scope"],
        owner_id=NO_OWNER if data["scope"] == ORGANISATION else caller.user_id,
        created_by=caller.user_id, created_at=now, updated_at=now,
        **{name: data[name] for name in EDITABLE},
    )


def to_json(template: Template, caller: Caller) -> dict[str, Any]:
    editable = template.scope == PERSONAL or caller.admin
    return {
        "id": template.id, "name": template.name, "description": template.description, "task": template.task,
        "instruction": template.instruction, "fields": field_names(template.instruction), "tone": template.tone,
        "length": template.length, "language": template.language, "scope": template.scope, "editable": editable,
        "updated_at": template.updated_at.isoformat() if template.updated_at else None,
    }


def to_file_entry(template: Template) -> dict[str, Any]:
    """A template as the export file holds it: content only, no ids, owners or times."""
    return {name: getattr(template, name) for name in ("name", "description", "task", "instruction", "tone",
                                                        "length", "language")}
