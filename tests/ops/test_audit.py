"""scripts/audit.py: a known vulnerability fails the run; an audit that could not run
never passes as clean; the ignore list is dated and expires."""

import datetime
import importlib.util
import json
import stat
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TODAY = datetime.date(2026, 11, 30)

# scripts/ is not a package: load the script as the module `scripts_audit`.
_spec = importlib.util.spec_from_file_location("scripts_audit", ROOT / "scripts" / "audit.py")
audit = sys.modules.setdefault("scripts_audit", importlib.util.module_from_spec(_spec))
_spec.loader.exec_module(audit)

PIP_AUDIT_VULNERABLE = {
    "dependencies": [
        {"name": "django", "version": "5.2.19", "vulns": []},
        {
            "name": "sqlparse",
            "version": "0.6.1",
            "vulns": [
                {
                    "id": "PYSEC-2099-1",
                    "aliases": ["GHSA-aaaa-bbbb-cccc", "CVE-2099-0001"],
                    "fix_versions": ["0.6.2"],
                    "description": "A made-up vulnerability.",
                }
            ],
        },
    ],
    "fixes": [],
}
PIP_AUDIT_CLEAN = {"dependencies": [{"name": "django", "version": "5.2.19", "vulns": []}]}
PIP_AUDIT_SKIPPED = {
    "dependencies": [
        {"name": "django", "skip_reason": "Dependency not found on PyPI and could not be audited"}
    ]
}
NPM_VULNERABLE = {
    "auditReportVersion": 2,
    "vulnerabilities": {
        "bootstrap": {
            "name": "bootstrap",
            "severity": "moderate",
            "isDirect": True,
            "via": [
                {
                    "source": 1099999,
                    "name": "bootstrap",
                    "dependency": "bootstrap",
                    "title": "A made-up XSS",
                    "url": "https://github.com/advisories/GHSA-dddd-eeee-ffff",
                    "severity": "moderate",
                    "range": "<5.3.10",
                },
                "popper-helper",
            ],
            "effects": [],
            "range": "<5.3.10",
            "nodes": ["node_modules/bootstrap"],
            "fixAvailable": True,
        }
    },
    "metadata": {"vulnerabilities": {"moderate": 1, "total": 1}},
}
NPM_CLEAN = {"auditReportVersion": 2, "vulnerabilities": {}, "metadata": {}}
NPM_UNREACHABLE = {
    "message": "405 Method Not Allowed - POST https://registry.example/-/npm/v1/security/advisories/bulk",
    "statusCode": 405,
    "error": {"summary": "", "detail": ""},
}


# --- The ignore list ------------------------------------------------------------


def test_the_shipped_ignore_list_is_empty_and_well_formed():
    ignored, errors = audit.read_ignore_list(ROOT / "audit-ignore.txt", today=TODAY)

    assert ignored == set()
    assert errors == []


def _ignore_file(tmp_path, text: str) -> Path:
    path = tmp_path / "audit-ignore.txt"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_an_ignore_entry_needs_dates_and_a_reason(tmp_path):
    path = _ignore_file(
        tmp_path,
        """\
        # a comment
        GHSA-aaaa-bbbb-cccc  2026-11-01  2027-01-31  only the CLI is affected, which we never run
        PYSEC-2099-2  2026-11-01  no review date
        """,
    )

    ignored, errors = audit.read_ignore_list(path, today=TODAY)

    assert ignored == {"GHSA-aaaa-bbbb-cccc"}
    assert len(errors) == 1
    assert "audit-ignore.txt:3: expected" in errors[0]


def test_an_ignore_entry_past_its_review_date_fails(tmp_path):
    path = _ignore_file(tmp_path, "PYSEC-2099-1  2026-01-01  2026-11-29  waiting for 0.6.2\n")

    ignored, errors = audit.read_ignore_list(path, today=TODAY)

    assert ignored == set()
    assert "was to be reviewed by 2026-11-29" in errors[0]


def test_a_missing_ignore_list_fails(tmp_path):
    _ignored, errors = audit.read_ignore_list(tmp_path / "audit-ignore.txt", today=TODAY)

    assert "missing" in errors[0]


# --- Reading the tools' reports and the verdict ---------------------------------


def test_a_known_python_vulnerability_fails_even_when_unreachable_services_only_warn(capsys):
    report = audit.pip_audit_report(PIP_AUDIT_VULNERABLE)

    status = audit.verdict([report], ignored=set(), if_unreachable="warn")

    assert status == audit.VULNERABLE
    out = capsys.readouterr().out
    assert "FAIL pip-audit" in out
    assert (
        "sqlparse 0.6.1: PYSEC-2099-1 (GHSA-aaaa-bbbb-cccc, CVE-2099-0001); fixed in 0.6.2" in out
    )


