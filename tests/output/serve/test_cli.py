"""``govlint serve`` as a person starts it: bound to 127.0.0.1 with a token,
the configuration of the current directory, a password when asked for,
clear messages when the framework or the configuration is missing, and
nothing left behind when it stops."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from servekit import SEEDS, http, multipart, start_serve, stop_serve

pytest.importorskip("flask")

from govlint.output.serve import server  # noqa: E402


def listening_address(port: int) -> str:
    """The local address of the socket listening on ``port`` (Linux: /proc/net/tcp)."""
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        address, hex_port = local.split(":")
        if state == "0A" and int(hex_port, 16) == port:
            return ".".join(str(int(address[i:i + 2], 16)) for i in (6, 4, 2, 0))
    raise AssertionError(f"nothing listens on {port}")


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="reads the listening sockets from /proc (Linux)")
def test_it_listens_on_127_0_0_1_only_with_a_token_and_leaves_nothing_behind(tmp_path):
    temp = tmp_path / "temp"
    temp.mkdir()
    process, url, printed = start_serve(cwd=tmp_path, env={"TMPDIR": str(temp)})
    try:
        found = re.fullmatch(r"http://127\.0\.0\.1:(\d+)/([A-Za-z0-9_-]{32})/", url)
        assert found, url
        port, token = int(found.group(1)), found.group(2)
        assert listening_address(port) == "127.0.0.1"
        assert http(url)[0] == 200
        assert http(f"http://127.0.0.1:{port}/")[0] == 404
        assert http(f"http://127.0.0.1:{port}/{token[:-1]}A/")[0] == 404
        assert http(url, headers={"Host": f"rebind.example:{port}"})[0] == 400
        body, kind = multipart({"年报.txt": (SEEDS / "004_94358fe22916de47.txt").read_bytes()})
        status, _, answer = http(url + "api/check", "POST", body, {"Content-Type": kind})
        assert status == 200 and json.loads(answer)["reports"][0]["path"] == "年报.txt"
        [private] = temp.iterdir()
        assert private.name.startswith("govlint-serve-") and (private.stat().st_mode & 0o777) == 0o700
        assert list(private.iterdir()) == []  # the upload went with its request
    finally:
        code, out, err = stop_serve(process)
    assert code == 0 and "已停止" in out, err
    assert list(temp.iterdir()) == []
    assert "配置：未找到配置文件" in "".join(printed)


def test_the_configuration_of_the_current_directory_is_used(tmp_path):
    (tmp_path / "govlint.toml").write_text('ignore = ["M"]\n', encoding="utf-8")
    work = tmp_path / "sub"
    work.mkdir()
    process, url, printed = start_serve(cwd=work)
    try:
        assert f"配置：{tmp_path / 'govlint.toml'}" in "".join(printed)
        body, kind = multipart({"a.txt": (SEEDS / "004_94358fe22916de47.txt").read_bytes()})
        codes = json.loads(http(url + "api/check", "POST", body, {"Content-Type": kind})[2])["reports"][0]["codes"]
        assert codes and not any(code.startswith("M") for code in codes)
    finally:
        stop_serve(process)


def test_with_a_password_the_address_has_no_token_and_one_signs_in(tmp_path):
    process, url, printed = start_serve("--password", cwd=tmp_path, stdin="口令1\n口令1\n")
    try:
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/", url), url
        status, _, form = http(url)
        assert status == 200 and 'name="password"' in form.decode()
        origin = url.rstrip("/")
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Origin": origin}
        assert http(url + "login", "POST", "password=wrong".encode(), headers)[0] == 403
        status, answer, _ = http(url + "login", "POST", "password=%E5%8F%A3%E4%BB%A41".encode(), headers)
        assert status == 303 and re.fullmatch(r"/[A-Za-z0-9_-]{32}/", answer["Location"])
        assert http(origin + answer["Location"])[0] == 200
    finally:
        stop_serve(process)


def test_a_lan_address_is_announced_with_its_risk():
    said, warned = [], []
    options = server.ServeOptions(host="0.0.0.0")
    server._announce(said.append, warned.append, options, "http://127.0.0.1:8000/TOKEN/", 8000, None, False)
    assert "TOKEN" in warned[0] and "没有设密码" in warned[0] and "--password" in warned[0] and "不加密" in warned[0]
    said.clear()
    server._announce(said.append, warned.append, server.ServeOptions(host="192.168.1.5", password="x"),
                     "http://192.168.1.5:8000/", 8000, None, False)
    assert "http://192.168.1.5:8000/" in said[0] and "密码" in said[0]


def run_cli(*args: str, code: str = "", cwd=None) -> subprocess.CompletedProcess:
    script = f"import sys\n{code}\nfrom govlint.cli import main\nmain(sys.argv[1:])"
    return subprocess.run([sys.executable, "-c", script, *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120, env={**os.environ, "GOVLINT_DEBUG": ""})


def test_without_the_serve_extra_it_says_how_to_install_it(tmp_path):
    result = run_cli("serve", "--no-browser", code="sys.modules['waitress'] = None", cwd=tmp_path)
    assert result.returncode == 2
    assert "python3 -m pip install 'flask>=3.0' 'waitress>=3.0'" in result.stderr
    assert "pipx inject govlint flask waitress" in result.stderr


def test_a_missing_or_bad_configuration_stops_it_with_the_reason(tmp_path):
    missing = run_cli("serve", "--no-browser", "--config", "nope.toml", cwd=tmp_path)
    assert missing.returncode == 2 and "找不到配置文件：nope.toml" in missing.stderr
    (tmp_path / "bad.toml").write_text('select = ["NOPE999"]\n', encoding="utf-8")
    bad = run_cli("serve", "--no-browser", "--config", "bad.toml", cwd=tmp_path)
    assert bad.returncode == 2 and "NOPE999" in bad.stderr and "Traceback" not in bad.stderr
