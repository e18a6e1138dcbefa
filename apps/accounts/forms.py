from django import forms
from django.contrib.auth.forms import AdminUserCreationForm, AuthenticationForm
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


class UserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "full_name", "unit")


class UserChangeForm(DjangoUserChangeForm):
    class Meta:
        model = User
        fields = "__all__"
