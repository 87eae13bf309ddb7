"""When Kollega's Entra credential runs out: the certificate's NotAfter, or the secret's configured expiry.

An expired credential makes every thread summary fail (Entra answers invalid_client, Kollega 502), so the
expiry is a metric (backend.metrics) and infra/prometheus/kollega-rules.yaml warns weeks ahead.
"""

from __future__ import annotations

import logging
from datetime import datetime

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from backend.settings import Settings

log = logging.getLogger(__name__)


def certificate_not_after(pem: bytes) -> datetime | None:
    """NotAfter of the certificate in `pem` that matches the file's private key (as on-behalf-of uses it)."""
    try:
        key = serialization.load_pem_private_key(pem, password=None)
        certificates = x509.load_pem_x509_certificates(pem)
    except (ValueError, TypeError):
        return None
    spki = (serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    own = key.public_key().public_bytes(*spki)
    for certificate in certificates:
        if certificate.public_key().public_bytes(*spki) == own:
            return certificate.not_valid_after_utc
    return None


def credential_expiry(settings: Settings) -> dict[str, datetime]:
    """The configured credentials and when each expires: "certificate" and/or "secret"."""
    found: dict[str, datetime] = {}
    if settings.entra_client_cert is not None:
        try:
            not_after = certificate_not_after(settings.entra_client_cert.read_bytes())
        except OSError:
            not_after = None
        if not_after is None:
            log.warning("KOLLEGA_ENTRA_CLIENT_CERT holds no certificate matching its key; no expiry metric")
        else:
            found["certificate"] = not_after
    if settings.entra_client_secret and settings.entra_client_secret_expires is not None:
        found["secret"] = settings.entra_client_secret_expires
    return found
