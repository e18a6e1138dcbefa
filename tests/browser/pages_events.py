"""Browser-test cases of the events app: see pages.py."""

from .pages import PageCase  # noqa: F401 - for the cases below

PAGES: list = []
