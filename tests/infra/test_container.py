"""The container files (infra/container/), checked as far as is honest without a container engine that can run
here (podman from Debian installs, but its runtime cannot start a container on these machines): the Dockerfile's
paths, base image digest, hash-locked dependencies, the release wheel, user, health check and command; the
ignore file; the compose file's services, volumes and settings. The health check's command is run against a
real server."""

from __future__ import annotations

import fnmatch
import json
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import dockerfile as buildkit_dockerfile  # BuildKit's own parser, compiled from Go
import pytest
import yaml

from backend.settings import REPO_ROOT, Settings, load_settings
from tests.conftest import ServerProcess, free_port

CONTAINER = REPO_ROOT / "infra" / "container"
DOCKERFILE = CONTAINER / "Dockerfile"
IGNORE = CONTAINER / "Dockerfile.dockerignore"
COMPOSE = CONTAINER / "compose.yaml"
ENV_EXAMPLE = CONTAINER / "kollega.env.example"
HASHES = CONTAINER / "requirements.hashes.txt"


def known_settings() -> set[str]:
    return set(re.findall(r'"(KOLLEGA_[A-Z0-9_]+)"', (REPO_ROOT / "backend" / "settings.py").read_text()))


@dataclass(frozen=True)
class Instruction:
    name: str
    flags: tuple[str, ...]
    args: str  # the rest of the line, continuations joined

    @property
    def words(self) -> list[str]:
        """Exec (JSON) form as a list; shell form split like a shell would."""
        if self.args.startswith("["):
            return list(json.loads(self.args))
        return shlex.split(self.args)


def parse_dockerfile(text: str) -> list[Instruction]:
    """A small Dockerfile reader: comments dropped, backslash continuations joined, --flags split off."""
    logical: list[str] = []
    current = ""
    for line in text.splitlines():
        if not current and (not line.strip() or line.lstrip().startswith("#")):
            continue
        if line.rstrip().endswith("\\"):
            current += line.rstrip()[:-1] + " "
        else:
            logical.append(current + line)
            current = ""
    instructions = []
    for line in logical:
        name, _, rest = line.strip().partition(" ")
        rest = rest.strip()
        flags = []
        while rest.startswith("--"):
            flag, _, rest = rest.partition(" ")
            flags.append(flag)
            rest = rest.strip()
        instructions.append(Instruction(name.upper(), tuple(flags), rest))
    return instructions


def stages(instructions: list[Instruction]) -> list[list[Instruction]]:
    result: list[list[Instruction]] = []
    for instruction in instructions:
        if instruction.name == "FROM":
            result.append([])
        result[-1].append(instruction)
    return result


@pytest.fixture(scope="module")
def dockerfile() -> list[Instruction]:
    return parse_dockerfile(DOCKERFILE.read_text())


def env_of(stage: list[Instruction]) -> dict[str, str]:
    values: dict[str, str] = {}
    for instruction in stage:
        if instruction.name == "ENV":
            for word in instruction.words:
                key, _, value = word.partition("=")
                values[key] = value
    return values


def test_buildkits_own_parser_reads_the_same_instructions(dockerfile: list[Instruction]) -> None:
    official = buildkit_dockerfile.parse_file(str(DOCKERFILE))
    assert [command.cmd.upper() for command in official] == [instruction.name for instruction in dockerfile]


# --- the Dockerfile -----------------------------------------------------------------------------------

def test_one_stage_on_a_base_image_pinned_by_digest(dockerfile: list[Instruction]) -> None:
    froms = [instruction.words for instruction in dockerfile if instruction.name == "FROM"]
    assert len(froms) == 1, "the wheel carries the built task pane: no Node stage"
    image = froms[0][0]
    name, _, digest = image.partition("@")
    assert re.fullmatch(r"sha256:[0-9a-f]{64}", digest), f"{image} is not pinned by digest"
    tag = name.partition(":")[2]
    # The tag stays for people to read: a full version, never `latest` or a moving major tag.
    assert re.match(r"^\d+\.\d+\.\d+(-[a-z0-9.-]+)?$", tag), f"{image} is not pinned to a release"
    assert name.startswith("python:3.11.") and "slim" in name


