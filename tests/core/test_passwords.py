"""The check against passwords anyone would try first on this portal
(apps.core.passwords); the whole list of validators is read under production
settings in tests/config/test_security_settings.py."""

import pytest
from django.core.exceptions import ValidationError

from apps.accounts.models import User
from apps.core.passwords import ContextWordsPasswordValidator

STAFF = User(email="staff.audit@asean.example.org", full_name="Siti Rahma")


@pytest.mark.parametrize(
    ("password", "word"),
    [
        ("Asean2025!!xyz", "asean"),
        ("my-asean-password", "asean"),
        ("A.S.E.A.N-rocks-2025", "asean"),
        ("4s3an-rocks-2025", "asean"),
        ("Secretariat#2025", "secretariat"),
        ("the secretariat door", "secretariat"),
        ("Giz2025-password", "giz"),
        ("asec@jakarta-2025", "asec"),
        ("ASEC portal login", "asec"),
    ],
)
def test_a_word_tied_to_the_portal_is_refused_with_a_clear_message(password, word):
    with pytest.raises(ValidationError) as refused:
        ContextWordsPasswordValidator().validate(password, user=STAFF)

    assert refused.value.messages == [
        f"This password contains “{word}”, a word anyone would try first on this portal. "
        "Choose a password without it."
    ]


@pytest.mark.parametrize(
    ("password", "part"),
    [
        ("staffaudit1234", "staffaudit"),
        ("Staff.Audit-2025!", "staffaudit"),
        ("audit-trail-of-mine", "audit"),
        ("kitchen staff rota", "staff"),
    ],
)
def test_the_email_address_is_refused_with_a_clear_message(password, part):
    with pytest.raises(ValidationError) as refused:
        ContextWordsPasswordValidator().validate(password, user=STAFF)

    assert refused.value.messages == [
        f"This password contains “{part}” from your email address. Choose a password without it."
    ]


@pytest.mark.parametrize(
    "password",
    [
        "correct horse battery staple",
        "basecamp-at-dawn",  # "asec" inside a word
        "gizmo-lantern-river",  # "giz" inside a word
        "493817265034",  # digits only: no composition rules
    ],
)
def test_other_passwords_pass(password):
    ContextWordsPasswordValidator().validate(password, user=STAFF)


def test_short_address_parts_are_not_refused():
    user = User(email="li.an@asean.example.org")

    ContextWordsPasswordValidator().validate("liam and ana went home", user=user)


def test_a_password_without_a_user_is_checked_for_the_words_only():
    validator = ContextWordsPasswordValidator()

    validator.validate("staffaudit1234")
    with pytest.raises(ValidationError):
        validator.validate("asean-2025-password")


def test_the_words_can_be_set_in_settings():
    validator = ContextWordsPasswordValidator(words=["Jakarta"])

    validator.validate("asean-2025-password")
    with pytest.raises(ValidationError, match="jakarta"):
        validator.validate("Jakarta-2025-password")


def test_help_text_names_what_is_refused():
    text = ContextWordsPasswordValidator().get_help_text()

    assert text == (
        "Your password can’t contain “asean”, “asec”, “giz”, “secretariat” or your email address."
    )
