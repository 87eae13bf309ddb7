"""load_settings and check_settings, straight from the declaration: every setting's default, a bad value of
every setting, the bounds of every number, and the README table that is written from the same fields."""

from __future__ import annotations

import re
from dataclasses import Field, fields
from pathlib import Path
from typing import Any

import pytest

from backend.config import readme
from backend.config.declare import Kind, Spec, spec_of
from backend.config.kinds import (
    Choice,
    Expiry,
    Flag,
    Guid,
    Networks,
    Number,
    Pattern,
    RateLimit,
    Secret,
    Url,
    Where,
    Whole,
    Words,
)
from backend.settings import DEFAULT_INSTANCE, REPO_ROOT, ConfigError, Settings, check_settings, load_settings

DEV = {"KOLLEGA_AUTH_MODE": "dev"}
TENANT = "3f2504e0-4f89-11d3-9a0c-0305e82c3301"
CLIENT = "6ba7b810-9dad-11d1-80b4-00c04fd430c8"
# Entra mode: dev mode adds rules of its own (no trusted proxies), which the bounds test must not meet.
ENTRA = {"KOLLEGA_ENTRA_TENANT_ID": TENANT, "KOLLEGA_ENTRA_CLIENT_ID": CLIENT}
FIELDS = list(fields(Settings))
# Kinds that take any text: there is no bad value to give them.
ANY_TEXT = (Words,)


def ids(item: Field[Any]) -> str:
    return spec_of(item).env


def bad_value(kind: Kind, tmp_path: Path) -> str | None:
    """A value that the kind must refuse, or None when it takes any text."""
    not_pem = tmp_path / "not-a-bundle.pem"
    not_pem.write_text("just text\n")
    samples: list[tuple[type[Kind], str]] = [
        (Whole, "lots"), (Number, "lots"), (Flag, "maybe"), (Choice, "nonsense"), (Guid, "not-a-guid"),
        (Url, "ftp://example.org"), (Secret, "short"), (Expiry, "30/6/2027"), (RateLimit, "lots"),
        (Networks, "10.0.0.300"),
    ]
    for kind_type, sample in samples:
        if isinstance(kind, kind_type):
            return sample
    if isinstance(kind, Pattern):
        return "mysql://somewhere"
    if isinstance(kind, Where):
        return {"file": str(tmp_path / "missing.pem"), "folder": str(tmp_path / "missing"),
                "certificates": str(not_pem)}.get(kind.need)
    return None


@pytest.mark.parametrize("item", FIELDS, ids=ids)
def test_every_setting_has_its_default_when_unset(item: Field[Any]) -> None:
    settings = load_settings(DEV if item.name != "auth_mode" else ENTRA)
    assert getattr(settings, item.name) == item.default


@pytest.mark.parametrize("item", FIELDS, ids=ids)
def test_a_bad_value_names_the_setting_and_says_what_to_do(item: Field[Any], tmp_path: Path) -> None:
    spec = spec_of(item)
    value = bad_value(spec.kind, tmp_path)
    if value is None:
        # Plain text, paths without a check, lists: anything is a value. The list is explicit, so that a new
        # setting of a checked kind cannot slip through.
        assert type(spec.kind) in (Kind, Where, *ANY_TEXT), f"{spec.env}: give its kind a bad value here"
        return
    with pytest.raises(ConfigError) as caught:
        load_settings({**DEV, spec.env: value})
    assert caught.value.name == spec.env
    message = str(caught.value)
    assert message.startswith(f"{spec.env}: ")
    # "NAME: what is wrong. What to do": a fix after the problem.
    problem, _, fix = message.partition(". ")
    assert problem and len(fix) > 10, message


WHOLE_FIELDS = [item for item in FIELDS if isinstance(spec_of(item).kind, Whole)]


@pytest.mark.parametrize("item", WHOLE_FIELDS, ids=ids)
def test_whole_numbers_keep_to_their_bounds(item: Field[Any]) -> None:
    spec = spec_of(item)
    kind = spec.kind
    assert isinstance(kind, Whole)
    assert getattr(load_settings({**ENTRA, spec.env: str(kind.minimum)}), item.name) == kind.minimum
    with pytest.raises(ConfigError, match=f"^{spec.env}: {kind.minimum - 1} is out of range"):
        load_settings({**ENTRA, spec.env: str(kind.minimum - 1)})
    if kind.maximum is not None:
        assert getattr(load_settings({**ENTRA, spec.env: str(kind.maximum)}), item.name) == kind.maximum
        with pytest.raises(ConfigError, match=f"at most {kind.maximum}"):
            load_settings({**ENTRA, spec.env: str(kind.maximum + 1)})


