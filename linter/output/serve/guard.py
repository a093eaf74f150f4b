"""What every request to ``govlint serve`` must pass, and the headers of
every response: a WSGI layer in front of the application.

* **Host.**  The Host header must name this server: ``127.0.0.1``,
  ``localhost`` or ``[::1]`` with its port (and, with ``--host``, the
  address bound, this machine's names, or any IP address when bound to all
  of them).  A page of another site that makes its own name resolve to
  127.0.0.1 (DNS rebinding) sends its own name: refused with 400.
* **Token.**  Every path starts with ``/<token>/``, a random 192-bit token
  made at start and compared in constant time: the page's address
  carries it, so its own requests do, and nothing else (another user of
  the machine, another page in the browser) can guess it.  Any other
  path is 404.  Requests that change something (POST, DELETE) must also
  come from the page itself (an ``Origin`` header, when the browser sends
  one, naming this server).
* **Password** (``--password``).  The token is not printed; ``/`` shows a
  sign-in form, and the right password (compared in constant time, one
  second's pause after a wrong one, at most :data:`MAX_FAILURES` wrong
  ones in :data:`FAILURE_WINDOW` seconds) leads to the address with the token.
* **Headers** on every response: a Content-Security-Policy that lets the
  page run only its own script and style and connect only to this server
  (so markup in a report could not run even if it reached the page
  unescaped), ``nosniff``, no framing, no referrer, and ``no-store``: no
  report's content is kept in the browser's cache.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import socket
import threading
import time
from collections.abc import Callable, Iterable
from urllib.parse import parse_qs

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
HEADERS = (
    ("Content-Security-Policy", CSP),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "no-referrer"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    ("Cross-Origin-Resource-Policy", "same-origin"),
    ("Cache-Control", "no-store"),
)
LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1"})
#: wrong passwords allowed in :data:`FAILURE_WINDOW` seconds before sign-in is refused for a while
MAX_FAILURES = 10
FAILURE_WINDOW = 600
FAILURE_PAUSE = 1.0

StartResponse = Callable[..., object]


def is_loopback(host: str) -> bool:
    """Whether binding to ``host`` serves this machine only."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class Hosts:
    """The Host header values this server answers to (module docstring)."""

    def __init__(self, bind: str, port: int = 0):
        bind = bind.strip("[]").lower()
        self.port = port
        self.names = set(LOOPBACK_NAMES) | {bind}
        self.any_address = bind in ("0.0.0.0", "::", "")
        if not is_loopback(bind):
            for name in (socket.gethostname(), socket.getfqdn()):
                if name:
                    self.names |= {name.lower(), name.lower().split(".")[0]}

    def allows(self, header: str) -> bool:
        header = header.strip().lower()
        if header.startswith("["):
            name, _, rest = header[1:].partition("]")
            port = rest[1:] if rest.startswith(":") else ""
        else:
            name, _, port = header.rpartition(":") if ":" in header else (header, "", "")
        name = name.rstrip(".")
        if (port or "80") != str(self.port):
            return False
        if name in self.names:
            return True
        if self.any_address:
            try:
                ipaddress.ip_address(name)
                return True
            except ValueError:
                return False
        return False


def _digest(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8")).digest()


class Guard:
    """The WSGI layer (module docstring) in front of ``app``, which is
    called with the token moved from ``PATH_INFO`` into ``SCRIPT_NAME``."""

    def __init__(self, app: Callable, token: str, hosts: Hosts, *, password: str | None = None,
                 login_page: Callable[[str], bytes] | None = None):
        self.app, self.token, self.hosts = app, token, hosts
        self.password = _digest(password) if password is not None else None
        self.login_page = login_page or (lambda message: message.encode("utf-8"))
        self.failures: list[float] = []
        self.lock = threading.Lock()

    def __call__(self, environ: dict, start_response: StartResponse) -> Iterable[bytes]:
        def secured(status: str, headers: list, exc_info=None):
            present = {name.lower() for name, _ in headers}
            headers = list(headers) + [(n, v) for n, v in HEADERS if n.lower() not in present]
            return start_response(status, headers, exc_info) if exc_info else start_response(status, headers)

        if not self.hosts.allows(environ.get("HTTP_HOST", "")):
            return _plain(secured, "400 Bad Request", "请求的 Host 不是本服务的地址，已拒绝。")
        path = environ.get("PATH_INFO", "") or "/"
        segment = path.split("/", 2)[1]
        if hmac.compare_digest(segment.encode("latin-1", "replace"), self.token.encode("ascii")):
            rest = path[1 + len(segment):]
            if not rest:
                return _redirect(secured, environ.get("SCRIPT_NAME", "") + f"/{self.token}/")
            if environ.get("REQUEST_METHOD", "GET") not in ("GET", "HEAD") and not self._same_origin(environ):
                return _plain(secured, "403 Forbidden", "请求不是来自本页面，已拒绝。")
            environ = dict(environ, SCRIPT_NAME=environ.get("SCRIPT_NAME", "") + f"/{self.token}", PATH_INFO=rest)
            return self.app(environ, secured)
        if self.password is not None and path == "/" and environ.get("REQUEST_METHOD") in ("GET", "HEAD"):
            return _html(secured, "200 OK", self.login_page(""))
        if self.password is not None and path == "/login" and environ.get("REQUEST_METHOD") == "POST":
            return self._login(environ, secured)
        return _plain(secured, "404 Not Found", "地址无效：请使用 govlint serve 启动时显示的完整地址（含令牌）。")

    def _same_origin(self, environ: dict) -> bool:
        origin = environ.get("HTTP_ORIGIN")
        if origin is None:
            return environ.get("HTTP_SEC_FETCH_SITE", "same-origin") in ("same-origin", "none")
        scheme, _, host = origin.partition("://")
        return scheme == "http" and self.hosts.allows(host) and host.lower() == environ.get("HTTP_HOST", "").lower()

    def _login(self, environ: dict, start_response: StartResponse) -> Iterable[bytes]:
        with self.lock:
            now = time.monotonic()
            self.failures = [t for t in self.failures if now - t < FAILURE_WINDOW]
            if len(self.failures) >= MAX_FAILURES:
                return _html(start_response, "429 Too Many Requests",
                             self.login_page("密码错误次数过多，请稍后再试。"))
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        body = environ["wsgi.input"].read(min(max(length, 0), 4096)).decode("utf-8", "replace")
        given = parse_qs(body).get("password", [""])[0]
        assert self.password is not None
        if hmac.compare_digest(_digest(given), self.password) and self._same_origin(environ):
            return _redirect(start_response, f"/{self.token}/")
        with self.lock:
            self.failures.append(time.monotonic())
        time.sleep(FAILURE_PAUSE)
        return _html(start_response, "403 Forbidden", self.login_page("密码不对，请重新输入。"))


def _plain(start_response: StartResponse, status: str, text: str) -> list[bytes]:
    body = text.encode("utf-8")
    start_response(status, [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body)))])
    return [body]


def _html(start_response: StartResponse, status: str, body: bytes) -> list[bytes]:
    start_response(status, [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))])
    return [body]


def _redirect(start_response: StartResponse, location: str) -> list[bytes]:
    start_response("303 See Other", [("Location", location), ("Content-Length", "0")])
    return [b""]
