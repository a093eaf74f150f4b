"""Starting ``govlint serve``: the configuration, the check process, the
web server, the address.

**Why Flask and waitress.**  Checking a report is synchronous, CPU-bound
work done in a process of its own (:mod:`.worker`); the web side only
receives files, hands them over and serves JSON and a few static files.
A WSGI application on a thread-pool server fits that directly, with no
event loop to keep free and no async wrappers around blocking calls.
waitress is pure Python with no C extension, runs the same on Windows —
where most authors of these reports work — as on Linux, and enforces the
request-size limit itself before the application reads anything (and can
hold the body in memory, never in a temporary file).  Flask (with
Werkzeug) is the most widely used small WSGI framework, maintained by the
Pallets project; its multipart parser has limits on parts and memory, and
its test client lets the security tests forge Host and Origin headers
without a real network.  Both are the optional extra ``govlint[serve]``.

:func:`serve` binds 127.0.0.1 (a free port unless ``--port``), makes the
random token, starts the check process with the configuration (``--config``,
else the one governing the current directory, as ``govlint check`` would
find it), prints the address and opens the browser on it — through a
private file that redirects, so the token never appears on a command line
other users of the machine could list.  Binding another address
(``--host``, for an office network) serves everyone who can reach it:
with ``--password`` they sign in; without, whoever has the printed address
(with its token) can use it, and the start message says so.  Ctrl-C (or
SIGTERM) stops the server, the check process and removes the private
temporary folder.
"""

from __future__ import annotations

import html
import os
import secrets
import shutil
import signal
import sys
import tempfile
import threading
import webbrowser
from collections.abc import Callable
from pathlib import Path

import msgspec

from . import uploads
from .guard import Guard, Hosts, is_loopback

#: what the server may hold of a request before the application reads it (the multipart overhead included)
REQUEST_BYTES = uploads.MAX_REQUEST_BYTES + 1024 * 1024
#: a response is kept in memory up to this size while the browser reads it
RESPONSE_BYTES = 256 * 1024 * 1024
THREADS = 4
#: how to add the extra where govlint is installed (from a copy of the repository or a wheel, or with pipx)
INSTALL = "python3 -m pip install 'flask>=3.0' 'waitress>=3.0'（pipx 安装的：pipx inject govlint flask waitress）"


class ServeError(Exception):
    """The server cannot start; the message is Chinese."""


class ServeOptions(msgspec.Struct, frozen=True):
    host: str = "127.0.0.1"
    port: int = 0
    password: str | None = None
    config: str | None = None
    open_browser: bool = True


def framework():
    """Flask and waitress, or ServeError saying how to install them."""
    try:
        import flask  # noqa: F401
        import waitress
    except ImportError as exc:
        raise ServeError(f"govlint serve 需要 Flask 和 waitress（缺少 {exc.name}）："
                         f"请在安装 govlint 的环境中运行 {INSTALL}") from None
    return waitress


def find_config(given: str | None) -> str | None:
    """The configuration file (absolute) the page uses: ``given``, else the
    one governing the current directory; None when there is none."""
    from ...run.config import config_file_in

    if given:
        if not os.path.isfile(given):
            raise ServeError(f"找不到配置文件：{given}")
        return os.path.abspath(given)
    here = Path.cwd()
    for directory in (here, *here.parents):
        found = config_file_in(directory)
        if found is not None:
            return str(found)
    return None


def login_page(message: str) -> bytes:
    page = (_LOGIN.replace("{message}", html.escape(message))
            .replace("{hidden}", "" if message else " hidden"))
    return page.encode("utf-8")


