"""Known vulnerabilities in what the portal installs: requirements.txt and package-lock.json.

Run by `make audit` and .ci/run, with the portal's own interpreter (it reads the
installed packages' metadata):

    .venv/bin/python scripts/audit.py --pip-audit .venv-audit/bin/pip-audit

Three checks, in order:

1. requirements.txt pins every dependency of what it pins (read from the
   packages installed in .venv), so auditing the file without resolving it
   (pip-audit --no-deps) misses nothing.
2. pip-audit on requirements.txt, against PyPI's vulnerability data (or OSV's
   with AUDIT_PIP_SERVICE=osv).
3. npm audit --omit=dev on package-lock.json: what the portal serves, not the
   test tools.

A vulnerability listed in audit-ignore.txt (by its ID or an alias) is reported
but does not fail the run; an entry past its review date fails it.

Exit status: 0 clean; 1 a known vulnerability, an unpinned dependency or a bad
ignore list; 2 an audit could not run (its service unreachable, a package it
could not look up). With AUDIT_IF_UNREACHABLE=warn an audit that could not run
is reported loudly and the exit status is 0: for machines that reach the
package registries but not their advisory services (docs/operations.md).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CLEAN, VULNERABLE, NOT_AUDITED = 0, 1, 2


@dataclass(frozen=True)
class Finding:
    package: str
    version: str
    id: str
    aliases: tuple[str, ...] = ()
    fix: str = ""

    @property
    def ids(self) -> set[str]:
        return {self.id, *self.aliases}

    def __str__(self) -> str:
        also = f" ({', '.join(self.aliases)})" if self.aliases else ""
        fix = f"; fixed in {self.fix}" if self.fix else "; no fixed version yet"
        return f"{self.package} {self.version}: {self.id}{also}{fix}"


@dataclass
class Report:
    tool: str
    findings: list[Finding] = field(default_factory=list)
    not_audited: list[str] = field(default_factory=list)  # why some or all could not be checked


# --- The ignore list ---------------------------------------------------------

IGNORE_LINE = re.compile(
    r"^(?P<id>\S+)\s+(?P<added>\d{4}-\d{2}-\d{2})\s+(?P<review>\d{4}-\d{2}-\d{2})\s+(?P<why>\S.*)$"
)


def read_ignore_list(path: Path, *, today: datetime.date) -> tuple[set[str], list[str]]:
    """The IDs to ignore, and the errors in the file (malformed lines, expired entries).

    A line: `<ID> <added YYYY-MM-DD> <review by YYYY-MM-DD> <why it does not affect
    us, or what we wait for>`. `#` starts a comment; blank lines are skipped.
    """
    ids, errors = set(), []
    if not path.exists():
        return ids, [f"{path.name}: missing (it may be empty, but it must exist)"]
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        match = IGNORE_LINE.match(line)
        if not match:
            errors.append(
                f"{path.name}:{number}: expected "
                f"'<ID> <added YYYY-MM-DD> <review by YYYY-MM-DD> <reason>', got {line!r}"
            )
            continue
        try:
            review = datetime.date.fromisoformat(match["review"])
            datetime.date.fromisoformat(match["added"])
        except ValueError as error:
            errors.append(f"{path.name}:{number}: {error}")
            continue
        if review < today:
            errors.append(
                f"{path.name}:{number}: {match['id']} was to be reviewed by {review}: "
                "upgrade, or renew the entry with a new date and reason"
            )
            continue
        ids.add(match["id"])
    return ids, errors


# --- requirements.txt pins everything it pulls in ------------------------------


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def read_pins(path: Path) -> dict[str, str]:
    """name → version for every `name==version` line of a requirements file."""
    pins = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line or line.startswith("-"):
            continue
        name, separator, version = line.partition("==")
        if not separator:
            raise ValueError(f"{path.name}: {line!r} is not pinned with ==")
        pins[_canonical(name.split("[", 1)[0])] = version.split(";", 1)[0].strip()
    return pins


def unpinned_dependencies(pins: dict[str, str]) -> list[str]:
    """What the pinned packages, as installed here, need that the pins leave out.

    Also reports a pinned package that is not installed, or installed at another
    version (then its metadata is not the pinned one's: run `make install`).
    """
    from importlib import metadata

    from packaging.requirements import Requirement

    problems = []
    for name, version in sorted(pins.items()):
        try:
            distribution = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            problems.append(f"{name}=={version} is pinned but not installed: run `make install`")
            continue
        if distribution.version != version:
            problems.append(
                f"{name} is pinned at {version} but {distribution.version} is installed: "
                "run `make install`"
            )
            continue
        for spec in distribution.requires or []:
            requirement = Requirement(spec)
            if requirement.marker and not requirement.marker.evaluate({"extra": ""}):
                continue
            if _canonical(requirement.name) not in pins:
                problems.append(f"{name} needs {requirement.name}, which is not pinned")
    return problems


# --- pip-audit ---------------------------------------------------------------


def pip_audit_report(data: dict | None, *, error: str = "") -> Report:
    """Read pip-audit's JSON (`--format json`); None when it wrote none."""
    report = Report("pip-audit (requirements.txt)")
    if data is None:
        report.not_audited.append(error or "pip-audit wrote no report")
        return report
    for dependency in data.get("dependencies", []):
        if "skip_reason" in dependency:
            report.not_audited.append(dependency["skip_reason"])
            continue
        for vulnerability in dependency.get("vulns", []):
            report.findings.append(
                Finding(
                    package=dependency["name"],
                    version=dependency.get("version", "?"),
                    id=vulnerability["id"],
                    aliases=tuple(vulnerability.get("aliases", ())),
                    fix=", ".join(vulnerability.get("fix_versions", ())),
                )
            )
    return report


def run_pip_audit(pip_audit: str, requirements: Path, service: str) -> Report:
    with tempfile.TemporaryDirectory() as folder:
        output = Path(folder) / "pip-audit.json"
        result = _run(
            [
                pip_audit,
                "--requirement",
                str(requirements),
                # Every dependency is pinned (checked above): audit the pins as
                # they are, without building an environment to resolve them.
                "--no-deps",
                "--disable-pip",
                "--vulnerability-service",
                service,
                "--progress-spinner",
                "off",
                "--format",
                "json",
                "--output",
                str(output),
            ],
        )
        data = json.loads(output.read_text(encoding="utf-8")) if output.exists() else None
    error = _last_line(result.stderr) or f"pip-audit exited with {result.returncode}"
    return pip_audit_report(data, error=error)


# --- npm audit ---------------------------------------------------------------


def npm_audit_report(data: dict | None, *, error: str = "") -> Report:
    """Read `npm audit --json` (report version 2, npm 7 and later)."""
    report = Report("npm audit --omit=dev (package-lock.json)")
    if data is None:
        report.not_audited.append(error or "npm audit wrote no report")
        return report
    if "error" in data or "statusCode" in data or "vulnerabilities" not in data:
        message = data.get("message") or (data.get("error") or {}).get("summary") or error
        report.not_audited.append(f"the advisory service did not answer: {message}")
        return report
    for package in data["vulnerabilities"].values():
        # `via` holds advisories (dicts) and names of other vulnerable packages
        # (strings): those packages are in the report with their own advisories.
        for advisory in package.get("via", []):
            if not isinstance(advisory, dict):
                continue
            url = advisory.get("url", "")
            advisory_id = url.rstrip("/").rsplit("/", 1)[-1] if url else str(advisory["source"])
            report.findings.append(
                Finding(
                    package=advisory.get("name", package["name"]),
                    version=advisory.get("range", package.get("range", "?")),
                    id=advisory_id,
                    aliases=(str(advisory["source"]),) if "source" in advisory else (),
                    fix="a fix" if package.get("fixAvailable") else "",
                )
            )
    return report


def run_npm_audit(npm: str, folder: Path) -> Report:
    result = _run([npm, "audit", "--omit=dev", "--json"], cwd=folder)
    try:
        data = json.loads(result.stdout) if result.stdout.strip() else None
    except json.JSONDecodeError:
        data = None
    error = _last_line(result.stderr) or f"npm audit exited with {result.returncode}"
    return npm_audit_report(data, error=error)


def _run(command: list[str], cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run a tool; a tool that is not there answers like one that failed."""
    try:
        return subprocess.run(  # noqa: S603
            command, cwd=cwd, capture_output=True, text=True, check=False, timeout=600
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        return subprocess.CompletedProcess(command, 127, stdout="", stderr=str(error))


def _last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1].strip() if lines else ""


# --- Putting it together -------------------------------------------------------


def verdict(reports: list[Report], *, ignored: set[str], if_unreachable: str) -> int:
    """Print what each audit found; return the exit status."""
    status = CLEAN
    for report in reports:
        live = [finding for finding in report.findings if not finding.ids & ignored]
        accepted = [finding for finding in report.findings if finding.ids & ignored]
        if live:
            print(f"FAIL {report.tool}: {len(live)} known vulnerabilities")
            status = VULNERABLE
        elif report.not_audited:
            print(f"NOT AUDITED {report.tool}")
        else:
            print(f"ok   {report.tool}: no known vulnerabilities")
        for finding in live:
            print(f"       {finding}")
        for finding in accepted:
            print(f"       ignored (audit-ignore.txt): {finding}")
        reasons = list(dict.fromkeys(report.not_audited))  # once each, in order
        for reason in reasons[:3]:
            print(f"       could not audit: {reason}")
        if len(reasons) > 3:
            print(f"       … and {len(reasons) - 3} more like these")
        if report.not_audited and status == CLEAN:
            status = NOT_AUDITED
    if status == NOT_AUDITED and if_unreachable == "warn":
        print(
            "\n!!! NOT AUDITED: a vulnerability service could not be asked (above). "
            "AUDIT_IF_UNREACHABLE=warn lets the run go on; nothing was checked. !!!"
        )
        return CLEAN
    return status


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pip-audit", default=str(ROOT / ".venv-audit" / "bin" / "pip-audit"))
    parser.add_argument("--npm", default="npm")
    parser.add_argument("--requirements", type=Path, default=ROOT / "requirements.txt")
    parser.add_argument("--ignore-file", type=Path, default=ROOT / "audit-ignore.txt")
    parser.add_argument("--npm-folder", type=Path, default=ROOT)
    parser.add_argument("--today", type=datetime.date.fromisoformat, default=datetime.date.today())
    args = parser.parse_args(argv)
    if_unreachable = os.environ.get("AUDIT_IF_UNREACHABLE", "fail")
    service = os.environ.get("AUDIT_PIP_SERVICE", "pypi")
    if if_unreachable not in {"fail", "warn"} or service not in {"pypi", "osv"}:
        parser.error("AUDIT_IF_UNREACHABLE is fail or warn; AUDIT_PIP_SERVICE is pypi or osv")

    ignored, errors = read_ignore_list(args.ignore_file, today=args.today)
    errors += unpinned_dependencies(read_pins(args.requirements))
    if errors:
        print("FAIL the audit's inputs:")
        for error in errors:
            print(f"       {error}")
        return VULNERABLE

    reports = [
        run_pip_audit(args.pip_audit, args.requirements, service),
        run_npm_audit(args.npm, args.npm_folder),
    ]
    return verdict(reports, ignored=ignored, if_unreachable=if_unreachable)


if __name__ == "__main__":
    sys.exit(main())
