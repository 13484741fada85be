"""`gongkai start [--demo] [--addr HOST:PORT] [--no-worker]`: prepare the database and serve the
platform, with a background worker (Celery, beat inside) as a child process that ends with the server."""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.bodies.actions.members import ensure_first_admin
from gongkai.web.logfiles import pump

ADMIN_USERNAME = "admin"
DEFAULT_ROOT_BODY = "本机关"


def parse_addr(addr: str) -> tuple[str, int]:
    """``127.0.0.1:8000`` → (host, port); ``[::1]:8000`` for IPv6."""
    host, sep, port = addr.rpartition(":")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise CommandError(f"地址“{addr}”格式不对，应为“主机:端口”，例如 127.0.0.1:8000")
    return host, int(port)


class Command(BaseCommand):
    help = "更新数据库、收集静态文件、创建首个管理员账号（可选加载演示数据），然后启动网站。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--demo",
            action="store_true",
            help="加载演示数据：一个区和两个街道，各角色的账号，年度报告、申请和待审核的信息",
        )
        parser.add_argument("--addr", default="127.0.0.1:8000", help="监听地址，默认 127.0.0.1:8000")
        parser.add_argument("--no-serve", action="store_true", help="只准备数据库和账号，不启动网站")
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="不启动后台任务进程（由 gongkai worker 在别处运行时；定时任务也随之不运行）",
        )

    def handle(
        self, *args: Any, demo: bool, addr: str, no_serve: bool, no_worker: bool, **options: Any
    ) -> None:
        host, port = parse_addr(addr)
        self.stdout.write("正在更新数据库结构……")
        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)

        accounts: list[tuple[str, str, str]] = []
        if demo:
            from gongkai.report_imports.actions.demo import load_demo

            self.stdout.write("正在加载演示数据……")
            for account in load_demo():
                shown = account.password or "（账号已存在，密码未改变）"
                accounts.append((account.username, f"{account.body}　{account.role}", shown))

        from_env = os.getenv("GONGKAI_ADMIN_PASSWORD")
        password = from_env or secrets.token_urlsafe(12)
        root_name = os.getenv("GONGKAI_ROOT_BODY", DEFAULT_ROOT_BODY)
        admin = ensure_first_admin(username=ADMIN_USERNAME, password=password, root_name=root_name)
        if admin is not None:
            shown = "（取自环境变量 GONGKAI_ADMIN_PASSWORD）" if from_env else password
            accounts.insert(0, (ADMIN_USERNAME, "超级管理员", shown))

        shown_host = "127.0.0.1" if host in ("0.0.0.0", "::", "[::]") else host
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"公开 gongkai 网址：http://{shown_host}:{port}/"))
        if accounts:
            self.stdout.write("账号（密码只显示这一次，请妥善保存）：")
            for username, where, pwd in accounts:
                self.stdout.write(f"  用户名 {username}　{where}　密码 {pwd}")
        self.stdout.write("忘记密码时可运行：gongkai changepassword 用户名")
        if host not in ("127.0.0.1", "localhost", "::1", "[::1]"):
            self.stdout.write(
                "从其他计算机访问时，请把网址中的主机名加入环境变量 ALLOWED_HOSTS（以逗号分隔）。"
            )
        if no_serve:
            return

        from waitress import serve

        from gongkai.wsgi import application

        worker = None
        if not no_worker:
            log = worker_log()
            worker = start_worker(log)
            self.stdout.write(f"后台任务进程已启动（日志：{log}）。")
        self.stdout.write("按 Ctrl+C 停止。")
        signal.signal(signal.SIGTERM, _stop_serving)  # a service manager's stop: as Ctrl+C, the worker too
        try:
            serve(application, host=host.strip("[]"), port=port, threads=8)
        finally:
            if worker is not None:
                stop_worker(*worker)


def worker_log() -> Path:
    """Where the worker started here writes its output: Celery's banner, its warnings and its log."""
    return settings.DATA_DIR / "worker.log"


def start_worker(log: Path) -> tuple[subprocess.Popen[bytes], threading.Thread]:
    """The background worker with the beat scheduler (reminders, scheduled publication, the 汇总 index,
    imports — also those a previous run left unfinished). It watches this process and ends with it,
    however it ends. Its output goes to ``log`` (appended, rotated at GONGKAI_WORKER_LOG_MB with
    GONGKAI_WORKER_LOG_BACKUPS older files kept: gongkai/web/logfiles.py), not to the console the
    server speaks on."""
    worker = subprocess.Popen(
        [sys.executable, "-m", "gongkai", "worker", "--beat", f"--exit-with={os.getpid()}"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: it and its beat process end together
    )
    assert worker.stdout is not None
    copying = pump(
        worker.stdout,
        log,
        max_bytes=settings.GONGKAI_WORKER_LOG_MB * 1024 * 1024,
        backups=settings.GONGKAI_WORKER_LOG_BACKUPS,
    )
    return worker, copying


def _stop_serving(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def stop_worker(worker: subprocess.Popen[bytes], copying: threading.Thread, timeout: float = 10) -> None:
    """A cold stop: running tasks are given back to the queue and redone on the next start. What it
    wrote last reaches its log before this returns."""
    if worker.poll() is None:
        os.killpg(worker.pid, signal.SIGQUIT)  # the worker and its embedded beat process
        try:
            worker.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait()
    # The embedded beat process can outlive a worker that stopped at once (seen after SIGTERM of
    # gongkai start --demo): what is left of the worker's group goes too, or two beats would run the
    # periodic jobs twice after the next start.
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(worker.pid, signal.SIGKILL)
    copying.join(timeout=5)  # a process of its group still holding the pipe must not hold the server
