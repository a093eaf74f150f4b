"""What every request must pass: the Host header (DNS rebinding), the
token in the path, the page's own origin for changes, the password of
``--host``; the security headers of every response."""

from __future__ import annotations

import socket

import pytest

pytest.importorskip("werkzeug")

from werkzeug.test import Client  # noqa: E402

from govlint.output.serve import guard  # noqa: E402
from govlint.output.serve.guard import CSP, Guard, Hosts, is_loopback  # noqa: E402
from govlint.output.serve.server import login_page  # noqa: E402

TOKEN = "t0k3n-0123456789abcdefghijklmnopqrs"
PORT = 8765
NAME = socket.gethostname()


def app(environ, start_response):
    """Says what it was called with."""
    body = f"{environ['SCRIPT_NAME']}|{environ['PATH_INFO']}".encode()
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [body]


def client(bind="127.0.0.1", password=None) -> Client:
    return Client(Guard(app, TOKEN, Hosts(bind, PORT), password=password, login_page=login_page))


def get(c: Client, path: str, host: str = f"127.0.0.1:{PORT}", **kw):
    return c.get(path, headers={"Host": host, **kw.pop("headers", {})}, **kw)


def test_the_token_opens_the_application_and_leaves_the_path():
    response = get(client(), f"/{TOKEN}/api/rules")
    assert response.status_code == 200 and response.text == f"/{TOKEN}|/api/rules"


@pytest.mark.parametrize("path", ["/", "/api/rules", f"/{TOKEN[:-1]}x/", f"/{TOKEN}x/", f"/{TOKEN.upper()}/",
                                  "/static/app.js", f"//{TOKEN}/", "/login"])
def test_without_the_token_nothing_is_served(path):
    response = get(client(), path)
    assert response.status_code == 404 and "令牌" in response.text
    assert response.headers["Content-Security-Policy"] == CSP


def test_the_address_without_its_slash_is_redirected():
    response = get(client(), f"/{TOKEN}")
    assert response.status_code == 303 and response.headers["Location"].endswith(f"/{TOKEN}/")


@pytest.mark.parametrize("host", [f"127.0.0.1:{PORT}", f"localhost:{PORT}", f"LOCALHOST:{PORT}", f"[::1]:{PORT}"])
def test_the_loopback_names_are_allowed(host):
    assert get(client(), f"/{TOKEN}/", host=host).status_code == 200


@pytest.mark.parametrize("host", [f"attacker.example:{PORT}", "attacker.example", f"127.0.0.1:{PORT + 1}",
                                  "127.0.0.1", f"192.168.1.5:{PORT}", "", f"127.0.0.1.attacker.example:{PORT}",
                                  *([f"{NAME}:{PORT}"] if NAME != "localhost" else [])])
def test_other_hosts_are_refused_even_with_the_token(host):
    """A page whose name resolves to 127.0.0.1 (DNS rebinding) sends its own name."""
    response = get(client(), f"/{TOKEN}/", host=host)
    assert response.status_code == 400 and "Host" in response.text


def test_bound_to_every_address_ip_addresses_and_this_machines_name_are_allowed():
    c = client("0.0.0.0")
    for host in (f"192.168.1.5:{PORT}", f"10.0.0.7:{PORT}", f"{socket.gethostname()}:{PORT}"):
        assert get(c, f"/{TOKEN}/", host=host).status_code == 200, host
    assert get(c, f"/{TOKEN}/", host=f"attacker.example:{PORT}").status_code == 400


def test_bound_to_one_address_that_address_is_allowed():
    c = client("192.168.1.5")
    assert get(c, f"/{TOKEN}/", host=f"192.168.1.5:{PORT}").status_code == 200
    assert get(c, f"/{TOKEN}/", host=f"192.168.1.6:{PORT}").status_code == 400


def test_changes_must_come_from_the_page_itself():
    c = client()
    origin = f"http://127.0.0.1:{PORT}"
    assert c.post(f"/{TOKEN}/api/check", headers={"Host": f"127.0.0.1:{PORT}", "Origin": origin}).status_code == 200
    for other in ("http://attacker.example", f"http://localhost:{PORT}", "null", f"https://127.0.0.1:{PORT}"):
        response = c.post(f"/{TOKEN}/api/check", headers={"Host": f"127.0.0.1:{PORT}", "Origin": other})
        assert response.status_code == 403, other
    cross = c.post(f"/{TOKEN}/api/check", headers={"Host": f"127.0.0.1:{PORT}", "Sec-Fetch-Site": "cross-site"})
    assert cross.status_code == 403


def test_every_response_carries_the_security_headers():
    for response in (get(client(), f"/{TOKEN}/"), get(client(), "/"), get(client(), "/", host="evil:1")):
        headers = response.headers
        assert headers["Content-Security-Policy"] == CSP
        assert "script-src 'self'" in CSP and "'unsafe-inline'" not in CSP and "connect-src 'self'" in CSP
        assert headers["X-Content-Type-Options"] == "nosniff" and headers["X-Frame-Options"] == "DENY"
        assert headers["Referrer-Policy"] == "no-referrer" and headers["Cache-Control"] == "no-store"


def test_with_a_password_one_signs_in_to_reach_the_token(monkeypatch):
    monkeypatch.setattr(guard, "FAILURE_PAUSE", 0)
    c = client("0.0.0.0", password="口令 123")
    form = get(c, "/", host=f"192.168.1.5:{PORT}")
    assert form.status_code == 200 and 'name="password"' in form.text and TOKEN not in form.text
    headers = {"Host": f"192.168.1.5:{PORT}", "Origin": f"http://192.168.1.5:{PORT}"}
    wrong = c.post("/login", data={"password": "wrong"}, headers=headers)
    assert wrong.status_code == 403 and "密码不对" in wrong.text and TOKEN not in wrong.text
    right = c.post("/login", data={"password": "口令 123"}, headers=headers)
    assert right.status_code == 303 and right.headers["Location"] == f"/{TOKEN}/"


def test_signing_in_stops_after_too_many_wrong_passwords(monkeypatch):
    monkeypatch.setattr(guard, "FAILURE_PAUSE", 0)
    c = client("0.0.0.0", password="secret")
    headers = {"Host": f"192.168.1.5:{PORT}"}
    for _ in range(guard.MAX_FAILURES):
        assert c.post("/login", data={"password": "guess"}, headers=headers).status_code == 403
    locked = c.post("/login", data={"password": "secret"}, headers=headers)
    assert locked.status_code == 429 and "次数过多" in locked.text


def test_without_a_password_there_is_no_sign_in():
    assert get(client(), "/").status_code == 404
    assert client().post("/login", data={"password": ""}, headers={"Host": f"127.0.0.1:{PORT}"}).status_code == 404


def test_which_addresses_serve_this_machine_only():
    assert is_loopback("127.0.0.1") and is_loopback("127.0.0.2") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5") and not is_loopback("example.org")
