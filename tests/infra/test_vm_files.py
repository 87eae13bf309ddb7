"""The VM deployment files (infra/vm/): the systemd unit, the environment template and the nginx site,
checked against each other, against the settings the backend really reads, and with systemd's tools."""

from __future__ import annotations

import ctypes
import errno
import json
import os
import re
import shutil
import signal
import struct
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import httpx
import pytest

from backend.settings import REPO_ROOT, Settings, load_settings
from tests.conftest import free_port

VM = REPO_ROOT / "infra" / "vm"
UNIT = VM / "kollega.service"
ENV_EXAMPLE = VM / "kollega.env.example"
SITE = VM / "kollega.nginx.conf"
SETTINGS_SOURCE = REPO_ROOT / "backend" / "settings.py"


def known_settings() -> set[str]:
    """Every KOLLEGA_* name that backend/settings.py reads."""
    return set(re.findall(r'"(KOLLEGA_[A-Z0-9_]+)"', SETTINGS_SOURCE.read_text()))


def unit_directives() -> dict[str, list[str]]:
    values: dict[str, list[str]] = {}
    for line in UNIT.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith(("#", ";", "[")):
            key, _, value = line.partition("=")
            values.setdefault(key, []).append(value)
    return values


def env_example() -> tuple[dict[str, str], set[str]]:
    """The template's active assignments, and every KOLLEGA_* name it mentions (commented ones too)."""
    text = ENV_EXAMPLE.read_text()
    active = dict(re.findall(r"^(KOLLEGA_[A-Z0-9_]+)=(.*)$", text, flags=re.MULTILINE))
    mentioned = set(re.findall(r"^#?(KOLLEGA_[A-Z0-9_]+)=", text, flags=re.MULTILINE))
    return active, mentioned


# --- the systemd unit ---------------------------------------------------------------------------------

def test_unit_runs_kollega_serve_with_the_environment_file() -> None:
    unit = unit_directives()
    assert unit["ExecStart"] == ["/opt/kollega/.venv/bin/kollega serve"]
    assert unit["EnvironmentFile"] == ["/etc/kollega/kollega.env"]
    assert unit["Type"] == ["exec"]  # the supervisor is the main process, the one that gets SIGTERM
    assert unit["Restart"] == ["on-failure"]


def test_unit_stops_gracefully_and_waits_longer_than_the_drain() -> None:
    unit = unit_directives()
    assert unit["KillSignal"] == ["SIGTERM"]
    # Only the supervisor gets SIGTERM; it stops gunicorn and the runners in order (backend/server.py).
    assert unit["KillMode"] == ["mixed"]
    stop = int(unit["TimeoutStopSec"][0])
    grace = Settings().shutdown_grace_s
    # The supervisor waits the grace, then up to 15 s for gunicorn, then stops the runners.
    assert stop > grace + 15


def test_unit_is_sandboxed() -> None:
    unit = unit_directives()
    expected = {
        "NoNewPrivileges": "yes", "ProtectSystem": "strict", "ProtectHome": "yes", "PrivateTmp": "yes",
        "RestrictAddressFamilies": "AF_UNIX AF_INET AF_INET6", "User": "kollega", "StateDirectory": "kollega",
        "CapabilityBoundingSet": "", "MemoryDenyWriteExecute": "yes", "LimitCORE": "0",
    }
    for key, value in expected.items():
        assert unit.get(key) == [value], key
    # The only writable folder is the instance folder, and the app is told to use exactly that one.
    instance = [v.split("=", 1)[1] for v in unit["Environment"] if v.startswith("KOLLEGA_INSTANCE_PATH=")]
    assert instance == ["/var/lib/kollega"] == unit["ReadWritePaths"] == unit["WorkingDirectory"]
    environment = {v.split("=", 1)[0] for v in unit["Environment"]}
    assert {name for name in environment if name.startswith("KOLLEGA_")} <= known_settings()


def _rendered_unit(tmp_path: Path) -> Path:
    """The shipped unit, pointing at this machine's kollega and an existing environment file."""
    kollega = Path(sys.executable).with_name("kollega")
    if not kollega.exists():
        pytest.skip("the kollega console script is not installed in this environment")
    env_file = tmp_path / "kollega.env"
    env_file.write_text(ENV_EXAMPLE.read_text())
    text = UNIT.read_text()
    for old, new in (("/opt/kollega/.venv/bin/kollega", str(kollega)), ("/etc/kollega/kollega.env", str(env_file))):
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / "kollega.service"
    path.write_text(text)
    return path