def test_installs_kollega_from_the_checked_release_wheel(dockerfile: list[Instruction]) -> None:
    runtime = stages(dockerfile)[0]
    copies = [i.words for i in runtime if i.name == "COPY"]
    wheel_copy = next(words for words in copies if any(w.startswith("dist/kollega-") for w in words))
    assert "dist/SHA256SUMS" in wheel_copy
    runs = " ".join(i.args for i in runtime if i.name == "RUN")
    assert "sha256sum --check" in runs and "SHA256SUMS" in runs
    assert re.search(r"pip install --no-deps --no-index /tmp/dist/kollega-\*\.whl", runs)
    assert "pip check" in runs
    # Nothing of the source tree goes in: no backend/, taskpane/ or addin-manifest/ copies, no editable install.
    sources = [w for words in copies for w in words[:-1]]
    assert not [w for w in sources if w.startswith(("backend", "taskpane", "addin-manifest", "pyproject"))]
    assert "-e ." not in runs
    # The wheel finds its task pane itself; nothing points the server into a source tree.
    assert "KOLLEGA_TASKPANE_DIR" not in env_of(runtime)
    # The pattern COPY uses matches the file name `make dist` writes (build's wheel naming).
    pattern = next(w for w in wheel_copy if w.startswith("dist/kollega-"))
    assert fnmatch.fnmatchcase("dist/kollega-0.1.0-py3-none-any.whl", pattern)


def test_every_copied_path_exists_and_is_not_ignored(dockerfile: list[Instruction]) -> None:
    patterns = ignore_patterns()
    sources = [word for i in dockerfile if i.name == "COPY" and not any(f.startswith("--from") for f in i.flags)
               for word in i.words[:-1]]
    assert sources
    for source in sources:
        # dist/ is written by `make dist` just before the build; the rest is in the repository.
        if not source.startswith("dist/"):
            assert (REPO_ROOT / source).exists(), f"COPY {source}: no such path in the repository"
        example = source.replace("*", "0.1.0-py3-none-any")
        assert not ignored(example.rstrip("/"), patterns), f"COPY {source} is excluded by {IGNORE.name}"


def test_dependencies_are_installed_by_hash(dockerfile: list[Instruction]) -> None:
    runtime = stages(dockerfile)[0]
    installs = " ".join(i.args for i in runtime if i.name == "RUN" and "pip install" in i.args)
    assert "--require-hashes" in installs and "-r /tmp/requirements.hashes.txt" in installs
    assert any(i.name == "COPY" and i.words[0] == "infra/container/requirements.hashes.txt" for i in runtime)


def _hash_lock() -> dict[str, tuple[str, list[str]]]:
    """requirements.hashes.txt as {canonical name: (version, hashes)}."""
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    text = HASHES.read_text().replace("\\\n", " ")
    entries = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        assert not line.startswith("-"), f"{HASHES.name}: options such as {line.split()[0]} do not belong here"
        spec, *rest = line.split()
        requirement = Requirement(spec)
        hashes = [word.removeprefix("--hash=sha256:") for word in rest]
        assert hashes and all(re.fullmatch(r"[0-9a-f]{64}", h) for h in hashes), f"{spec} has no sha256 hashes"
        [pin] = requirement.specifier
        assert pin.operator == "==", f"{spec} is not pinned exactly"
        entries[canonicalize_name(requirement.name)] = (pin.version, hashes)
    return entries


