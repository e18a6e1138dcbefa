"""A password check against the guesses this portal invites.

Django's validators (settings: AUTH_PASSWORD_VALIDATORS) refuse short, common
and user-like passwords. What they let through are the words anyone would try
first here: the names of the organisations behind the portal and the person's
own address, as in "Asean2025!!xyz" or "staffaudit1234".
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Names anyone would try first on this portal. Long ones are found anywhere in
# a password, also with separators or look-alike digits ("A.S.E.A.N", "4sean");
# short ones only as a word of their own, so that "basecamp" keeps its "asec".
CONTEXT_WORDS = ("asean", "asec", "giz", "secretariat")
SHORTEST_FOUND_INSIDE_WORDS = 5
# Parts of an address shorter than this are too common to refuse ("ana", "li").
SHORTEST_ADDRESS_PART = 4

_LOOK_ALIKES = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"}
)


def _letters(text: str) -> str:
    """Only the letters, look-alike digits and symbols read as letters."""
    return re.sub(r"[^a-z]", "", text.lower().translate(_LOOK_ALIKES))


def _alphanumerics(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _address_parts(user) -> list[str]:
    """The local part of the user's email address, whole and split at its
    separators: "staff.audit@..." gives "staffaudit", "staff" and "audit"."""
    local_part = (getattr(user, "email", "") or "").partition("@")[0].lower()
    parts = [_alphanumerics(local_part), *re.split(r"[^a-z0-9]+", local_part)]
    return [part for part in dict.fromkeys(parts) if len(part) >= SHORTEST_ADDRESS_PART]


class ContextWordsPasswordValidator:
    """Refuse a password that contains a name tied to the portal or the local
    part of the user's email address (ignoring case and separators)."""

    def __init__(self, words=CONTEXT_WORDS):
        self.words = tuple(word.lower() for word in words)

    def validate(self, password: str, user=None) -> None:
        letters = _letters(password)
        words = set(re.findall(r"[a-z]+", password.lower()))
        for word in self.words:
            found = word in letters if len(word) >= SHORTEST_FOUND_INSIDE_WORDS else word in words
            if found:
                raise ValidationError(
                    _(
                        "This password contains “%(word)s”, a word anyone would try first "
                        "on this portal. Choose a password without it."
                    ),
                    code="password_has_context_word",
                    params={"word": word},
                )
        alphanumerics = _alphanumerics(password)
        for part in _address_parts(user):
            if part in alphanumerics:
                raise ValidationError(
                    _(
                        "This password contains “%(part)s” from your email address. "
                        "Choose a password without it."
                    ),
                    code="password_has_address",
                    params={"part": part},
                )

    def get_help_text(self) -> str:
        return _("Your password can’t contain %(words)s or your email address.") % {
            "words": ", ".join(f"“{word}”" for word in self.words)
        }
