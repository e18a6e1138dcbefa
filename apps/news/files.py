"""What a publication's file may be: PDF, DOCX or XLSX, checked by its content as
evidence files are (`apps.monitoring.evidence.validate`: the first bytes must match
the extension, a renamed executable is refused), up to 10 MB."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from apps.monitoring import evidence

EXTENSIONS = (".pdf", ".docx", ".xlsx")
CONTENT_TYPES = {ext: evidence.TYPES[ext][0] for ext in EXTENSIONS}


def allowed() -> str:
    return ", ".join(ext.lstrip(".").upper() for ext in EXTENSIONS)


def validate_publication_file(*, file: UploadedFile) -> str:
    """Check the upload's type, content and size; return its content type. Raises
    ValidationError with a message a person can act on."""
    suffix = Path(file.name or "").suffix.lower()
    if suffix not in EXTENSIONS:
        raise ValidationError(
            _("A publication must be a %(allowed)s file.") % {"allowed": allowed()}
        )
    return evidence.validate(file=file)


def content_type(name: str) -> str:
    """The content type to serve a stored file with."""
    return CONTENT_TYPES.get(Path(name).suffix.lower(), "application/octet-stream")