def test_values_are_read_in_their_types(tmp_path: Path) -> None:
    settings = load_settings({
        **DEV,
        "KOLLEGA_PORT": " 9000 ",
        "KOLLEGA_ENGINE_PROCESSES": "auto",
        "KOLLEGA_ENGINE_THREADS": "3",
        "KOLLEGA_TEMPERATURE": "0.7",
        "KOLLEGA_LOG_LEVEL": "Debug",
        "KOLLEGA_ENTRA_TENANT_ID": f"{TENANT.upper()}, {CLIENT}",
        "KOLLEGA_METRICS_ALLOW": "10.8.0.7/24,::1",
        "KOLLEGA_CORS_ORIGINS": "https://a.example, https://b.example",
        "KOLLEGA_GRAPH_URL": "https://graph.example/",
        "KOLLEGA_REDACTION_ALLOW_UNMASK": "off",
        "KOLLEGA_INSTANCE_PATH": str(tmp_path / "inst"),
        "KOLLEGA_ENTRA_CLIENT_SECRET_EXPIRES": "2027-06-30",
    })
    assert settings.port == 9000 and settings.engine_processes is None and settings.engine_threads == 3
    assert settings.temperature == 0.7 and settings.log_level == "DEBUG"
    assert settings.entra_tenant_ids == (TENANT, CLIENT)
    assert settings.metrics_allow == ("10.8.0.0/24", "::1/128")
    assert settings.cors_origins == ("https://a.example", "https://b.example")
    assert settings.graph_url == "https://graph.example" and settings.redaction_allow_unmask is False
    # The model's default follows the instance folder.
    assert settings.model_path == tmp_path / "inst" / "models" / "small"
    assert settings.entra_client_secret_expires is not None
    assert settings.entra_client_secret_expires.isoformat() == "2027-06-30T00:00:00+00:00"


def test_an_empty_value_is_unset() -> None:
    assert load_settings({**DEV, "KOLLEGA_PORT": "  "}).port == 8000


def test_the_environment_wins_over_the_env_file_and_overrides_win_over_both(tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("KOLLEGA_AUTH_MODE=dev\nKOLLEGA_PORT=9001\nKOLLEGA_WORKERS=3\n")
    monkeypatch.setenv("KOLLEGA_WORKERS", "5")
    settings = load_settings(env_file=env_file, env_overrides={"KOLLEGA_THREADS": "7"}, host="127.0.0.2")
    assert (settings.port, settings.workers, settings.threads, settings.host) == (9001, 5, 7, "127.0.0.2")
    # An explicit environment ignores the file.
    assert load_settings(DEV, env_file=env_file).port == 8000


def test_entra_sign_in_needs_the_tenant_and_the_client_id() -> None:
    with pytest.raises(ConfigError, match=r"^KOLLEGA_ENTRA_TENANT_ID: is not set"):
        load_settings({})
    with pytest.raises(ConfigError, match=r"^KOLLEGA_ENTRA_CLIENT_ID: is not set"):
        load_settings({"KOLLEGA_ENTRA_TENANT_ID": TENANT})


def test_settings_made_in_code_get_the_same_checks() -> None:
    settings = load_settings(DEV)
    assert check_settings(settings) is settings
    with pytest.raises(ConfigError, match=r"^KOLLEGA_PORT: 0 is out of range"):
        check_settings(settings.replace(port=0))
    with pytest.raises(ConfigError, match=r"^KOLLEGA_RATE_LIMIT_IP: '5/fortnight' is not a rate limit"):
        check_settings(settings.replace(rate_limit_ip="5/fortnight"))
    with pytest.raises(ConfigError, match=r"^KOLLEGA_ENTRA_AUTHORITY_HOST: plain http"):
        check_settings(settings.replace(entra_authority_host="http://login.example"))


def test_secrets_stay_out_of_repr() -> None:
    settings = load_settings({**DEV, "KOLLEGA_ENTRA_CLIENT_SECRET": "canary-secret-4711",
                              "KOLLEGA_REDIS_URL": "redis://:canary-password-4711@localhost:6379/0"})
    assert "canary" not in repr(settings)


def test_every_setting_is_declared_with_a_unique_variable_and_help() -> None:
    specs: list[Spec] = [spec_of(item) for item in FIELDS]
    names = [spec.env for spec in specs]
    assert len(names) == len(set(names))
    assert all(spec.help and spec.env.startswith("KOLLEGA_") for spec in specs if not spec.internal)
    assert Settings().model_path == DEFAULT_INSTANCE / "models" / "small"


def test_the_infra_tests_find_every_variable_in_the_settings_source() -> None:
    """tests/infra read the KOLLEGA_* names from backend/settings.py's text; they must find the declared ones."""
    source = (REPO_ROOT / "backend" / "settings.py").read_text()
    quoted = set(re.findall(r'"(KOLLEGA_[A-Z0-9_]+)"', source))
    assert quoted == {spec_of(item).env for item in FIELDS if not spec_of(item).internal}


def test_the_readme_table_is_written_from_the_declaration() -> None:
    text = readme.README.read_text(encoding="utf-8")
    assert readme.with_table(text) == text, "run: python -m backend.config.readme"
    for item in FIELDS:
        spec = spec_of(item)
        assert (f"| `{spec.env}` |" in text) != spec.internal


def test_the_readme_writer_replaces_an_old_table(tmp_path: Path) -> None:
    path = tmp_path / "README.md"
    path.write_text(f"# Title\n\n{readme.BEGIN}\n| old | table |\n{readme.END}\n\nAfter.\n")
    assert readme.main(path) == 0
    text = path.read_text()
    assert "| old | table |" not in text and "| `KOLLEGA_PORT` |" in text and text.endswith("After.\n")