def test_systemd_analyze_verify_finds_nothing(tmp_path: Path) -> None:
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze is not installed (package systemd)")
    result = subprocess.run(["systemd-analyze", "verify", str(_rendered_unit(tmp_path))], capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "", result.stderr  # unknown keys and bad values only warn


def test_systemd_rates_the_sandbox_ok(tmp_path: Path) -> None:
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze is not installed (package systemd)")
    result = subprocess.run(["systemd-analyze", "security", "--offline=yes", str(_rendered_unit(tmp_path))],
                            capture_output=True, text=True, timeout=60)
    if result.returncode != 0 and "offline" in result.stderr:
        pytest.skip("this systemd-analyze has no --offline (systemd < 252)")
    match = re.search(r"Overall exposure level for \S+: ([0-9.]+)", result.stdout)
    assert match, result.stdout + result.stderr
    assert float(match.group(1)) <= 2.0  # systemd's scale: 0 best, 10 worst, below 2 is "OK"


# --- MemoryDenyWriteExecute: does the model runtime tolerate it? --------------------------------------

PR_SET_MDWE = 65
PR_MDWE_REFUSE_EXEC_GAIN = 1

MDWE_PROBE = textwrap.dedent("""
    import ctypes, mmap, sys
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(65, 1, 0, 0, 0) != 0:  # PR_SET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN
        sys.exit(3)
    try:
        mmap.mmap(-1, 4096, prot=mmap.PROT_READ | mmap.PROT_WRITE | mmap.PROT_EXEC)
        sys.exit(4)  # the kernel did not enforce it: the probe would prove nothing
    except PermissionError:
        pass
    import onnxruntime_genai as og
    model = og.Model(sys.argv[1])
    tokenizer = og.Tokenizer(model)
    params = og.GeneratorParams(model)
    params.set_search_options(max_length=64)
    generator = og.Generator(model, params)
    generator.append_tokens(tokenizer.encode("Hej! Styrgruppen möts på torsdag."))
    steps = 0
    while not generator.is_done() and steps < 16:
        generator.generate_next_token()
        steps += 1
    print("generated", steps)
""")


def _kernel_has_mdwe() -> bool:
    libc = ctypes.CDLL(None, use_errno=True)
    # PR_GET_MDWE (66) answers EINVAL on kernels before 6.3, which cannot enforce the probe.
    return libc.prctl(66, 0, 0, 0, 0) >= 0 or ctypes.get_errno() != errno.EINVAL


def test_the_model_runs_with_memory_deny_write_execute(tiny_model: Path) -> None:
    """The kernel's MDWE (prctl PR_SET_MDWE, Linux 6.3+) refuses writable+executable memory as the
    unit's MemoryDenyWriteExecute=yes does. onnxruntime must load and generate under it."""
    if not _kernel_has_mdwe():
        pytest.skip("this kernel has no PR_SET_MDWE (Linux < 6.3)")
    result = subprocess.run([sys.executable, "-c", MDWE_PROBE, str(tiny_model)], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, f"exit {result.returncode}\n{result.stderr}"
    assert result.stdout.startswith("generated")


PT_GNU_STACK = 0x6474E551
PF_X = 0x1


def _wants_executable_stack(path: Path) -> bool:
    """True when an ELF file's PT_GNU_STACK asks for an executable stack (glibc would then need
    mprotect(PROT_EXEC) when loading it, which MemoryDenyWriteExecute refuses)."""
    with path.open("rb") as f:
        header = f.read(64)
        if header[:4] != b"\x7fELF" or header[4] != 2:  # 64-bit ELF only
            return False
        endian = "<" if header[5] == 1 else ">"
        phoff = struct.unpack_from(endian + "Q", header, 0x20)[0]
        phentsize, phnum = struct.unpack_from(endian + "HH", header, 0x36)
        f.seek(phoff)
        table = f.read(phentsize * phnum)
    for i in range(phnum):
        p_type, p_flags = struct.unpack_from(endian + "II", table, i * phentsize)
        if p_type == PT_GNU_STACK:
            return bool(p_flags & PF_X)
    return False


def test_no_library_in_the_environment_needs_an_executable_stack() -> None:
    site = Path(sys.prefix) / "lib"
    libraries = [p for p in site.rglob("*.so*") if p.is_file()]
    assert any("onnxruntime" in str(p) for p in libraries)
    offenders = [str(p) for p in libraries if _wants_executable_stack(p)]
    assert offenders == []



# --- SystemCallFilter: does Kollega run under the unit's system call filter? --------------------------

SECCOMP_EXEC = textwrap.dedent("""
    # Run by Debian's python3 (package python3-seccomp): load a filter built like systemd builds the
    # unit's SystemCallFilter= lines, plus MemoryDenyWriteExecute's kernel equivalent, then exec argv.
    import ctypes, errno, json, os, sys
    import seccomp
    spec = json.loads(sys.argv[1])
    f = seccomp.SyscallFilter(defaction=seccomp.ERRNO(spec["errno"]))
    for name in spec["allow"]:
        try:
            f.add_rule(seccomp.ALLOW, name)
        except (RuntimeError, ValueError):
            pass  # not a system call on this architecture
    f.load()
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(65, 1, 0, 0, 0)  # PR_SET_MDWE: ignored where the kernel lacks it
    os.execv(sys.argv[2], sys.argv[2:])
""")


def _syscall_groups() -> dict[str, list[str]]:
    text = subprocess.run(["systemd-analyze", "syscall-filter"], capture_output=True, text=True, check=True).stdout
    groups: dict[str, list[str]] = {}
    current = ""
    for line in text.splitlines():
        if line.startswith("@"):
            current = line.split()[0]
            groups[current] = []
        elif current and line.strip() and not line.strip().startswith("#"):
            groups[current].append(line.strip())
    return groups


def _expand(name: str, groups: dict[str, list[str]]) -> set[str]:
    if not name.startswith("@"):
        return {name}
    return set().union(*(_expand(item, groups) for item in groups.get(name, [])))


def _unit_syscall_allowlist() -> tuple[set[str], int]:
    """What systemd allows for the unit: its allow-list lines plus @default, minus its ~ lines."""
    groups = _syscall_groups()
    allowed = _expand("@default", groups)
    denied: set[str] = set()
    for line in unit_directives()["SystemCallFilter"]:
        target = denied if line.startswith("~") else allowed
        for item in line.lstrip("~").split():
            target |= _expand(item, groups)
    error = unit_directives()["SystemCallErrorNumber"][0]
    return allowed - denied, int(getattr(errno, error))


@pytest.mark.integration
def test_kollega_serves_under_the_units_system_call_filter(tmp_path: Path, tiny_model: Path) -> None:
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze is not installed (package systemd)")
    if subprocess.run(["/usr/bin/python3", "-c", "import seccomp"], capture_output=True).returncode != 0:
        pytest.skip("Debian's python3-seccomp is not installed")
    allowed, error = _unit_syscall_allowlist()
    assert "execve" in allowed and "chown" not in allowed  # the filter is the unit's, not everything
    port = free_port()
    env = {**os.environ, "KOLLEGA_AUTH_MODE": "dev", "KOLLEGA_INSTANCE_PATH": str(tmp_path / "instance"),
           "KOLLEGA_MODEL_PATH": str(tiny_model), "KOLLEGA_PORT": str(port), "KOLLEGA_ENGINE_PROCESSES": "1",
           "KOLLEGA_WORKERS": "2"}
    log_path = tmp_path / "serve.log"
    spec = json.dumps({"allow": sorted(allowed), "errno": error})
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            ["/usr/bin/python3", "-c", SECCOMP_EXEC, spec, sys.executable, "-m", "backend.cli", "serve"],
            env=env, stdout=log, stderr=subprocess.STDOUT, cwd=REPO_ROOT)
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and process.poll() is None:
                try:
                    if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                time.sleep(0.2)
            assert process.poll() is None, log_path.read_text()
            token = subprocess.run([sys.executable, "-m", "backend.cli", "dev-token"], env=env, capture_output=True,
                                   text=True, check=True, cwd=REPO_ROOT).stdout.strip()
            answer = httpx.post(f"http://127.0.0.1:{port}/api/v1/summarize", json={"text": "Hej! Mötet är på torsdag."},
                                headers={"Authorization": f"Bearer {token}"}, timeout=60)
            assert answer.status_code == 200, answer.text
        finally:
            process.send_signal(signal.SIGTERM)
            code = process.wait(60)
    assert code == 0, log_path.read_text()
    assert "not permitted" not in log_path.read_text()

# --- the environment template -------------------------------------------------------------------------

def test_env_example_names_only_real_settings_and_all_of_them() -> None:
    _, mentioned = env_example()
    assert mentioned <= known_settings(), mentioned - known_settings()
    missing = known_settings() - mentioned
    assert not missing, f"add these settings to {ENV_EXAMPLE.name}: {sorted(missing)}"


def test_env_example_as_shipped_is_accepted_by_the_settings_loader() -> None:
    active, _ = env_example()
    settings = load_settings(active)
    assert settings.auth_mode == "entra" and settings.trusted_proxies == 1
    assert settings.host == "127.0.0.1" and settings.port == 8000


# --- the nginx site against the settings --------------------------------------------------------------

def _nginx_size(value: str) -> int:
    units = {"k": 1024, "m": 1024 * 1024, "g": 1024 ** 3}
    return int(value[:-1]) * units[value[-1].lower()] if value[-1].lower() in units else int(value)


def test_nginx_body_limit_matches_the_apps() -> None:
    text = SITE.read_text()
    limit = re.search(r"^\s*client_max_body_size (\S+);", text, flags=re.MULTILINE)
    buffer = re.search(r"^\s*client_body_buffer_size (\S+);", text, flags=re.MULTILINE)
    assert limit and buffer
    assert _nginx_size(limit.group(1)) == Settings().max_body_bytes
    # Whole bodies stay in memory (never a temp file with the user's text).
    assert _nginx_size(buffer.group(1)) >= Settings().max_body_bytes


def test_nginx_waits_longer_than_the_apps_request_timeout() -> None:
    text = SITE.read_text()
    api = re.search(r"location ~ \^/\(api/\)\?v1/ \{(.*?)\n    \}", text, flags=re.DOTALL)
    assert api, "the API location is missing"
    body = api.group(1)
    assert re.search(r"^\s*proxy_buffering off;", body, flags=re.MULTILINE)
    timeout = re.search(r"proxy_read_timeout (\d+)s;", body)
    assert timeout and int(timeout.group(1)) > Settings().request_timeout_s
    # Locations with an add_header or proxy_set_header of their own would drop the server's ones.
    assert "add_header" not in body and "proxy_set_header" not in body