def test_a_vulnerability_is_ignored_by_any_of_its_aliases(capsys):
    report = audit.pip_audit_report(PIP_AUDIT_VULNERABLE)

    status = audit.verdict([report], ignored={"CVE-2099-0001"}, if_unreachable="fail")

    assert status == audit.CLEAN
    assert "ignored (audit-ignore.txt): sqlparse" in capsys.readouterr().out


def test_a_known_npm_vulnerability_fails(capsys):
    report = audit.npm_audit_report(NPM_VULNERABLE)

    status = audit.verdict([report], ignored=set(), if_unreachable="fail")

    assert status == audit.VULNERABLE
    assert [finding.id for finding in report.findings] == ["GHSA-dddd-eeee-ffff"]
    assert "bootstrap <5.3.10: GHSA-dddd-eeee-ffff" in capsys.readouterr().out


@pytest.mark.parametrize(
    "report",
    [
        audit.pip_audit_report(PIP_AUDIT_SKIPPED),
        audit.pip_audit_report(None, error="ConnectionError: api.osv.dev"),
        audit.npm_audit_report(NPM_UNREACHABLE),
    ],
    ids=["package-not-looked-up", "service-unreachable", "npm-405"],
)
def test_an_audit_that_could_not_run_is_never_reported_clean(report, capsys):
    assert audit.verdict([report], ignored=set(), if_unreachable="fail") == audit.NOT_AUDITED
    assert "NOT AUDITED" in capsys.readouterr().out

    assert audit.verdict([report], ignored=set(), if_unreachable="warn") == audit.CLEAN
    assert "nothing was checked" in capsys.readouterr().out


def test_clean_reports_pass(capsys):
    reports = [audit.pip_audit_report(PIP_AUDIT_CLEAN), audit.npm_audit_report(NPM_CLEAN)]

    assert audit.verdict(reports, ignored=set(), if_unreachable="fail") == audit.CLEAN
    assert capsys.readouterr().out.count("no known vulnerabilities") == 2


# --- requirements.txt pins everything it pulls in --------------------------------


def test_requirements_pin_every_dependency_of_what_they_pin():
    assert audit.unpinned_dependencies(audit.read_pins(ROOT / "requirements.txt")) == []


def test_a_dependency_left_unpinned_is_named():
    pins = audit.read_pins(ROOT / "requirements.txt")
    del pins["sqlparse"]

    assert "django needs sqlparse, which is not pinned" in audit.unpinned_dependencies(pins)


# --- The whole script, with stand-ins for pip-audit and npm --------------------


def _stand_in(tmp_path, name: str, report: dict, *, writes_to_output: bool) -> str:
    """An executable that answers like pip-audit (JSON to --output) or npm (JSON on stdout)."""
    path = tmp_path / name
    path.write_text(
        textwrap.dedent(
            f"""\
            #!{sys.executable}
            import json, sys
            report = json.loads({json.dumps(json.dumps(report))})
            if {writes_to_output}:
                with open(sys.argv[sys.argv.index("--output") + 1], "w") as out:
                    json.dump(report, out)
            else:
                print(json.dumps(report))
            """
        ),
        encoding="utf-8",
    )
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return str(path)


@pytest.mark.parametrize(
    ("pip_report", "npm_report", "if_unreachable", "expected"),
    [
        (PIP_AUDIT_CLEAN, NPM_CLEAN, "fail", 0),
        (PIP_AUDIT_VULNERABLE, NPM_CLEAN, "warn", 1),
        (PIP_AUDIT_CLEAN, NPM_VULNERABLE, "warn", 1),
        (PIP_AUDIT_SKIPPED, NPM_CLEAN, "fail", 2),
        (PIP_AUDIT_CLEAN, NPM_UNREACHABLE, "warn", 0),
    ],
)
def test_the_script_exit_status(
    tmp_path, monkeypatch, capsys, pip_report, npm_report, if_unreachable, expected
):
    monkeypatch.setenv("AUDIT_IF_UNREACHABLE", if_unreachable)
    argv = [
        "--pip-audit",
        _stand_in(tmp_path, "pip-audit", pip_report, writes_to_output=True),
        "--npm",
        _stand_in(tmp_path, "npm", npm_report, writes_to_output=False),
        "--ignore-file",
        str(ROOT / "audit-ignore.txt"),
        "--today",
        TODAY.isoformat(),
    ]

    assert audit.main(argv) == expected


def test_a_missing_tool_is_not_audited_rather_than_a_crash(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("AUDIT_IF_UNREACHABLE", "fail")
    argv = ["--pip-audit", str(tmp_path / "no-pip-audit"), "--npm", str(tmp_path / "no-npm")]

    assert audit.main([*argv, "--today", TODAY.isoformat()]) == audit.NOT_AUDITED
    assert capsys.readouterr().out.count("No such file or directory") == 2
