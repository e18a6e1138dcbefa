"""Evidence files: the rules every app's evidence model follows.

An app that reviews records gives each reviewed model an evidence model built
on `models.EvidenceBase` (a `record` foreign key with
related_name="evidence_files") and its own scoped download view; what may be
uploaded, how much, and how a file is stored and removed is decided here, once.
"""

import math
from collections.abc import Iterable
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from .models import EvidenceBase, ReviewedModel

MB = 1024 * 1024
MAX_FILE_BYTES = 10 * MB
# For all the files of one record, and for the files sent in one request.
MAX_TOTAL_BYTES = 50 * MB

# Extension → (content type served back, the file's first bytes).
TYPES = {
    ".pdf": ("application/pdf", (b"%PDF",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (b"PK\x03\x04",),
    ),
    ".xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        (b"PK\x03\x04",),
    ),
    ".pptx": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        (b"PK\x03\x04",),
    ),
    ".csv": ("text/csv", ()),
    ".txt": ("text/plain", ()),
}


def allowed_extensions() -> str:
    return ", ".join(sorted({ext.lstrip(".").upper() for ext in TYPES}))


def _megabytes(size: int) -> str:
    """To one decimal, rounded up: a size over a limit never reads as the limit."""
    return f"{math.ceil(size * 10 / MB) / 10:.1f}"


def validate(*, file: UploadedFile) -> str:
    """Check one upload's type and size; return the content type to store.

    The extension must be one we accept and the file's first bytes must match
    it, so a renamed executable is refused. Raises ValidationError.
    """
    suffix = Path(file.name or "").suffix.lower()
    if suffix not in TYPES:
        raise ValidationError(
            _("Files of this type cannot be attached. Allowed: %(allowed)s.")
            % {"allowed": allowed_extensions()}
        )
    if file.size > MAX_FILE_BYTES:
        raise ValidationError(
            _("The file is %(size)s MB; the limit is %(limit)d MB.")
            % {"size": _megabytes(file.size), "limit": MAX_FILE_BYTES // MB}
        )
    if file.size == 0:
        raise ValidationError(_("The file is empty."))
    content_type, signatures = TYPES[suffix]
    file.seek(0)
    head = file.read(16)
    file.seek(0)
    if signatures and not any(head.startswith(signature) for signature in signatures):
        raise ValidationError(
            _("The file's content does not match its %(ext)s extension.")
            % {"ext": suffix.lstrip(".").upper()}
        )
    if not signatures and b"\x00" in head:
        raise ValidationError(_("This does not look like a text file."))
    return content_type


def validate_total(*, files: Iterable[UploadedFile], stored_bytes: int = 0) -> None:
    """The files sent together, plus what the record holds already, stay within
    MAX_TOTAL_BYTES. Raises ValidationError saying how much room is left."""
    sent = sum(file.size for file in files)
    if sent + stored_bytes <= MAX_TOTAL_BYTES:
        return
    if stored_bytes:
        raise ValidationError(
            _(
                "These files come to %(sent)s MB, but the record already holds %(stored)s MB "
                "and all its files together may not exceed %(limit)d MB. Remove a file or "
                "attach smaller ones."
            )
            % {
                "sent": _megabytes(sent),
                "stored": _megabytes(stored_bytes),
                "limit": MAX_TOTAL_BYTES // MB,
            }
        )
    raise ValidationError(
        _(
            "These files come to %(sent)s MB; at most %(limit)d MB can be attached at once. "
            "Send them in smaller groups."
        )
        % {"sent": _megabytes(sent), "limit": MAX_TOTAL_BYTES // MB}
    )


def model_for(record: ReviewedModel) -> type[EvidenceBase]:
    """The evidence model whose `record` points at this record's model."""
    return type(record).evidence_files.rel.related_model


def attach(*, record: ReviewedModel, files: Iterable[UploadedFile], user) -> list[EvidenceBase]:
    """Store the files as the record's evidence. The caller has checked that the
    user may edit the record (the review core's `editing`). Raises ValidationError."""
    files = [file for file in files if file]
    if not files:
        return []
    stored = record.evidence_files.aggregate(total=Sum("size"))["total"] or 0
    validate_total(files=files, stored_bytes=stored)
    model = model_for(record)
    attached = []
    for file in files:
        content_type = validate(file=file)
        evidence = model(
            record=record,
            file=file,
            original_name=Path(file.name).name[:255],
            content_type=content_type,
            size=file.size,
            uploaded_by=user,
        )
        evidence.full_clean()
        evidence.save()
        attached.append(evidence)
    return attached


def remove(*, evidence: EvidenceBase) -> None:
    """Delete the row now and its file once the transaction has committed."""
    delete_files_on_commit([evidence])
    evidence.delete()


def delete_files_on_commit(files: Iterable[EvidenceBase]) -> None:
    """A file goes only once its row is gone for good: a rolled-back request keeps it."""
    for evidence in files:
        transaction.on_commit(
            lambda name=evidence.file.name, storage=evidence.file.storage: storage.delete(name)
        )