_LOGIN = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>govlint 年报检查 · 登录</title></head>
<body><h1>政府信息公开工作年度报告检查</h1>
<form method="post" action="/login"><p><label>密码 <input type="password" name="password" autofocus required></label>
<button type="submit">进入</button></p><p class="error"{hidden}>{message}</p></form>
<p>此检查页面由 govlint serve 在局域网中提供，请输入启动者告诉你的密码。</p></body></html>
"""


def serve(options: ServeOptions, echo: Callable[[str], None] | None = None,
          warn: Callable[[str], None] | None = None, ready: Callable[[str], None] | None = None) -> None:
    """Run the server until Ctrl-C or SIGTERM (see the module docstring).
    ``ready(url)`` is called once it listens."""
    from .app import State, create_app
    from .worker import Worker, WorkerError

    echo = echo or (lambda text: print(text, flush=True))
    warn = warn or (lambda text: print(f"govlint: {text}", file=sys.stderr, flush=True))
    waitress = framework()
    local = is_loopback(options.host)
    config = find_config(options.config)
    private = tempfile.mkdtemp(prefix="govlint-serve-")  # mode 0700: this user's only
    worker = Worker(config)
    server = None
    try:
        try:
            started = worker.start()
        except WorkerError as exc:
            raise ServeError(str(exc)) from None
        for message in started.get("warnings", ()):
            warn(message)
        token = secrets.token_urlsafe(24)
        hosts = Hosts(options.host)
        app = Guard(create_app(State(worker, private)), token, hosts, password=options.password,
                    login_page=login_page)
        try:
            server = waitress.create_server(
                app, host=options.host, port=options.port, threads=THREADS, ident="govlint",
                max_request_body_size=REQUEST_BYTES, inbuf_overflow=REQUEST_BYTES, outbuf_overflow=RESPONSE_BYTES,
                clear_untrusted_proxy_headers=True, expose_tracebacks=False)
        except OSError as exc:
            raise ServeError(f"无法在 {options.host}:{options.port} 上提供服务：{exc.strerror or exc}") from None
        port = getattr(server, "effective_port", None) or server.effective_listen[0][1]
        hosts.port = port
        shown = options.host if ":" not in options.host else f"[{options.host}]"
        if local or options.host in ("0.0.0.0", "::"):
            shown = "127.0.0.1"
        base = f"http://{shown}:{port}/"
        url = base if options.password is not None else f"{base}{token}/"
        _announce(echo, warn, options, url, port, config, local)
        if options.open_browser:
            _open(url, private)
        if ready is not None:
            ready(url)
        _stop_on_sigterm()
        try:
            server.run()  # returns on Ctrl-C and SIGTERM (waitress closes itself)
        except (KeyboardInterrupt, SystemExit):
            pass
        echo("govlint serve 已停止。")
    finally:
        if server is not None:
            server.close()
        worker.close()
        shutil.rmtree(private, ignore_errors=True)


def _announce(echo, warn, options: ServeOptions, url: str, port: int, config: str | None, local: bool) -> None:
    if local:
        echo(f"govlint serve：请在浏览器中打开 {url}")
        echo("（只有本机可以访问；地址中的令牌每次启动都不同，请勿转发给他人）")
    else:
        where = f"http://{options.host}:{port}/" if options.host not in ("0.0.0.0", "::") else f"本机 IP 的 {port} 端口"
        if options.password is not None:
            echo(f"govlint serve：正在 {where} 为局域网提供服务，访问者须输入 --password 给出的密码")
            echo(f"本机可打开 {url}")
        else:
            token = url.rstrip("/").rsplit("/", 1)[-1]
            echo(f"govlint serve：请在浏览器中打开 {url}")
            warn(f"正在 {where} 为局域网提供服务，没有设密码：凡是拿到带令牌 {token} 的完整地址的人都能使用；"
                 "连接不加密（HTTP）。需要密码请加 --password")
    echo(f"配置：{config}" if config else "配置：未找到配置文件，使用默认设置")
    echo("上传的文件只在检查时存放在私有临时目录中，检查完即删除；检查结果只保存在本进程内存中。按 Ctrl+C 停止。")


def _open(url: str, private: str) -> None:
    """Open the browser on ``url`` through a private file that redirects to
    it, so the token is not on the browser's command line."""
    page = Path(private) / "open.html"
    fd = os.open(page, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        escaped = html.escape(url, quote=True)
        handle.write(f'<!DOCTYPE html><meta charset="utf-8"><meta http-equiv="refresh" content="0;url={escaped}">'
                     f'<title>govlint</title><a href="{escaped}">打开 govlint 检查页面</a>')
    threading.Timer(0.3, webbrowser.open, args=(page.as_uri(),)).start()


def _stop_on_sigterm() -> None:
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "SIGTERM"):
        return

    def stop(signum, frame):
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)
