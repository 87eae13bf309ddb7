from __future__ import annotations

from collections.abc import Iterator

import pytest
from fake_entra_keys import CLIENT_ID, OTHER_ALLOWED_TENANT, TENANT, KeyServer, SigningKey

from backend.settings import Settings


@pytest.fixture(scope="session")
def real_key() -> SigningKey:
    return SigningKey()


@pytest.fixture(scope="session")
def rotated_key() -> SigningKey:
    return SigningKey()


@pytest.fixture(scope="session")
def stranger_key() -> SigningKey:
    """A key that Entra never published."""
    return SigningKey()


@pytest.fixture
def key_server(real_key: SigningKey) -> Iterator[KeyServer]:
    server = KeyServer()
    server.publish(real_key)
    yield server
    server.close()


@pytest.fixture
def settings(key_server: KeyServer) -> Settings:
    return Settings(
        auth_mode="entra",
        entra_tenant_ids=(TENANT, OTHER_ALLOWED_TENANT),
        entra_client_id=CLIENT_ID,
        entra_authority_host=key_server.url,
    )
