import factory
from django.contrib.auth.models import Group

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
