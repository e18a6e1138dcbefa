"""Portal users: people sign in with their email address, not a username."""

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from .roles import PROGRAMME_ADVISERS, ROLE_LABELS, SECRETARIAT_STAFF


class UserManager(BaseUserManager):
    use_in_migrations = True

    def get_by_natural_key(self, username):
        # Email addresses are matched ignoring case, so "Ana@ASEAN.org" signs in
        # as "ana@asean.org".
        return self.get(email__iexact=username)

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        if not extra_fields["is_staff"] or not extra_fields["is_superuser"]:
            raise ValueError("A superuser needs is_staff=True and is_superuser=True.")
        return self._create_user(email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    unit = models.ForeignKey(
        "programme.Unit",
        on_delete=models.PROTECT,
        related_name="users",
        null=True,
        blank=True,
        verbose_name=_("ASEC unit"),
        help_text=_("Required for Secretariat staff: they see and edit their unit's records."),
    )
    is_staff = models.BooleanField(
        _("back-office access"),
        default=False,
        help_text=_("Can sign in to the admin (programme advisers)."),
    )
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Untick instead of deleting the account."),
    )
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    gets_reporting_emails = models.BooleanField(
        _("reporting emails"),
        default=True,
        help_text=_(
            "Reminders before, on and after a reporting period's due date (staff) and the "
            "weekly review digest (advisers). Each person can change it in /accounts/emails/."
        ),
    )

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="user_email_unique_ignoring_case",
                violation_error_message=_("A user with this email address already exists."),
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.email

    def clean(self) -> None:
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @cached_property
    def role_names(self) -> list[str]:
        """The portal roles (group names) this user holds."""
        return [group.name for group in self.groups.all() if group.name in ROLE_LABELS]

    @property
    def is_secretariat_staff(self) -> bool:
        return SECRETARIAT_STAFF in self.role_names

    @property
    def is_programme_adviser(self) -> bool:
        return PROGRAMME_ADVISERS in self.role_names

    @property
    def role_label(self) -> str:
        labels = [str(ROLE_LABELS[name]) for name in self.role_names]
        return ", ".join(labels)
