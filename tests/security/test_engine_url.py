"""Finding 7: KOLLEGA_ENGINE_URL over plain http sent every (masked) prompt and the engine's API key in
the clear. Plain http is accepted for loopback only, unless KOLLEGA_ENGINE_ALLOW_HTTP says otherwise."""

from __future__ import annotations

from pathlib import Path

import pytest
from security_support import dev_env

from backend.settings import ConfigError, load_settings


@pytest.mark.parametrize("url", ["http://vllm.internal.example:8000/v1", "http://10.0.0.5/v1",
                                 "http://kollega-engine/v1", "http://[2001:db8::1]:8000/v1"])
def test_plain_http_to_another_host_stops_start_up(tmp_path: Path, url: str) -> None:
    with pytest.raises(ConfigError, match="KOLLEGA_ENGINE_URL") as caught:
        load_settings(dev_env(tmp_path / "instance", KOLLEGA_ENGINE_URL=url))
    assert "KOLLEGA_ENGINE_ALLOW_HTTP" in str(caught.value)


@pytest.mark.parametrize("url", ["http://127.0.0.1:8001/v1", "http://localhost:8001/v1", "http://[::1]:8001/v1",
                                 "https://vllm.internal.example/v1"])
def test_https_and_loopback_are_accepted(tmp_path: Path, url: str) -> None:
    settings = load_settings(dev_env(tmp_path / "instance", KOLLEGA_ENGINE_URL=url))
    assert settings.engine_url == url.rstrip("/")


def test_plain_http_when_explicitly_allowed(tmp_path: Path) -> None:
    """For an engine on a private link the organisation trusts (a sidecar, a service mesh with mTLS)."""
    settings = load_settings(dev_env(tmp_path / "instance", KOLLEGA_ENGINE_URL="http://kollega-engine:8000/v1",
                                     KOLLEGA_ENGINE_ALLOW_HTTP="true"))
    assert settings.engine_url == "http://kollega-engine:8000/v1" and settings.engine_allow_http


def test_the_allow_setting_must_be_a_yes_or_no(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="KOLLEGA_ENGINE_ALLOW_HTTP"):
        load_settings(dev_env(tmp_path / "instance", KOLLEGA_ENGINE_URL="http://e:8000/v1",
                              KOLLEGA_ENGINE_ALLOW_HTTP="perhaps"))
