"""Per-user token caches: bounded in memory, encrypted at rest in Redis and shared between workers."""

from __future__ import annotations

import socket
import uuid
from typing import Any

import pytest
from fake_microsoft import TENANT, FakeEntra, user_token

from backend.auth.principal import Principal
from backend.graph.obo import OnBehalfOf
from backend.graph.token_cache import (
    MemoryTokenCacheStore,
    RedisTokenCacheStore,
    derive_cache_key,
    token_cache_store,
)
from backend.settings import ConfigError, Settings


def principal() -> Principal:
    oid = str(uuid.uuid4())
    return Principal(tenant_id=TENANT, object_id=oid, access_token=user_token(oid))


def test_memory_store_drops_the_least_recently_used_user() -> None:
    store = MemoryTokenCacheStore(max_users=2)
    store.save("t:a", "cache-a")
    store.save("t:b", "cache-b")
    assert store.load("t:a") == "cache-a"  # a is now the most recently used
    store.save("t:c", "cache-c")
    assert store.load("t:b") is None
    assert store.load("t:a") == "cache-a" and store.load("t:c") == "cache-c"
    assert len(store) == 2


def test_without_redis_the_cache_is_in_memory(settings: Settings) -> None:
    assert isinstance(token_cache_store(settings), MemoryTokenCacheStore)


def test_cache_keys_differ_by_secret() -> None:
    assert derive_cache_key(b"one") != derive_cache_key(b"two")
    assert len(derive_cache_key(b"one")) == 32


@pytest.fixture
def redis_client(redis_url: str) -> Any:
    import redis

    client = redis.Redis.from_url(redis_url)
    client.flushdb()
    return client


def test_redis_cache_is_encrypted_and_shared_between_workers(
    redis_url: str, redis_client: Any, settings: Settings, entra: FakeEntra, trust: str
) -> None:
    shared = settings.replace(redis_url=redis_url)
    worker_one = OnBehalfOf(shared, verify=trust, cache_key="a long random cache key from the vault")
    worker_two = OnBehalfOf(shared, verify=trust, cache_key="a long random cache key from the vault")
    user = principal()

    token = worker_one.graph_token(user)
    keys = redis_client.keys("kollega:msal:*")
    assert len(keys) == 1
    stored = redis_client.get(keys[0])
    assert token.encode() not in stored
    assert entra.issued_refresh_tokens[0].encode() not in stored
    assert entra.token_requests[0].form["assertion"].encode() not in stored
    assert b"access_token" not in stored.lower() and b"accesstoken" not in stored.lower()
    assert user.object_id.encode() not in stored and user.object_id.encode() not in keys[0]
    assert redis_client.ttl(keys[0]) > 0

    # Another worker (another process in production) reads the same cache: no second exchange.
    assert worker_two.graph_token(user) == token
    assert len(entra.token_requests) == 1


def test_redis_cache_with_another_key_is_ignored_not_fatal(
    redis_url: str, redis_client: Any, settings: Settings, entra: FakeEntra, trust: str
) -> None:
    shared = settings.replace(redis_url=redis_url)
    user = principal()
    OnBehalfOf(shared, verify=trust, cache_key="old-key-" + "o" * 40).graph_token(user)
    # After the key is rotated the old entry cannot be opened; a fresh exchange replaces it.
    rotated = OnBehalfOf(shared, verify=trust, cache_key="new-key-" + "n" * 40)
    rotated.graph_token(user)
    assert len(entra.token_requests) == 2
    rotated.graph_token(user)
    assert len(entra.token_requests) == 2


def test_a_sealed_entry_copied_to_another_user_does_not_open(redis_url: str, redis_client: Any) -> None:
    store = RedisTokenCacheStore.from_url(redis_url, derive_cache_key(b"secret"))
    store.save("tenant:anna", '{"AccessToken": {"x": {"secret": "annas-graph-token"}}}')
    assert store.load("tenant:anna") == '{"AccessToken": {"x": {"secret": "annas-graph-token"}}}'
    redis_client.set(store.redis_key("tenant:erik"), redis_client.get(store.redis_key("tenant:anna")))
    assert store.load("tenant:erik") is None


def test_the_client_secret_is_the_key_when_no_cache_key_is_set(redis_url: str, settings: Settings) -> None:
    store = token_cache_store(settings.replace(redis_url=redis_url))
    assert isinstance(store, RedisTokenCacheStore)
    store.save("t:u", "blob")
    same_secret = token_cache_store(settings.replace(redis_url=redis_url))
    other_secret = token_cache_store(settings.replace(redis_url=redis_url, entra_client_secret="rotated"))
    assert same_secret.load("t:u") == "blob"
    assert other_secret.load("t:u") is None


def test_a_short_cache_key_is_refused(redis_url: str, settings: Settings) -> None:
    with pytest.raises(ConfigError) as caught:
        token_cache_store(settings.replace(redis_url=redis_url), cache_key="short")
    assert "KOLLEGA_TOKEN_CACHE_KEY" in str(caught.value)


def test_an_unreachable_redis_degrades_to_no_cache() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    store = RedisTokenCacheStore.from_url(f"redis://127.0.0.1:{port}/0", derive_cache_key(b"k"))
    store.save("t:u", "blob")  # logged, not raised
    assert store.load("t:u") is None
