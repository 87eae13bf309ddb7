"""A real forward proxy for tests: Debian's tinyproxy on a free loopback port, with a generated config."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import time
from pathlib import Path

CONFIG = """\
Port {port}
Listen 127.0.0.1
Timeout 30
LogFile "{log}"
LogLevel Connect
MaxClients 20
Allow 127.0.0.1
DisableViaHeader Yes
"""
# No ConnectPort line: tinyproxy then tunnels CONNECT to any port, as the stand-ins use random ones.


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Tinyproxy:
    """tinyproxy in the foreground; `tunnels()` lists the host:port of every CONNECT it was asked for."""

    def __init__(self, folder: Path) -> None:
        binary = shutil.which("tinyproxy")
        if binary is None:
            raise FileNotFoundError("tinyproxy is not installed (apt-get install tinyproxy)")
        self.port = free_port()
        self.log = folder / "tinyproxy.log"
        config = folder / "tinyproxy.conf"
        config.write_text(CONFIG.format(port=self.port, log=self.log))
        self.process = subprocess.Popen([binary, "-d", "-c", str(config)], stdout=subprocess.DEVNULL,
                                        stderr=subprocess.PIPE)
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                break
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    error = self.process.stderr.read().decode() if self.process.stderr else ""
                    self.close()
                    raise RuntimeError(f"tinyproxy did not start: {error}") from None
                time.sleep(0.05)
        self.url = f"http://127.0.0.1:{self.port}"

    def tunnels(self) -> list[str]:
        text = self.log.read_text() if self.log.exists() else ""
        return re.findall(r"Request \(file descriptor \d+\): CONNECT (\S+) HTTP", text)

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
