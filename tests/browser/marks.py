import pytest

# Every browser test: the `browser` marker, and a database the live server sees.
# Serialized rollback restores what migrations wrote (the roles and their
# permissions) after each test flushes the tables.
BROWSER = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
