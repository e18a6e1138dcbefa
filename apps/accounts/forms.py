from django import forms
from django.contrib.auth.forms import (
    AdminUserCreationForm,
    AuthenticationForm,
    PasswordResetForm,
)
from django.contrib.auth.forms import UserChangeForm as DjangoUserChangeForm
from django.utils.translation import gettext_lazy as _

from .models import User

INVALID_LOGIN = _("The email address or password is not correct. Check both and try again.")


class EmailAuthenticationForm(AuthenticationForm):
    """Sign in with email and password.

    One message for every failed attempt, so the form never tells whether an
    email address has an account.
    """

    username = forms.EmailField(
        label=_("Email address"),
        # No autofocus: the first Tab must reach the skip link, and a screen
        # reader user should hear the page before landing in a field.
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    error_messages = {"invalid_login": INVALID_LOGIN, "inactive": INVALID_LOGIN}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].widget.attrs["autocomplete"] = "current-password"


class PortalPasswordResetForm(PasswordResetForm):
    """Ask for a reset link by email address (the mail goes only to an active
    account with that address; the page after says the same either way)."""

    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class AuthenticatorCodeForm(forms.Form):
    """A six-digit code from an authenticator app. Paste is allowed; phones
    offer the code from a text message or their password manager
    (autocomplete="one-time-code")."""

    code = forms.CharField(
        label=_("Code from your authenticator app"),
        help_text=_("The 6 digits the app shows now. A new code appears every 30 seconds."),
        max_length=20,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autocapitalize": "off",
                "spellcheck": "false",
            }
        ),
    )

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split())
        if not (code.isdigit() and len(code) == 6):
            raise forms.ValidationError(_("Enter the 6 digits your authenticator app shows."))
        return code


class RecoveryCodeForm(forms.Form):
    """One of the recovery codes shown when two-step sign-in was turned on."""

    code = forms.CharField(
        label=_("Recovery code"),
        help_text=_("8 letters and digits, from the list you saved. Each code works once."),
        max_length=40,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "off", "spellcheck": "false"}
        ),
    )


class DisableTwoFactorForm(forms.Form):
    """A current code (or a recovery code) confirms turning two-step sign-in off."""

    code = forms.CharField(
        label=_("Code from your authenticator app, or a recovery code"),
        max_length=40,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "off", "spellcheck": "false"}
        ),
    )


class UserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "full_name", "unit")


class UserChangeForm(DjangoUserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


class EmailPreferencesForm(forms.ModelForm):
    """Whether the person gets the reporting cycle's emails (docs/reporting-cycle.md):
    one checkbox, on their own account only (the view passes request.user)."""

    class Meta:
        model = User
        fields = ("gets_reporting_emails",)
        labels = {"gets_reporting_emails": _("Send me reporting emails")}
        help_texts = {
            "gets_reporting_emails": _(
                "Emails about your own account (a password reset, a registration) come either way."
            )
        }
