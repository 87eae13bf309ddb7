"""Whether a host name or address is this machine: the one test behind every "http only for loopback" rule."""

from __future__ import annotations

import ipaddress


def is_loopback(host: str) -> bool:
    """`localhost`, 127.0.0.0/8 or ::1 (brackets allowed, as in a URL); any other name is not.

    The one rule behind every "plain http only for loopback" check (settings, Entra ID, Graph, manifests).
    """
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
