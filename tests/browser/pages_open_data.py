"""Browser-test cases of /open-data/: see pages.py. The page describes the datasets
(their columns sit in <details>), so it needs no data of its own."""

from .pages import PageCase


def open_columns(page) -> None:
    """A state: every dataset's column table opened, as a reader checking them would."""
    for summary in page.locator("main details > summary").all():
        summary.click()


PAGES = [
    PageCase("open data", "/open-data/"),
    PageCase("open data at 375px", "/open-data/", width=375),
    PageCase("open data with the columns open", "/open-data/", state=open_columns),
    PageCase(
        "open data with the columns open at 375px", "/open-data/", width=375, state=open_columns
    ),
]
