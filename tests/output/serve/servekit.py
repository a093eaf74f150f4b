"""Helpers of the tests of ``govlint serve`` (the fixtures are in
``conftest.py``, which puts this folder on ``sys.path``): the reports they
upload — a .docx and a .pdf with findings at known headings and cells,
reports whose title, heading and cells hold markup — and the application
behind its guard with Flask's test client."""

from __future__ import annotations

from pathlib import Path

from govlint.testing import read_report

ROOT = Path(__file__).parents[3]
SEEDS = ROOT / "fixtures" / "seeds"
REAL = ROOT / "fixtures" / "real"
SEED = SEEDS / "004_94358fe22916de47.txt"
PDF = REAL / "huaian-hongze-2023.pdf"
TEMPLATE_DOCX = REAL / "template-2021-blank.docx"
PORT = 5123

#: markup a hostile report puts in its title, a heading and a table cell
SCRIPT = "<script>window.__xss=1</script>"
IMG = '"><img src=x onerror="window.__xss=2">'
CELL = '<img src=x onerror="window.__xss=3">'


def hostile_text() -> str:
    """Seed 004 with markup in its title, the heading of section 五 and a cell of table 三."""
    text = SEED.read_text("utf-8")
    text = text.replace("南岗区保健路街道办事处", "南岗区保健路街道办事处" + SCRIPT, 1)
    heading = "五、政府信息公开工作存在的主要问题及改进措施"
    text = text.replace(heading, heading + IMG, 1)
    return text.replace("(六) 其他处理", "(六) 其他处理" + CELL, 1)


def seed_docx(text: str | None = None) -> bytes:
    """Seed 004 (or ``text``) as a Word document with list-numbered headings."""
    from builders import to_docx

    return to_docx(read_report(text or SEED.read_text("utf-8")))


def make_client(worker, private: str, port: int = PORT, password: str | None = None):
    """Flask's test client on the guarded application (token ``TOKEN``)."""
    from werkzeug.test import Client

    from govlint.output.serve.app import State, create_app
    from govlint.output.serve.guard import Guard, Hosts
    from govlint.output.serve.server import login_page

    class Local(Client):
        """Requests to http://127.0.0.1:<port>, as the page makes them."""

        def open(self, *args, **kwargs):
            if args and isinstance(args[0], str):
                kwargs.setdefault("base_url", f"http://127.0.0.1:{port}")
            return super().open(*args, **kwargs)

    app = Guard(create_app(State(worker, private)), "TOKEN", Hosts("127.0.0.1", port), password=password,
                login_page=login_page)
    return Local(app)


BASE = "/TOKEN/"


def upload(client, files: dict[str, bytes]):
    """POST ``files`` (name → content) to the check; the response."""
    import io

    data = {"files": [(io.BytesIO(content), name) for name, content in files.items()]}
    return client.post(BASE + "api/check", data=data, content_type="multipart/form-data")


# -- a real server -----------------------------------------------------------------

def start_serve(*args: str, cwd, env: dict | None = None, stdin: str | None = None):
    """``govlint serve --no-browser ARGS`` as a process; (process, address,
    what it printed so far) once it listens."""
    import os
    import re
    import subprocess
    import sys
    import time

    command = [sys.executable, "-c", "import sys; from govlint.cli import main; main(sys.argv[1:])",
               "serve", "--no-browser", *args]
    process = subprocess.Popen(command, cwd=cwd, env={**os.environ, **(env or {})}, text=True,
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if stdin is not None:
        process.stdin.write(stdin)
        process.stdin.flush()
    printed, url = [], None
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        printed.append(line)
        found = re.search(r"http://\S+", line)
        url = url or (found and found.group())
        if "Ctrl+C" in line and url:  # the last line of the start message
            return process, url, printed
    process.kill()
    raise AssertionError("govlint serve did not start: " + "".join(printed) + process.stderr.read())


def stop_serve(process) -> tuple[int, str, str]:
    """SIGTERM, then what it printed to the end."""
    import signal

    process.send_signal(signal.SIGTERM)
    out, err = process.communicate(timeout=60)
    return process.returncode, out, err


def multipart(files: dict[str, bytes]) -> tuple[bytes, str]:
    """A multipart/form-data body of ``files`` as the page sends them; (body, content type)."""
    import secrets

    boundary = "----govlint" + secrets.token_hex(8)
    body = b""
    for name, content in files.items():
        body += (f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{name}"\r\n'
                 "Content-Type: application/octet-stream\r\n\r\n").encode("utf-8") + content + b"\r\n"
    return body + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def http(url: str, method: str = "GET", body: bytes | None = None, headers: dict | None = None):
    """(status, headers, body) of one request, following no redirect."""
    import http.client
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
    try:
        connection.request(method, parts.path or "/", body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()
