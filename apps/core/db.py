"""Small database helpers shared by the apps."""

from typing import Any, TypeVar

from django.db import models

M = TypeVar("M", bound=models.Model)


def upsert(model: type[M], *, lookup: dict[str, Any], values: dict[str, Any]) -> tuple[M, bool]:
    """Create the row matching `lookup`, or bring it up to date with `values`.

    Unlike `update_or_create`, an unchanged row is not saved again, so loading
    the same data twice writes nothing (and leaves `updated_at` alone).
    Returns the object and whether anything was written.
    """
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        obj.full_clean()
        obj.save()
        return obj, True
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if not changed:
        return obj, False
    for name in changed:
        setattr(obj, name, values[name])
    obj.full_clean()
    obj.save()
    return obj, True
