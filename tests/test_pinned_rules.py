"""Rules that were once broken on purpose while the whole suite stayed green.

Each test below sits at the rule's boundary (4 and 5 people, 11 and 12
characters, -1 and 0) or reads the rule where it is finally decided (production
settings in a process of their own, the service rather than the form, the public
page as a visitor reads it). docs/security.md, "Rules pinned at their
boundaries", lists them.
"""

import json
import os
import re
import subprocess
import sys
import textwrap
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.accounts.models import User
from apps.accounts.roles import PROGRAMME_ADVISERS, SECRETARIAT_STAFF
from apps.accounts.services import DEMO_ACCOUNTS, demo_accounts_create
from apps.monitoring import evidence, services
from apps.monitoring.models import ReviewStatus
from apps.programme.services import programme_facts_load
from tests.accounts.factories import StaffUserFactory
from tests.helpers import force_login_verified
from tests.monitoring.factories import (
    ActivityFactory,
    IndicatorFactory,
    IndicatorUpdateFactory,
    ReportingPeriodFactory,
)
from tests.programme.factories import ComponentFactory, UnitFactory

ROOT = Path(__file__).resolve().parents[1]

# --- Production settings, read in a process of their own ---------------------

PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "DJANGO_SECRET_KEY": "pinned-rules-" + "k3y-Zq8!vW2#rT6@pL9$xN4%" * 3,
    "DJANGO_ALLOWED_HOSTS": "portal.example.org",
    "DATABASE_URL": "postgres://portal:secret@db.example.org:5432/portal",
}
ELEVEN = "tW9#kq2Lm7x"  # 11 characters: not common, not numeric, like no user attribute
TWELVE = ELEVEN + "R"

_READ_PRODUCTION_SETTINGS = textwrap.dedent(
    f"""
    import json

    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError


    def refusals(password):
        try:
            validate_password(password)
        except ValidationError as error:
            return error.messages
        return []


    print(json.dumps({{
        "atomic_requests": settings.DATABASES["default"].get("ATOMIC_REQUESTS"),
        "eleven": refusals({ELEVEN!r}),
        "twelve": refusals({TWELVE!r}),
    }}))
    """
)


@pytest.fixture(scope="module")
def production():
    """What config.settings.production says, read by a fresh interpreter (no test settings)."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL"))
    }
    # A developer's .env must not leak in.
    environment["DJANGO_ENV_FILE"] = str(ROOT / "no-such-env-file")
    environment.update(PRODUCTION)
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", _READ_PRODUCTION_SETTINGS],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.slow
def test_production_settings_run_every_request_in_one_transaction(production):
    # production.py builds DATABASES afresh from DATABASE_URL, so base.py's
    # ATOMIC_REQUESTS does not carry over by itself.
    assert production["atomic_requests"] is True


@pytest.mark.slow
def test_production_refuses_a_password_of_11_characters_and_accepts_12(production):
    assert any("at least 12 characters" in message for message in production["eleven"]), production[
        "eleven"
    ]
    assert production["twelve"] == []


# --- People figures on the public component page -----------------------------


def _participation(html: str) -> tuple[str, dict[str, str]]:
    """The page's participation section as a visitor reads it: its text, and each
    table row's group → figure (the first two cells of the row)."""
    start = html.index('id="participation-title"')
    section = html[start : html.index("</section>", start)]

    def text(fragment: str) -> str:
        return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fragment)).strip()

    rows = {}
    for row in re.findall(r"<tr\b.*?</tr>", section, flags=re.DOTALL):
        cells = [text(cell) for cell in re.findall(r"<t[hd]\b.*?</t[hd]>", row, re.DOTALL)]
        if len(cells) >= 2:
            rows[cells[0]] = cells[1]
    return text(section), rows


def _component_page_with(client, *, women: int, sex_other: int) -> tuple[str, dict[str, str]]:
    """One approved public activity: `women` women, 20 men, `sex_other` others; 10 with
    a disability, 10 not stated. Every other figure is a multiple of 5."""
    component = ComponentFactory(slug="pinned-component")
    unit = UnitFactory(components=[component])
    ActivityFactory(
        component=component,
        unit=unit,
        status=ReviewStatus.APPROVED,
        is_public=True,
        participants_women=women,
        participants_men=20,
        participants_sex_other=sex_other,
        participants_with_disability=10,
        participants_disability_not_stated=10,
    )
    response = client.get(reverse("site:component_detail", args=[component.slug]))
    assert response.status_code == 200
    return _participation(response.content.decode())


@pytest.mark.django_db
def test_public_page_withholds_a_group_of_4_people(client):
    text, rows = _component_page_with(client, women=4, sex_other=6)

    assert rows["Women"] == "fewer than 5"
    assert re.search(r"\b4\b", text) is None, text


