"""Spreadsheet import for staff, /workspace/imports/ (config/urls.py)."""


app_name = "imports"

urlpatterns: list = []
