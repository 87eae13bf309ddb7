"""The Kubernetes manifests (infra/k8s/): valid against the Kubernetes API schemas (the PyPI package
kubernetes-validate, strict, for the oldest and newest versions we support), consistent with each
other, and using only settings that backend/settings.py reads."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml

from backend.settings import REPO_ROOT, Settings, load_settings

K8S = REPO_ROOT / "infra" / "k8s"
# The oldest Kubernetes release still common in on-premises clusters, and the newest the pinned
# kubernetes-validate knows.
KUBERNETES_VERSIONS = ("1.30.0", "1.37.0")
# What deployment.yaml is sized for: Qwen2.5-1.5B-Instruct in int4 (docs/models.md), in GB.
MODEL_FOLDER_GB = 1.0

Manifest = dict[str, Any]


def known_settings() -> set[str]:
    return set(re.findall(r'"(KOLLEGA_[A-Z0-9_]+)"', (REPO_ROOT / "backend" / "settings.py").read_text()))


def manifest_files() -> list[Path]:
    return sorted(p for p in [*K8S.glob("*.yaml"), *K8S.glob("examples/*.yaml")] if p.name != "kustomization.yaml")


def load(path: Path) -> list[Manifest]:
    return [doc for doc in yaml.safe_load_all(path.read_text()) if doc]


@pytest.fixture(scope="module")
def objects() -> dict[tuple[str, str], Manifest]:
    found: dict[tuple[str, str], Manifest] = {}
    for path in manifest_files():
        for doc in load(path):
            key = (doc["kind"], doc["metadata"]["name"])
            assert key not in found, f"{key} is defined twice"
            found[key] = doc
    return found


def gigabytes(quantity: str) -> float:
    units = {"Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "K": 1e3, "M": 1e6, "G": 1e9}
    for unit, factor in units.items():
        if quantity.endswith(unit):
            return float(quantity[: -len(unit)]) * factor / 1e9
    return float(quantity) / 1e9


@pytest.mark.parametrize("version", KUBERNETES_VERSIONS)
@pytest.mark.parametrize("path", manifest_files(), ids=lambda p: str(p.relative_to(K8S)))
def test_manifest_is_valid_for_kubernetes(path: Path, version: str) -> None:
    for doc in load(path):
        # strict: unknown fields (a typo such as `readinesProbe`) are errors, not silently ignored.
        kubernetes_validate.validate(doc, version, strict=True)


def test_kustomization_lists_every_manifest_but_the_examples() -> None:
    kustomization = yaml.safe_load((K8S / "kustomization.yaml").read_text())
    listed = set(kustomization["resources"])
    present = {p.name for p in K8S.glob("*.yaml")} - {"kustomization.yaml"}
    assert listed == present


def test_everything_lives_in_the_kollega_namespace(objects: dict[tuple[str, str], Manifest]) -> None:
    namespace = objects[("Namespace", "kollega")]
    assert namespace["metadata"]["labels"]["pod-security.kubernetes.io/enforce"] == "restricted"
    for (kind, name), doc in objects.items():
        if kind != "Namespace":
            assert doc["metadata"]["namespace"] == "kollega", f"{kind}/{name}"


def _pod(doc: Manifest) -> Manifest:
    template: Manifest = doc["spec"]["template"]["spec"]
    return template


def test_pods_meet_the_restricted_pod_security_standard(objects: dict[tuple[str, str], Manifest]) -> None:
    for (kind, name), doc in objects.items():
        if kind not in ("Deployment", "Job"):
            continue
        pod = _pod(doc)
        assert pod["securityContext"]["runAsNonRoot"] is True, name
        assert pod["securityContext"]["seccompProfile"]["type"] == "RuntimeDefault", name
        assert pod["automountServiceAccountToken"] is False, name
        # Kubernetes would otherwise set KOLLEGA_PORT=tcp://... for the Service named kollega.
        assert pod["enableServiceLinks"] is False, name
        for container in pod["containers"]:
            context = container["securityContext"]
            assert context["allowPrivilegeEscalation"] is False
            assert context["capabilities"]["drop"] == ["ALL"]
            assert context["readOnlyRootFilesystem"] is True


def test_deployment_probes_health_readiness_and_startup(objects: dict[tuple[str, str], Manifest]) -> None:
    container = _pod(objects[("Deployment", "kollega")])["containers"][0]
    ports = {port["name"]: port["containerPort"] for port in container["ports"]}
    assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"
    assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
    startup = container["startupProbe"]
    assert startup["httpGet"]["path"] == "/healthz"
    # Time for a large model to load before liveness counts.
    assert startup["periodSeconds"] * startup["failureThreshold"] >= 120
    for probe in ("livenessProbe", "readinessProbe", "startupProbe"):
        assert container[probe]["httpGet"]["port"] in ports
    config = objects[("ConfigMap", "kollega-config")]["data"]
    assert ports["http"] == int(config["KOLLEGA_PORT"])


def test_termination_grace_outlasts_the_drain(objects: dict[tuple[str, str], Manifest]) -> None:
    pod = _pod(objects[("Deployment", "kollega")])
    config = objects[("ConfigMap", "kollega-config")]["data"]
    grace = float(config["KOLLEGA_SHUTDOWN_GRACE"])
    pre_stop = pod["containers"][0]["lifecycle"]["preStop"]["exec"]["command"]
    assert pre_stop[0] == "sleep"
    # preStop, then the drain, then up to 15 s for gunicorn to exit (backend/server.py).
    assert pod["terminationGracePeriodSeconds"] > int(pre_stop[1]) + grace + 15


def test_resources_follow_the_measured_memory(objects: dict[tuple[str, str], Manifest]) -> None:
    container = _pod(objects[("Deployment", "kollega")])["containers"][0]
    config = objects[("ConfigMap", "kollega-config")]["data"]
    requests, limits = container["resources"]["requests"], container["resources"]["limits"]
    processes, threads = int(config["KOLLEGA_ENGINE_PROCESSES"]), int(config["KOLLEGA_ENGINE_THREADS"])
    workers = int(config["KOLLEGA_WORKERS"])
    # One core per intra-op thread of each runner.
    assert float(requests["cpu"]) == processes * threads
    # Supervisor and master ~0.1 GB, workers ~0.1 GB each, runners ~1.2 x model + 0.15 GB (+ KV cache).
    floor = 0.1 + workers * 0.1 + processes * (1.2 * MODEL_FOLDER_GB + 0.15)
    assert gigabytes(requests["memory"]) >= floor
    # Memory is not overcommitted: the kernel's OOM killer would pick a runner mid-answer.
    assert requests["memory"] == limits["memory"]


def test_settings_come_from_the_configmap_and_the_secret(objects: dict[tuple[str, str], Manifest]) -> None:
    container = _pod(objects[("Deployment", "kollega")])["containers"][0]
    sources = {next(iter(source)): next(iter(source.values()))["name"] for source in container["envFrom"]}
    assert sources == {"configMapRef": "kollega-config", "secretRef": "kollega-secrets"}
    config = objects[("ConfigMap", "kollega-config")]["data"]
    secret = objects[("Secret", "kollega-secrets")]["stringData"]
    names = set(config) | set(secret) | {env["name"] for env in container.get("env", [])}
    assert names <= known_settings(), names - known_settings()
    settings = load_settings({**config, **secret})
    assert settings.auth_mode == "entra" and settings.host == "0.0.0.0" and settings.trusted_proxies == 1
    assert settings.database_url and settings.database_url.startswith("postgresql+psycopg://")
    assert settings.redis_url and settings.engine_processes == int(config["KOLLEGA_ENGINE_PROCESSES"])


def test_volumes_and_claims_match(objects: dict[tuple[str, str], Manifest]) -> None:
    pod = _pod(objects[("Deployment", "kollega")])
    volumes = {volume["name"]: volume for volume in pod["volumes"]}
    mounts = {mount["mountPath"]: mount for mount in pod["containers"][0]["volumeMounts"]}
    assert mounts["/models"]["readOnly"] is True
    claim = volumes[mounts["/models"]["name"]]["persistentVolumeClaim"]["claimName"]
    assert ("PersistentVolumeClaim", claim) in objects
    config = objects[("ConfigMap", "kollega-config")]["data"]
    assert config["KOLLEGA_MODEL_PATH"].startswith("/models/")
    # The image's instance folder (infra/container/Dockerfile) is writable: an emptyDir.
    assert "emptyDir" in volumes[mounts["/var/lib/kollega"]["name"]]


def test_service_ingress_hpa_and_pdb_point_at_the_deployment(objects: dict[tuple[str, str], Manifest]) -> None:
    deployment = objects[("Deployment", "kollega")]
    labels = deployment["spec"]["template"]["metadata"]["labels"]
    assert deployment["spec"]["selector"]["matchLabels"].items() <= labels.items()
    service = objects[("Service", "kollega")]
    assert service["spec"]["selector"].items() <= labels.items()
    port_names = {port["name"] for port in _pod(deployment)["containers"][0]["ports"]}
    assert {port["targetPort"] for port in service["spec"]["ports"]} <= port_names
    service_ports = {port["name"] for port in service["spec"]["ports"]}
    ingress = objects[("Ingress", "kollega")]
    for rule in ingress["spec"]["rules"]:
        for path in rule["http"]["paths"]:
            backend = path["backend"]["service"]
            assert backend["name"] == "kollega" and backend["port"]["name"] in service_ports
    pdb = objects[("PodDisruptionBudget", "kollega")]
    assert pdb["spec"]["selector"]["matchLabels"].items() <= labels.items()
    hpa = objects[("HorizontalPodAutoscaler", "kollega")]
    assert hpa["spec"]["scaleTargetRef"] == {"apiVersion": "apps/v1", "kind": "Deployment", "name": "kollega"}
    assert hpa["spec"]["minReplicas"] >= 2
    assert hpa["spec"]["metrics"][0]["resource"]["name"] == "cpu"


def test_ingress_is_tls_and_stream_friendly(objects: dict[tuple[str, str], Manifest]) -> None:
    ingress = objects[("Ingress", "kollega")]
    notes = ingress["metadata"]["annotations"]
    assert notes["nginx.ingress.kubernetes.io/proxy-buffering"] == "off"
    assert int(notes["nginx.ingress.kubernetes.io/proxy-read-timeout"]) > Settings().request_timeout_s
    assert notes["nginx.ingress.kubernetes.io/proxy-body-size"] == "1m"
    assert Settings().max_body_bytes == 1024 * 1024
    assert notes["nginx.ingress.kubernetes.io/client-body-buffer-size"] == "1m"
    hosts = {rule["host"] for rule in ingress["spec"]["rules"]}
    assert hosts <= {host for tls in ingress["spec"]["tls"] for host in tls["hosts"]}
    paths = {path["path"] for rule in ingress["spec"]["rules"] for path in rule["http"]["paths"]}
    # The task pane, the API and the gateway; /metrics stays inside the cluster.
    assert paths == {"/api/v1", "/v1", "/taskpane"}
