"""Using a template in a draft or rewrite request: resolved into the request's own fields before the pipeline.

The filled instruction is then user content like any other: the pipeline redacts it and the prompt fences it.
"""

from __future__ import annotations

from typing import Any

from backend.problems import Problem
from backend.usertemplates.fields import field_names, fill

# Which templates each endpoint can use.
TASKS_FOR = {"draft": ("draft", "ask"), "rewrite": ("rewrite",)}
# A rewrite template's tone picks the rewrite goal when the request names none.
GOAL_FOR_TONE = {"formal": "formal", "friendly": "friendly", "neutral": "plain"}


def apply_template(feature: str, data: dict[str, Any]) -> None:
    """Fill the template named by data["template_id"] with data["fields"] into `data`, in place.

    draft: the filled instruction comes first, then the request's own instruction if any; tone, length and
    language are the template's. rewrite: the filled instruction goes to data["template_instruction"], the
    language is the template's, and the goal the request's or one from the template's tone.
    """
    from backend.usertemplates.api import caller, template_store

    template_id = data.pop("template_id", None)
    values: dict[str, str] = data.pop("template_fields", None) or {}
    if template_id is None:
        if values:
            raise Problem(422, "validation", "fields need a template_id.",
                          errors={"fields": ["Send template_id with fields."]})
        return
    template = template_store().get(caller(), template_id)
    if template.task not in TASKS_FOR[feature]:
        raise Problem(422, "template_task_mismatch", f"This template is for {template.task}, not {feature}.",
                      errors={"template_id": [f"Use a template whose task is {' or '.join(TASKS_FOR[feature])}."]})
    filled = fill(template.instruction, check_values(field_names(template.instruction), values))
    data["language"] = template.language
    if feature == "draft":
        own = data.get("instruction") or ""
        data["instruction"] = f"{filled}\n\n{own}" if own.strip() else filled
        data["tone"], data["length"] = template.tone, template.length
    else:
        data["template_instruction"] = filled
        data.setdefault("goal", GOAL_FOR_TONE[template.tone])


def check_values(names: list[str], values: dict[str, str]) -> dict[str, str]:
    """Every field needs a value, no value may be for a field the template lacks, none may be too long."""
    from backend.api.context import services

    limit = services().settings.template_max_field_chars
    errors: dict[str, list[str]] = {}
    for name in values:
        if name not in names:
            errors[f"fields.{name}"] = ["The template has no such field."]
    for name in names:
        value = values.get(name, "")
        if not value.strip():
            errors[f"fields.{name}"] = ["Fill in this field."]
        elif len(value) > limit:
            errors[f"fields.{name}"] = [f"{len(value):,} characters; the limit is {limit:,}."]
    if errors:
        raise Problem(422, "template_fields", "The template's fields are missing, unknown or too long.",
                      errors=errors, limit=limit)
    return values
