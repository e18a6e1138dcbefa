"""gunicorn, as the Dockerfile and docker-compose.yml start it, sends no server
banner (docs/security.md, "Response headers"): started here on a free port with
production settings and asked for /healthz."""

import http.client
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers import PRODUCTION_ENV

ROOT = Path(__file__).resolve().parents[2]
COMMAND = "gunicorn --config gunicorn.conf.py config.wsgi:application"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(port: int, path: str, deadline: float) -> http.client.HTTPResponse:
    while True:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        try:
            connection.request("GET", path, headers={"Host": "127.0.0.1"})
            response = connection.getresponse()
            response.read()
            return response
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
        finally:
            connection.close()


@pytest.fixture
def gunicorn_port(tmp_path):
    port = _free_port()
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL"))
    }
    environment.update(
        PRODUCTION_ENV,
        DJANGO_ENV_FILE=str(ROOT / "no-such-env-file"),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=f"sqlite:///{tmp_path / 'production.sqlite3'}",
    )
    server = subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "-m",
            *COMMAND.split(),
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
        ],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    yield port
    server.terminate()
    _stdout, stderr = server.communicate(timeout=30)
    assert server.returncode == 0, stderr.decode()


@pytest.mark.slow
def test_gunicorn_sends_no_server_banner(gunicorn_port):
    response = _get(gunicorn_port, "/healthz", deadline=time.monotonic() + 30)

    assert response.status == 200
    assert response.getheader("Server", "") == ""
    assert "gunicorn" not in str(response.headers).lower()
    assert "camera=()" in response.getheader("Permissions-Policy")
    assert "default-src 'self'" in response.getheader("Content-Security-Policy")


def test_dockerfile_and_compose_start_gunicorn_with_its_config():
    dockerfile = (ROOT / "Dockerfile").read_text()
    compose = (ROOT / "docker-compose.yml").read_text()

    cmd = re.search(r"^CMD (\[.*\])$", dockerfile, re.MULTILINE).group(1)
    assert " ".join(re.findall(r'"([^"]+)"', cmd)) == COMMAND
    assert f"exec {COMMAND}" in compose
