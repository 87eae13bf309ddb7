"""Admin-only usage export: requests, outcomes, tokens and redactions per day, feature and host."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import asdict
from datetime import UTC, date, datetime, timedelta

from flask import Blueprint, Response, g, jsonify, request

from backend.api.context import services
from backend.audit import UsageRow
from backend.auth import require_role
from backend.problems import Problem

bp = Blueprint("admin", __name__, url_prefix="/api/v1/admin")

DEFAULT_DAYS = 30
# A year, leap day included: one export stays a quick query even on a busy store.
MAX_DAYS = 366
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@bp.get("/usage.csv")
@require_role()
def usage_csv() -> Response:
    first, last = _period()
    rows = _usage(first, last)
    out = io.StringIO()
    writer = csv.writer(out)  # RFC 4180: comma-separated, CRLF line ends
    writer.writerow(UsageRow.columns())
    writer.writerows(row.values() for row in rows)
    response = Response(out.getvalue(), content_type="text/csv; charset=utf-8")
    response.headers["Content-Disposition"] = f'attachment; filename="kollega-usage-{first}-{last}.csv"'
    return response


@bp.get("/usage")
@require_role()
def usage_json() -> Response:
    first, last = _period()
    rows = _usage(first, last)
    return jsonify({"from": first.isoformat(), "to": last.isoformat(), "time_zone": "UTC",
                    "rows": [asdict(row) for row in rows]})


def _usage(first: date, last: date) -> list[UsageRow]:
    # An administrator sees their own organisation only, even when the server accepts several tenants.
    return services().audit.usage(first, last, tenant_id=g.principal.tenant_id)


def _period() -> tuple[date, date]:
    """`from` and `to` (UTC days, both included); the last 30 days up to today when left out."""
    # Unknown parameters are refused rather than ignored: a typo such as `form=` must not silently
    # export the default period.
    errors: dict[str, list[str]] = {name or "(empty)": ["Unknown parameter; use from and to."]
                                    for name in request.args if name not in ("from", "to")}
    today = datetime.now(UTC).date()
    last = _day("to", today, errors)
    # A `to` near year 1 has no 30 days before it; date arithmetic would overflow.
    default_first = last - timedelta(days=DEFAULT_DAYS - 1) if last > date.min + timedelta(DEFAULT_DAYS) else date.min
    first = _day("from", default_first, errors)
    if not errors and first > last:
        errors["from"] = ["Must not be after `to`."]
    if not errors and (last - first).days + 1 > MAX_DAYS:
        errors["to"] = [f"The period may be at most {MAX_DAYS} days; export longer periods in parts."]
    if errors:
        raise Problem(422, "validation", "The period is invalid.", errors=errors)
    return first, last


def _day(name: str, default: date, errors: dict[str, list[str]]) -> date:
    value = request.args.get(name)
    if value is None:
        return default
    if ISO_DAY.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    errors[name] = ["Expected a date as YYYY-MM-DD."]
    return default
