"""A Job from a validated request: the feature, the signed-in user, the Office host and the corrections."""

from __future__ import annotations

from collections.abc import Mapping

from flask import g, request

from backend.api.corrections import read_corrections
from backend.generation.job import Job
from backend.schemas import HOSTS


def new_job(feature: str, data: Mapping[str, object], option_names: tuple[str, ...] = ()) -> Job:
    host = request.headers.get("X-Kollega-Host", "api")
    return Job(
        feature=feature,
        principal=g.principal,
        host=host if host in HOSTS else "api",
        options={name: str(data[name]) for name in option_names},
        corrections=read_corrections(dict(data)),
    )
