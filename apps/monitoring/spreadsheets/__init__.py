"""Spreadsheet import for staff: indicator updates and activities from an Excel file
(docs/spreadsheet-import.md).

- `files`: open an upload and refuse what is not a clean .xlsx (size, type, macros,
  passwords, unpacked size, rows, formulas, text in number cells).
- `templates`: build the templates staff download, with the cells to fill marked.
- `kinds`: the columns both kinds share and the `Kind` interface; `updates` and
  `activities` turn a row into what the forms and services take, and write it.
- `runner`: one engine for both kinds: every row through the services in a savepoint,
  every problem collected, and everything rolled back unless it is a real run without
  problems.
- `services`: the SpreadsheetImport rows: upload (checked and previewed), confirm,
  the clean-up of old previews; and the scoped selector.
"""
