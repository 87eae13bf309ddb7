"""Template shapes (marshmallow): what the API and the import file accept, and what they return."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates

from backend.schemas import LANGUAGES, LENGTHS, TONES, UserText, _not_blank
from backend.usertemplates.fields import FieldError, field_names

TASKS = ("draft", "rewrite", "summarize", "ask")
SCOPES = ("personal", "organisation")
# The import and export file says what it is, so a wrong file is refused by name rather than by accident.
FILE_FORMAT = "kollega-templates"
FILE_VERSION = 1
MAX_NAME_CHARS = 120
MAX_DESCRIPTION_CHARS = 500


class TemplateIn(Schema):
    """A template as created, updated or imported. The instruction's length limit is a setting, checked later."""

    name = UserText(required=True, validate=[_not_blank, validate.Length(max=MAX_NAME_CHARS)])
    description = UserText(load_default="", validate=validate.Length(max=MAX_DESCRIPTION_CHARS))
    task = fields.String(required=True, validate=validate.OneOf(TASKS))
    instruction = UserText(
        required=True, validate=_not_blank,
        metadata={"description": "The instruction, with named fields such as {ärende}; {{ and }} are braces."},
    )
    tone = fields.String(load_default="neutral", validate=validate.OneOf(TONES))
    length = fields.String(load_default="medium", validate=validate.OneOf(LENGTHS))
    language = fields.String(load_default="sv", validate=validate.OneOf(LANGUAGES))
    scope = fields.String(
        load_default="personal", validate=validate.OneOf(SCOPES),
        metadata={"description": "organisation needs the admin role; personal is the caller's own"},
    )

    @validates("instruction")
    def _fields_well_formed(self, value: str, **kwargs: Any) -> None:
        try:
            field_names(value)
        except FieldError as exc:
            raise ValidationError(str(exc)) from None


class TemplateFile(Schema):
    """The import and export file: a format name, a version and the templates."""

    format = fields.String(required=True, validate=validate.Equal(FILE_FORMAT))
    version = fields.Integer(required=True, validate=validate.Equal(FILE_VERSION))
    exported_at = fields.String(metadata={"description": "When the file was exported (ignored on import)"})
    templates = fields.List(fields.Nested(TemplateIn), required=True,
                            metadata={"description": "Each entry's scope is ignored: ?scope= decides"})


class TemplateOut(Schema):
    id = fields.String()
    name = fields.String()
    description = fields.String()
    task = fields.String(validate=validate.OneOf(TASKS))
    instruction = fields.String()
    fields_ = fields.List(fields.String(), data_key="fields",
                          metadata={"description": "The instruction's field names, in order"})
    tone = fields.String()
    length = fields.String()
    language = fields.String()
    scope = fields.String(validate=validate.OneOf(SCOPES))
    editable = fields.Boolean(metadata={"description": "Whether the caller may change or delete it"})
    updated_at = fields.String()


class TemplateList(Schema):
    templates = fields.List(fields.Nested(TemplateOut))
    can_manage_organisation = fields.Boolean(metadata={"description": "The caller has the admin role"})
    limits = fields.Dict(keys=fields.String(), values=fields.Integer())

