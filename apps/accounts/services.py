"""Writes to user accounts: demo accounts, second factors."""

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django_otp.models import Device
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

from apps.programme.models import Unit

from .models import User
from .permissions import second_factor_required
from .roles import PROGRAMME_ADVISERS, SECRETARIAT_STAFF

# One adviser, and a staff member in each ASEC unit the programme works with.
DEMO_ACCOUNTS = [
    {
        "email": "adviser@example.org",
        "full_name": "Demo Programme Adviser",
        "role": PROGRAMME_ADVISERS,
        "unit": None,
        "is_staff": True,
    },
    {
        "email": "staff.processes@example.org",
        "full_name": "Demo Staff, Community Relations",
        "role": SECRETARIAT_STAFF,
        "unit": "CRD",
        "is_staff": False,
    },
    {
        "email": "staff.information@example.org",
        "full_name": "Demo Staff, Culture and Information",
        "role": SECRETARIAT_STAFF,
        "unit": "CID",
        "is_staff": False,
    },
    {
        "email": "staff.legal@example.org",
        "full_name": "Demo Staff, Legal Services",
        "role": SECRETARIAT_STAFF,
        "unit": "LSAD",
        "is_staff": False,
    },
    {
        "email": "staff.audit@example.org",
        "full_name": "Demo Staff, Internal Audit",
        "role": SECRETARIAT_STAFF,
        "unit": "IAED",
        "is_staff": False,
    },
    {
        "email": "staff.connectivity@example.org",
        "full_name": "Demo Staff, Connectivity",
        "role": SECRETARIAT_STAFF,
        "unit": "ACD",
        "is_staff": False,
    },
    {
        "email": "staff.inclusion@example.org",
        "full_name": "Demo Staff, Corporate Affairs",
        "role": SECRETARIAT_STAFF,
        "unit": "CAD",
        "is_staff": False,
    },
]


@transaction.atomic
def demo_accounts_create(*, password: str) -> list[User]:
    """Create the demo accounts that do not exist yet; leave existing ones alone.

    Existing accounts keep their password, so running it twice changes nothing.
    Raises Unit.DoesNotExist if the programme facts have not been loaded.
    """
    users = []
    for spec in DEMO_ACCOUNTS:
        user = User.objects.filter(email__iexact=spec["email"]).first()
        if user is None:
            unit = Unit.objects.get(abbreviation=spec["unit"]) if spec["unit"] else None
            user = User.objects.create_user(
                spec["email"],
                password,
                full_name=spec["full_name"],
                unit=unit,
                is_staff=spec["is_staff"],
            )
            user.groups.add(Group.objects.get(name=spec["role"]))
        users.append(user)
    return users


DEMO_EMAILS = frozenset(spec["email"] for spec in DEMO_ACCOUNTS)


def is_demo_account(user) -> bool:
    """One of the demo accounts, whose password is published in the README."""
    return (user.email or "").lower() in DEMO_EMAILS


# --- Two-factor sign-in --------------------------------------------------------
# A wrong code must leave its trace (django-otp's throttling counts it on the
# device), so no function here raises inside the transaction that checked it.

RECOVERY_CODE_COUNT = 10
AUTHENTICATOR_NAME = "Authenticator app"
RECOVERY_CODES_NAME = "Recovery codes"
WRONG_CODE = _lazy("This code is not correct. Check it and try again.")
THROTTLED = _lazy("Too many wrong codes in a row. Wait a minute, then try the newest code.")


def normalise_code(token: str) -> str:
    """A code as people type or paste it: without spaces or hyphens, lower case
    (recovery codes are shown in groups, authenticator codes sometimes too)."""
    return "".join(str(token).split()).replace("-", "").lower()


def authenticator_key_new() -> str:
    """A new secret key for an authenticator app (hex, 20 random bytes), kept in the
    session while the person sets the app up: nothing is stored until a code
    from the app confirms it."""
    return default_key()


def two_factor_enable(*, user: User, key: str, token: str) -> tuple[TOTPDevice, list[str]]:
    """Store the authenticator app set up with `key`, once `token` from it is right,
    replacing any earlier app and recovery codes. Returns the device and ten new
    recovery codes, to be shown once.

    Raises ValidationError if the code is wrong. Wrong codes are not throttled
    here: whoever sets up the app can read its key anyway.
    """
    device = TOTPDevice(user=user, name=AUTHENTICATOR_NAME, key=key, confirmed=True)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    code = normalise_code(token)
    if not (code.isdigit() and totp.verify(int(code), tolerance=device.tolerance)):
        raise ValidationError(WRONG_CODE, code="wrong")
    # The code just used must not sign in again.
    device.last_t = totp.t()
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        device.save()
        codes = _recovery_codes_replace(user=user)
    return device, codes


@transaction.atomic
def recovery_codes_regenerate(*, user: User) -> list[str]:
    """Ten new recovery codes for a person with an authenticator app; the old
    ones stop working. Raises ValidationError if there is no app."""
    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        raise ValidationError(_("Set up two-step sign-in first."))
    return _recovery_codes_replace(user=user)


def _recovery_codes_replace(*, user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_CODES_NAME, confirmed=True)
    codes: list[str] = []
    while len(codes) < RECOVERY_CODE_COUNT:
        code = StaticToken.random_token()
        if code not in codes:
            codes.append(code)
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def second_factor_verify(*, user: User, token: str, recovery_code: bool = False) -> Device:
    """The device that accepts `token`: the authenticator app's current code, or,
    with recovery_code=True, one of the recovery codes, which is then used up.

    Raises ValidationError if the code is wrong or too many wrong codes were
    tried in a row (django-otp throttles each device, doubling the wait).
    """
    model = StaticDevice if recovery_code else TOTPDevice
    device = model.objects.filter(user=user, confirmed=True).order_by("-pk").first()
    if device is None:
        raise ValidationError(WRONG_CODE)
    return _verified_device(model, device.pk, token)


def _verified_device(model, pk: int, token: str) -> Device:
    """Check `token` on the device under a row lock (a code works once, also
    when two requests bring it at the same time); raise only after the
    transaction has kept the failure count."""
    with transaction.atomic():
        device = model.objects.select_for_update().get(pk=pk)
        allowed, _data = device.verify_is_allowed()
        verified = allowed and device.verify_token(normalise_code(token))
    if not allowed:
        raise ValidationError(THROTTLED, code="throttled")
    if not verified:
        raise ValidationError(WRONG_CODE, code="wrong")
    return device


def two_factor_disable(*, user: User, token: str) -> None:
    """Turn two-step sign-in off for a person whose role does not require it,
    after a current code from their app or a recovery code.

    Raises ValidationError if the role requires a second factor or the code is wrong.
    """
    if second_factor_required(user):
        raise ValidationError(_("Your role requires two-step sign-in; it cannot be turned off."))
    try:
        second_factor_verify(user=user, token=token)
    except ValidationError:
        second_factor_verify(user=user, token=token, recovery_code=True)
    two_factor_remove(user=user)


@transaction.atomic
def two_factor_remove(*, user: User) -> int:
    """Remove every second factor of the person (authenticator apps and recovery
    codes), e.g. for a lost phone. Returns how many devices were removed."""
    devices = [
        *TOTPDevice.objects.filter(user=user),
        *StaticDevice.objects.filter(user=user),
    ]
    for device in devices:
        device.delete()
    return len(devices)