def test_hash_lock_is_in_step_with_requirements_lock_and_pyproject() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("runtime_requirements", CONTAINER / "runtime_requirements.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    hashed = _hash_lock()
    pins = module.lock_pins()
    # Every hashed package at the version requirements.lock pins ...
    for name, (version, _) in hashed.items():
        assert name in pins, f"{name} is in {HASHES.name} but not in requirements.lock"
        assert pins[name][1] == version, f"{name}: {HASHES.name} has {version}, requirements.lock {pins[name][1]}"
    # ... and exactly the packages `pip install kollega` needs: regenerate the file when this fails
    # (the command is in infra/container/runtime_requirements.py).
    closure = set(module.runtime_closure())
    assert set(hashed) == closure, f"missing: {sorted(closure - set(hashed))}, extra: {sorted(set(hashed) - closure)}"
    assert {"onnxruntime-genai", "psycopg-binary", "markdown-it-py"} <= closure


def test_runs_as_a_non_root_user(dockerfile: list[Instruction]) -> None:
    runtime = stages(dockerfile)[0]
    users = [i.args for i in runtime if i.name == "USER"]
    assert users, "no USER: the image would run as root"
    uid = users[-1].split(":")[0]
    assert uid.isdigit() and int(uid) >= 1000
    created = " ".join(i.args for i in runtime if i.name == "RUN")
    assert f"--uid {uid}" in created
    # Nothing runs after the switch that would need root.
    after = runtime[[i.name for i in runtime].index("USER"):]
    assert not any(i.name == "RUN" for i in after)


def test_serves_kollega_on_8000_with_a_health_check(dockerfile: list[Instruction]) -> None:
    runtime = stages(dockerfile)[0]
    env = env_of(runtime)
    assert env["KOLLEGA_HOST"] == "0.0.0.0" and env["KOLLEGA_PORT"] == "8000"
    assert {name for name in env if name.startswith("KOLLEGA_")} <= known_settings()
    assert [i.args for i in runtime if i.name == "EXPOSE"] == ["8000"]
    assert [i.words for i in runtime if i.name == "CMD"] == [["kollega", "serve"]]
    assert [i.words for i in runtime if i.name == "ENTRYPOINT"] == [["/usr/bin/tini", "--"]]
    volumes = [json.loads(i.args) for i in runtime if i.name == "VOLUME"]
    assert volumes == [["/models", env["KOLLEGA_INSTANCE_PATH"]]]
    health = [i for i in runtime if i.name == "HEALTHCHECK"]
    assert len(health) == 1 and "/healthz" in health[0].args
    assert health[0].words[0] == "CMD"


def _healthcheck_command(dockerfile: list[Instruction]) -> list[str]:
    health = next(i for i in stages(dockerfile)[0] if i.name == "HEALTHCHECK")
    words = json.loads(health.args[len("CMD"):].strip())
    assert words[0] == "python"
    return [sys.executable, *words[1:]]


@pytest.mark.integration
def test_the_health_check_command_passes_on_a_live_server_and_fails_on_none(
        dockerfile: list[Instruction], tmp_path: Path, tiny_model: Path) -> None:
    command = _healthcheck_command(dockerfile)
    server = ServerProcess(tmp_path / "instance", tiny_model)
    try:
        server.wait_ready()
        alive = subprocess.run(command, env={"KOLLEGA_PORT": str(server.port)}, capture_output=True, timeout=30)
        assert alive.returncode == 0, alive.stderr
    finally:
        server.stop()
    dead = subprocess.run(command, env={"KOLLEGA_PORT": str(free_port())}, capture_output=True, timeout=30)
    assert dead.returncode != 0


# --- the ignore file ----------------------------------------------------------------------------------

def ignore_patterns() -> list[str]:
    lines = [line.strip() for line in IGNORE.read_text().splitlines()]
    return [line for line in lines if line and not line.startswith("#")]


def ignored(path: str, patterns: list[str]) -> bool:
    """Docker's rule, close enough for these patterns: the last matching pattern wins (`!` re-includes),
    a pattern matches a path or any folder above it, and `**/` matches at any depth."""
    parts = path.split("/")
    prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    result = False
    for raw in patterns:
        pattern = raw.lstrip("!").strip("/")
        if any(_matches(prefix, pattern) for prefix in prefixes):
            result = not raw.startswith("!")
    return result


def _matches(path: str, pattern: str) -> bool:
    if pattern.startswith("**/"):
        segments = path.split("/")
        return any(fnmatch.fnmatchcase("/".join(segments[i:]), pattern[3:]) for i in range(len(segments)))
    return fnmatch.fnmatchcase(path, pattern)


@pytest.mark.parametrize("path", [".git", ".venv", "taskpane/node_modules", "addin-manifest/node_modules",
                                  "instance/models/small", "taskpane/dist", ".env", "test-artifacts",
                                  "backend/__pycache__", "kollega.egg-info", "infra/container/kollega.env",
                                  "backend/settings.py", "dist/kollega-0.1.0.tar.gz", "key.pem",
                                  "infra/container/Dockerfile"])
def test_ignore_file_keeps_local_and_secret_things_out(path: str) -> None:
    assert ignored(path, ignore_patterns()), path


@pytest.mark.parametrize("path", ["dist/kollega-0.1.0-py3-none-any.whl", "dist/SHA256SUMS",
                                  "infra/container/requirements.hashes.txt"])
def test_ignore_file_lets_in_only_what_the_build_copies(path: str) -> None:
    assert not ignored(path, ignore_patterns()), path


# --- the compose file ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    data = yaml.safe_load(COMPOSE.read_text())
    assert isinstance(data, dict)
    return data


def test_compose_builds_this_dockerfile_from_the_repository_root(compose: dict[str, Any]) -> None:
    build = compose["services"]["kollega"]["build"]
    assert (CONTAINER / build["context"]).resolve() == REPO_ROOT.resolve()
    assert (REPO_ROOT / build["dockerfile"]).resolve() == DOCKERFILE.resolve()


def test_compose_references_only_defined_services_and_volumes(compose: dict[str, Any]) -> None:
    services = compose["services"]
    assert {"kollega", "postgres", "redis"} <= set(services)
    declared = set(compose["volumes"])
    for name, service in services.items():
        for dependency in service.get("depends_on", {}):
            assert dependency in services, f"{name} depends on unknown service {dependency}"
            assert "healthcheck" in services[dependency], f"{dependency} has no healthcheck to wait for"
            assert service["depends_on"][dependency]["condition"] == "service_healthy"
        for volume in service.get("volumes", []):
            source = volume.split(":")[0]
            if not source.startswith(("/", ".")) and not source.startswith("$"):
                assert source in declared, f"{name} mounts undeclared volume {source}"
        image = service.get("image", "")
        if image and not image.startswith("kollega:"):
            assert re.match(r"^[a-z0-9/]+:\d+\.\d+(\.\d+)?-[a-z]+$", image), f"{image} is not pinned"


def test_compose_model_is_a_read_only_named_volume(compose: dict[str, Any]) -> None:
    kollega = compose["services"]["kollega"]
    assert "models:/models:ro" in kollega["volumes"]
    assert kollega["environment"]["KOLLEGA_MODEL_PATH"].split(":-")[-1].rstrip("}").startswith("/models/")


def _substitute(value: str) -> str:
    """Compose's ${NAME:?message} and ${NAME:-default}, with a test password."""
    value = re.sub(r"\$\{(POSTGRES|REDIS)_PASSWORD:\?[^}]*\}", "test-password", value)
    return re.sub(r"\$\{[A-Z_]+:-([^}]*)\}", r"\1", value)


def test_compose_settings_are_real_and_accepted(compose: dict[str, Any]) -> None:
    kollega = compose["services"]["kollega"]
    environment = {name: _substitute(str(value)) for name, value in kollega["environment"].items()}
    assert set(environment) <= known_settings(), set(environment) - known_settings()
    assert environment["KOLLEGA_DATABASE_URL"].startswith("postgresql+psycopg://kollega:test-password@postgres:5432/")
    assert environment["KOLLEGA_REDIS_URL"] == "redis://:test-password@redis:6379/0"
    example = dict(re.findall(r"^#?(KOLLEGA_[A-Z0-9_]+)=(.*)$", ENV_EXAMPLE.read_text(), flags=re.MULTILINE))
    assert set(example) <= known_settings(), set(example) - known_settings()
    active = dict(re.findall(r"^(KOLLEGA_[A-Z0-9_]+)=(.*)$", ENV_EXAMPLE.read_text(), flags=re.MULTILINE))
    settings = load_settings({**active, **environment, "KOLLEGA_HOST": "0.0.0.0"})
    assert settings.database_url and settings.redis_url and settings.trusted_proxies == 1
    assert kollega["env_file"] == "kollega.env"
    assert kollega["ports"] == ["127.0.0.1:8000:8000"]
    assert kollega["ulimits"]["core"] == 0  # no core dumps with users' text in them


def test_compose_gives_streams_time_to_finish(compose: dict[str, Any]) -> None:
    grace = compose["services"]["kollega"]["stop_grace_period"]
    assert grace.endswith("s") and int(grace[:-1]) > Settings().shutdown_grace_s + 15
