"""Browser-test cases: see pages.py."""

from .pages import PageCase  # noqa: F401

PAGES: list = []
