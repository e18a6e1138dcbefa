"""scripts/backup_restore_check.sh on the PostgreSQL server the suite runs on.

Skipped on SQLite. CI also runs the script's --seeded mode on the whole demo
database (.ci/run); these tests prove that it passes a faithful restore, fails
on any difference, and leaves nothing behind.
"""

import shutil
import subprocess
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "backup_restore_check.sh"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL (DATABASE_URL=postgres://…)"
    ),
    pytest.mark.skipif(shutil.which("pg_dump") is None, reason="needs pg_dump and psql"),
]


def _url(database: str) -> str:
    config = settings.DATABASES["default"]
    password = f":{quote(config['PASSWORD'], safe='')}" if config.get("PASSWORD") else ""
    host = config.get("HOST") or "127.0.0.1"
    port = config.get("PORT") or 5432
    return f"postgres://{quote(config['USER'], safe='')}{password}@{host}:{port}/{database}"


def _psql(database: str, sql: str) -> str:
    result = subprocess.run(  # noqa: S603
        ["psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-d", _url(database), "-c", sql],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return result.stdout.strip()


def _databases() -> set[str]:
    return set(_psql("postgres", "SELECT datname FROM pg_database").splitlines())


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603
        ["bash", str(SCRIPT), *args],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


@pytest.fixture
def scratch():
    """Make scratch databases with a table of people; drop them afterwards."""
    made = []

    def make(rows: int = 3) -> str:
        name = f"ops_test_{uuid.uuid4().hex[:10]}"
        _psql("postgres", f'CREATE DATABASE "{name}" TEMPLATE template0')
        made.append(name)
        people = f"SELECT 'person ' || n FROM generate_series(1, {rows:d}) n"  # noqa: S608
        _psql(
            name,
            "CREATE TABLE person (id bigserial PRIMARY KEY, name text NOT NULL);"
            f"CREATE TABLE empty_table (id int); INSERT INTO person (name) {people};",
        )
        return name

    yield make
    for name in made:
        _psql("postgres", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_faithful_restore_passes_and_leaves_nothing_behind(scratch, tmp_path):
    source = scratch(rows=3)
    media = tmp_path / "media" / "evidence"
    media.mkdir(parents=True)
    (media / "report.pdf").write_bytes(b"%PDF-1.7 attendance")
    before = _databases()

    result = _run("--media", str(tmp_path / "media"), _url(source))

    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok: 2 tables, 3 rows and every sequence match" in result.stdout
    assert "ok: 1 media files restored identical" in result.stdout
    assert _databases() == before
    assert _psql(source, "SELECT count(*) FROM person") == "3"


def test_a_missing_row_fails_and_names_the_table(scratch):
    complete, short = scratch(rows=3), scratch(rows=3)
    _psql(short, "DELETE FROM person WHERE id = 2")

    result = _run("--compare", _url(complete), _url(short))

    assert result.returncode == 1
    assert "differ" in result.stderr
    assert "< public.person\t3" in result.stderr
    assert "> public.person\t2" in result.stderr


def test_a_sequence_left_behind_fails(scratch):
    restored, rewound = scratch(rows=3), scratch(rows=3)
    _psql(rewound, "SELECT setval('person_id_seq', 1)")

    result = _run("--compare", _url(restored), _url(rewound))

    assert result.returncode == 1
    assert "sequence public.person_id_seq" in result.stderr


def test_a_database_without_tables_is_not_a_pass(scratch):
    source = scratch()
    _psql(source, "DROP TABLE person, empty_table")

    result = _run("--compare", _url(source), _url(source))

    assert result.returncode == 1
    assert "has no tables" in result.stderr


def test_an_unreachable_database_fails_and_creates_nothing():
    before = _databases()

    result = _run(_url(f"no_such_database_{uuid.uuid4().hex[:8]}"))

    assert result.returncode != 0
    assert _databases() == before
