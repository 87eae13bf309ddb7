"""Finding 7: deployment defaults. A NetworkPolicy for the pods; Redis with a password and no persistence
in the compose file and in the VM guide. (The Dockerfile's hashes and pinned base image are checked with
the container files, tests/infra/test_container.py.)"""

from __future__ import annotations

import ipaddress
import re
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from backend.settings import REPO_ROOT, load_settings
from tests.limits.ratelimit_support import free_port

K8S = REPO_ROOT / "infra" / "k8s"
COMPOSE = REPO_ROOT / "infra" / "container" / "compose.yaml"
VM_GUIDE = REPO_ROOT / "docs" / "deploy" / "README.md"
VM_ENV = REPO_ROOT / "infra" / "vm" / "kollega.env.example"
PRIVATE = [ipaddress.ip_network(n) for n in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16")]


def network_policies() -> list[dict[str, Any]]:
    docs = [doc for doc in yaml.safe_load_all((K8S / "networkpolicy.yaml").read_text()) if doc]
    assert all(doc["kind"] == "NetworkPolicy" for doc in docs)
    return docs


def pod_labels() -> dict[str, str]:
    deployment = yaml.safe_load((K8S / "deployment.yaml").read_text())
    labels: dict[str, str] = deployment["spec"]["template"]["metadata"]["labels"]
    return labels


def test_a_network_policy_selects_the_kollega_pods_both_ways() -> None:
    (policy,) = network_policies()
    selector = policy["spec"]["podSelector"]["matchLabels"]
    assert selector.items() <= pod_labels().items()
    assert sorted(policy["spec"]["policyTypes"]) == ["Egress", "Ingress"]
    kustomization = yaml.safe_load((K8S / "kustomization.yaml").read_text())
    assert "networkpolicy.yaml" in kustomization["resources"]


def test_only_the_ingress_controller_and_prometheus_reach_the_pods_on_the_http_port() -> None:
    (policy,) = network_policies()
    rules = policy["spec"]["ingress"]
    sources = []
    for rule in rules:
        assert rule["ports"] == [{"protocol": "TCP", "port": "http"}] or rule["ports"] == [
            {"protocol": "TCP", "port": 8000}]
        for peer in rule["from"]:
            # Always a namespace and pods in it, never an ipBlock or an empty selector (everyone).
            assert set(peer) == {"namespaceSelector", "podSelector"}, peer
            assert peer["namespaceSelector"]["matchLabels"] and peer["podSelector"]["matchLabels"]
            sources.append(peer["namespaceSelector"]["matchLabels"]["kubernetes.io/metadata.name"])
    assert sources == ["ingress-nginx", "monitoring"]


def test_the_pods_reach_only_dns_redis_postgresql_and_https_outside_the_private_ranges() -> None:
    (policy,) = network_policies()
    ports_seen: set[int] = set()
    for rule in policy["spec"]["egress"]:
        assert rule.get("ports"), "an egress rule without ports allows everything"
        ports = {p["port"] for p in rule["ports"]}
        ports_seen |= ports
        if ports == {443}:
            # Entra ID and Graph are on the internet: 443 anywhere but the organisation's own networks
            # and the cloud metadata address.
            (peer,) = rule["to"]
            block = peer["ipBlock"]
            assert block["cidr"] == "0.0.0.0/0"
            assert {ipaddress.ip_network(n) for n in block["except"]} >= set(PRIVATE)
        else:
            assert rule["to"], "every egress rule names where it goes"
            for peer in rule["to"]:
                assert "ipBlock" not in peer or ipaddress.ip_network(peer["ipBlock"]["cidr"]).prefixlen >= 8
    assert ports_seen == {53, 6379, 5432, 443}


def _compose() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(COMPOSE.read_text())
    return data


def test_compose_redis_needs_a_password_and_keeps_nothing_on_disk() -> None:
    compose = _compose()
    redis = compose["services"]["redis"]
    command = redis["command"]
    assert command[0] == "redis-server"
    options = dict(zip(command[1::2], command[2::2], strict=True))
    assert options["--save"] == "" and options["--appendonly"] == "no"
    assert re.fullmatch(r"\$\{REDIS_PASSWORD:\?[^}]+\}", options["--requirepass"])
    assert "volumes" not in redis
    # The health check authenticates (REDISCLI_AUTH keeps the password off the command line).
    assert redis["environment"]["REDISCLI_AUTH"] == options["--requirepass"]
    url = compose["services"]["kollega"]["environment"]["KOLLEGA_REDIS_URL"]
    assert re.fullmatch(r"redis://:\$\{REDIS_PASSWORD:\?[^}]+\}@redis:6379/0", url)
    filled = re.sub(r"\$\{REDIS_PASSWORD:\?[^}]+\}", "s3cret-test", url)
    settings = load_settings({"KOLLEGA_AUTH_MODE": "dev", "KOLLEGA_REDIS_URL": filled})
    assert settings.redis_url == "redis://:s3cret-test@redis:6379/0"
    assert "REDIS_PASSWORD" in COMPOSE.read_text().split("name: kollega")[0]  # the set-up steps say how


def test_the_vm_guide_sets_a_redis_password_and_turns_persistence_off() -> None:
    guide = VM_GUIDE.read_text()
    assert re.search(r"requirepass", guide)
    assert re.search(r"save ['\"]{2}", guide) and "appendonly no" in guide
    assert re.search(r"KOLLEGA_REDIS_URL=redis://:[^@\s]+@127\.0\.0\.1:6379/0", guide)
    assert re.search(r"#KOLLEGA_REDIS_URL=redis://:[^@\s]+@127\.0\.0\.1:6379/0", VM_ENV.read_text())


def _start_redis(args: list[str], folder: Path) -> tuple[subprocess.Popen[bytes], int]:
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed")
    port = free_port()
    process = subprocess.Popen([binary, *args, "--port", str(port), "--bind", "127.0.0.1", "--dir", str(folder)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    return process, port


def _check_locked_and_volatile(port: int, password: str) -> None:
    import redis

    deadline = time.monotonic() + 10
    while True:
        try:
            redis.Redis(port=port, socket_timeout=2).ping()
        except redis.AuthenticationError:
            break  # up, and refusing a client without the password
        except redis.ConnectionError:
            assert time.monotonic() < deadline, "redis-server did not start"
            time.sleep(0.05)
            continue
        raise AssertionError("Redis answered without a password")
    client = redis.Redis.from_url(f"redis://:{password}@127.0.0.1:{port}/0", socket_timeout=2)
    assert client.ping()
    assert client.config_get("save") == {"save": ""}
    assert client.config_get("appendonly") == {"appendonly": "no"}


def test_the_compose_redis_command_really_locks_redis(tmp_path: Path) -> None:
    """The compose file's own command line, run by a real redis-server."""
    command = _compose()["services"]["redis"]["command"]
    args = [re.sub(r"\$\{REDIS_PASSWORD:\?[^}]+\}", "compose-test-pw", part) for part in command[1:]]
    process, port = _start_redis(args, tmp_path)
    try:
        _check_locked_and_volatile(port, "compose-test-pw")
    finally:
        process.terminate()
        process.wait(10)


def test_the_vm_guides_redis_lines_really_lock_redis(tmp_path: Path) -> None:
    """The guide's printf line, run by bash into a config file that a real redis-server reads."""
    (line,) = [x for x in VM_GUIDE.read_text().splitlines() if ">> /etc/redis/redis.conf" in x]
    conf = tmp_path / "redis.conf"
    conf.write_text("# Debian's file would be here\n")
    subprocess.run(["bash", "-c", line.replace("/etc/redis/redis.conf", str(conf))], check=True,
                   env={"REDIS_PASSWORD": "vm-test-pw", "PATH": "/usr/bin:/bin"})
    process, port = _start_redis([str(conf)], tmp_path)
    try:
        _check_locked_and_volatile(port, "vm-test-pw")
    finally:
        process.terminate()
        process.wait(10)