@pytest.mark.django_db
def test_public_page_shows_a_group_of_5_people(client):
    _text, rows = _component_page_with(client, women=5, sex_other=5)

    assert rows["Women"] == "5"
    assert rows["Other or not stated"] == "5"
    assert "fewer than 5" not in (rows["Women"], rows["Other or not stated"])


# --- Evidence files: the allow-list docs/monitoring.md promises --------------

PROMISED = {
    "PDF": {".pdf"},
    "PNG": {".png"},
    "JPEG": {".jpg", ".jpeg"},
    "DOCX": {".docx"},
    "XLSX": {".xlsx"},
    "PPTX": {".pptx"},
    "CSV": {".csv"},
    "TXT": {".txt"},
}


def test_evidence_allow_list_is_exactly_what_the_docs_promise():
    docs = (ROOT / "docs" / "monitoring.md").read_text(encoding="utf-8")
    promise = re.search(r"\*\*Evidence files\*\*: (.+?), at most", docs, flags=re.DOTALL)
    assert promise, "docs/monitoring.md no longer says which evidence files are allowed"
    named = set(re.findall(r"[A-Z]{3,4}", promise.group(1)))

    assert named == set(PROMISED)
    assert set(evidence.TYPES) == set().union(*PROMISED.values())


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("page.html", b"<!doctype html><script>alert(document.cookie)</script>"),
        ("page.htm", b"<html><body onload=alert(1)></body></html>"),
        ("image.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        ("script.js", b"fetch('/admin/').then(r => r.text())"),
    ],
)
def test_evidence_service_refuses_html_svg_and_javascript(name, content):
    activity = ActivityFactory()

    with pytest.raises(ValidationError, match="Files of this type cannot be attached"):
        services.evidence_attach(
            record=activity, file=SimpleUploadedFile(name, content), user=activity.created_by
        )

    assert activity.evidence_files.count() == 0


# --- Back-office access (is_staff) is for programme advisers -----------------


@pytest.mark.django_db
def test_demo_accounts_give_back_office_access_to_the_adviser_only(client):
    programme_facts_load()
    demo_accounts_create(password="a-demo-password-for-tests")
    specs = {spec["email"]: spec for spec in DEMO_ACCOUNTS}

    back_office = set(User.objects.filter(is_staff=True).values_list("email", flat=True))

    assert back_office == {
        email for email, spec in specs.items() if spec["role"] == PROGRAMME_ADVISERS
    }
    secretariat = User.objects.filter(groups__name=SECRETARIAT_STAFF)
    assert secretariat.count() == 6
    assert not secretariat.filter(is_staff=True).exists()
    client.force_login(secretariat.first())
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.django_db
def test_staff_given_back_office_access_by_mistake_cannot_open_the_admin(client):
    """The back office is for advisers and superusers: "back-office access" ticked on
    a Secretariat staff account by mistake opens nothing, second factor or not."""
    ActivityFactory(title="Another unit's workshop")
    user = StaffUserFactory(is_staff=True)
    force_login_verified(client, user)

    for url in ("/admin/", "/admin/monitoring/activity/", "/admin/accounts/user/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/admin/login/"), url
    login = client.get("/admin/login/")
    assert login.status_code == 403
    assert "Another unit" not in login.content.decode()


# --- Disaggregated values passed straight to the service ---------------------


@pytest.fixture
def indicator(db):
    return IndicatorFactory(disaggregate_by_sex=True)


@pytest.fixture
def reporter(indicator):
    return StaffUserFactory(unit=indicator.responsible_unit)


def _rows(value) -> list[dict]:
    return [{"category": "sex", "group": "women", "member_state": None, "value": value}]


def test_indicator_update_create_refuses_a_negative_disaggregated_value(indicator, reporter):
    with pytest.raises(ValidationError, match="cannot be negative"):
        services.indicator_update_create(
            indicator=indicator,
            period=ReportingPeriodFactory(),
            user=reporter,
            data={"value": Decimal("10"), "disaggregations": _rows(-1)},
        )


def test_indicator_update_create_accepts_a_disaggregated_value_of_0(indicator, reporter):
    update = services.indicator_update_create(
        indicator=indicator,
        period=ReportingPeriodFactory(),
        user=reporter,
        data={"value": Decimal("10"), "disaggregations": _rows(0)},
    )

    assert update.disaggregations.get().value == 0


def test_indicator_update_change_refuses_a_negative_disaggregated_value(indicator, reporter):
    update = IndicatorUpdateFactory(indicator=indicator, created_by=reporter)

    with pytest.raises(ValidationError, match="cannot be negative"):
        services.indicator_update_change(
            update=update, user=reporter, data={"disaggregations": _rows("-1")}
        )

    assert update.disaggregations.count() == 0


def test_indicator_update_change_accepts_a_disaggregated_value_of_0(indicator, reporter):
    update = IndicatorUpdateFactory(indicator=indicator, created_by=reporter)

    services.indicator_update_change(
        update=update, user=reporter, data={"disaggregations": _rows(0)}
    )

    assert update.disaggregations.get().value == 0
