"""A throwaway redis-server for the tests of what the site does when Redis stops (skipped without one)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

needs_redis_server = pytest.mark.skipif(
    shutil.which("redis-server") is None, reason="redis-server is not installed"
)


def answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.2) as s:
            s.sendall(b"PING\r\n")
            return s.recv(16).startswith(b"+PONG")
    except OSError:
        return False


class RedisServer:
    """A throwaway redis-server; it writes its data to ``directory`` only when ``cut`` asks it to."""

    def __init__(self, port: int, directory: Path) -> None:
        self.port, self.directory = port, directory
        self.url = f"redis://127.0.0.1:{port}/0"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.directory),
            ],
            stdout=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while not answers(self.port):
            assert time.monotonic() < deadline, "redis-server did not start"
            time.sleep(0.05)

    def stop(self) -> None:
        """Gone, and its data with it (a restart starts empty)."""
        if self.process is not None:
            self.process.kill()
            self.process.wait(timeout=10)
            self.process = None

    def cut(self) -> None:
        """Gone, but its data kept for the restart: as a network cut looks to the site."""
        assert self.process is not None
        with socket.create_connection(("127.0.0.1", self.port), timeout=5) as s:
            s.sendall(b"SHUTDOWN SAVE\r\n")
        self.process.wait(timeout=10)
        self.process = None


def free_port(port: int) -> int:
    """``port``, after making sure nothing listens there (the test is skipped otherwise)."""
    if answers(port):
        pytest.skip(f"something already listens on port {port}")
    return port
