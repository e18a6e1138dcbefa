import time

import factory
from django.contrib.auth.models import Group
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from apps.accounts.models import User
from apps.accounts.roles import PROGRAMME_ADVISERS, SECRETARIAT_STAFF
from tests.programme.factories import UnitFactory

PASSWORD = "correct-horse-battery"


def _roles(default: tuple[str, ...]):
    """A post-generation hook giving the user `default` roles unless roles=[...] is passed."""

    @factory.post_generation
    def roles(user, create, extracted, **kwargs):
        names = default if extracted is None else extracted
        if create and names:
            user.groups.add(*Group.objects.filter(name__in=names))

    return roles


class UserFactory(factory.django.DjangoModelFactory):
    """A user with no role. StaffUserFactory and AdviserFactory give the roles."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@asean.example.org")
    full_name = factory.Sequence(lambda n: f"Person Number{n}")
    password = factory.django.Password(PASSWORD)
    roles = _roles(())


class StaffUserFactory(UserFactory):
    unit = factory.SubFactory(UnitFactory)
    roles = _roles((SECRETARIAT_STAFF,))


class AdviserFactory(UserFactory):
    is_staff = True
    roles = _roles((PROGRAMME_ADVISERS,))


class AuthenticatorFactory(factory.django.DjangoModelFactory):
    """A confirmed authenticator app (django-otp TOTP device)."""

    class Meta:
        model = TOTPDevice

    user = factory.SubFactory(UserFactory)
    name = "Authenticator app"
    confirmed = True


def authenticator_code(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    """The code the person's app shows now (or `steps_ahead` 30-second steps later:
    a code works once, so a second sign-in in the same test needs the next one)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"
