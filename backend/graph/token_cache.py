"""Where each user's MSAL token cache lives: process memory, or Redis encrypted at rest."""

from __future__ import annotations

import hashlib
import logging
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, Protocol

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from backend.graph.errors import GraphNotConfigured
from backend.settings import ConfigError, Settings

log = logging.getLogger(__name__)

# How long a user's cache (a Graph access token for Mail.Read and the refresh token behind it) outlives
# its last change: KOLLEGA_GRAPH_TOKEN_CACHE_TTL. Short, because every cache held is read access to a
# mailbox for whoever gets the server's Redis and key. Nothing breaks when it runs out: the next thread
# summary makes a fresh on-behalf-of exchange with the user's own (always fresh) token for Kollega.
DEFAULT_TTL_S = 3600
_FORMAT = b"k1"
_NONCE_BYTES = 12


class TokenCacheStore(Protocol):
    """Loads and saves one user's serialized MSAL token cache."""

    def load(self, user_key: str) -> str | None: ...

    def save(self, user_key: str, blob: str) -> None: ...

    def forget(self, user_key: str) -> None: ...


class MemoryTokenCacheStore:
    """Per-user caches in this process, least recently used dropped first, each kept for ttl_s."""

    def __init__(
        self, max_users: int = 1024, *, ttl_s: float = DEFAULT_TTL_S, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._max_users = max_users
        self._ttl_s = ttl_s
        self._clock = clock
        self._caches: OrderedDict[str, tuple[float, str]] = OrderedDict()
        self._lock = threading.Lock()

    def load(self, user_key: str) -> str | None:
        with self._lock:
            found = self._caches.get(user_key)
            if found is None:
                return None
            if found[0] <= self._clock():
                del self._caches[user_key]
                return None
            self._caches.move_to_end(user_key)
            return found[1]

    def save(self, user_key: str, blob: str) -> None:
        with self._lock:
            self._caches[user_key] = (self._clock() + self._ttl_s, blob)
            self._caches.move_to_end(user_key)
            while len(self._caches) > self._max_users:
                self._caches.popitem(last=False)

    def forget(self, user_key: str) -> None:
        with self._lock:
            self._caches.pop(user_key, None)

    def __len__(self) -> int:
        with self._lock:
            return len(self._caches)


def derive_cache_key(secret: bytes) -> bytes:
    """A 256-bit AES key for the token cache, derived with HKDF-SHA256 from a configured secret."""
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=b"kollega token cache", info=b"aes-256-gcm v1").derive(
        secret
    )


class RedisTokenCacheStore:
    """Per-user caches in Redis, shared by all workers, each sealed with AES-256-GCM."""

    def __init__(self, client: Any, key: bytes, *, ttl_s: int = DEFAULT_TTL_S, prefix: str = "kollega:msal:") -> None:
        self._redis = client
        self._aead = AESGCM(key)
        self._ttl_s = ttl_s
        self._prefix = prefix

    @classmethod
    def from_url(cls, url: str, key: bytes, **kwargs: Any) -> RedisTokenCacheStore:
        import redis  # only needed when KOLLEGA_REDIS_URL is set

        client = redis.Redis.from_url(url, socket_timeout=2.0, socket_connect_timeout=2.0)
        return cls(client, key, **kwargs)

    def redis_key(self, user_key: str) -> str:
        # Hashed so that a listing of Redis shows no tenant or object ids.
        return self._prefix + hashlib.sha256(user_key.encode("utf-8")).hexdigest()

    def load(self, user_key: str) -> str | None:
        try:
            sealed = self._redis.get(self.redis_key(user_key))
        except Exception as exc:  # a cache outage must not stop the request: OBO still works without it
            log.warning("Token cache read from Redis failed (%s); going without the cache", type(exc).__name__)
            return None
        if sealed is None:
            return None
        return self._open(sealed, user_key)

    def save(self, user_key: str, blob: str) -> None:
        try:
            self._redis.set(self.redis_key(user_key), self._seal(blob, user_key), ex=self._ttl_s)
        except Exception as exc:
            log.warning("Token cache write to Redis failed (%s)", type(exc).__name__)

    def forget(self, user_key: str) -> None:
        try:
            self._redis.delete(self.redis_key(user_key))
        except Exception as exc:
            log.warning("Token cache delete in Redis failed (%s)", type(exc).__name__)

    def _seal(self, blob: str, user_key: str) -> bytes:
        nonce = os.urandom(_NONCE_BYTES)
        # The user key is bound as associated data, so a blob copied to another user's key
        # fails to open instead of handing that user someone else's Graph token.
        return _FORMAT + nonce + self._aead.encrypt(nonce, blob.encode("utf-8"), user_key.encode("utf-8"))

    def _open(self, sealed: bytes, user_key: str) -> str | None:
        if not sealed.startswith(_FORMAT) or len(sealed) < len(_FORMAT) + _NONCE_BYTES + 16:
            log.warning("Token cache entry in Redis has an unknown format; ignoring it")
            return None
        nonce = sealed[len(_FORMAT) : len(_FORMAT) + _NONCE_BYTES]
        try:
            plain = self._aead.decrypt(nonce, sealed[len(_FORMAT) + _NONCE_BYTES :], user_key.encode("utf-8"))
        except InvalidTag:
            # Expected after the cache key or client secret changes: the entry is simply rebuilt.
            log.warning("Token cache entry in Redis could not be decrypted; ignoring it")
            return None
        return plain.decode("utf-8")


MIN_CACHE_KEY_CHARS = 32


def _key_material(settings: Settings, cache_key: str | None) -> bytes:
    if cache_key:
        if len(cache_key) < MIN_CACHE_KEY_CHARS:
            raise ConfigError(
                "KOLLEGA_TOKEN_CACHE_KEY",
                f"is shorter than {MIN_CACHE_KEY_CHARS} characters",
                "Use a random value, e.g. from: python -c 'import secrets; print(secrets.token_urlsafe(32))'",
            )
        return cache_key.encode("utf-8")
    if settings.entra_client_secret:
        return settings.entra_client_secret.encode("utf-8")
    if settings.entra_client_cert is not None:
        pem = settings.entra_client_cert.read_bytes()
        private_key = serialization.load_pem_private_key(pem, password=None)
        return private_key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    raise GraphNotConfigured()


def token_cache_store(settings: Settings, *, cache_key: str | None = None) -> TokenCacheStore:
    """Redis when KOLLEGA_REDIS_URL is set (key from KOLLEGA_TOKEN_CACHE_KEY, else the credential), else memory."""
    ttl_s = settings.graph_token_cache_ttl_s
    if not settings.redis_url:
        return MemoryTokenCacheStore(ttl_s=ttl_s)
    key = derive_cache_key(_key_material(settings, cache_key))
    return RedisTokenCacheStore.from_url(settings.redis_url, key, ttl_s=ttl_s)
