"""Checking an evidence file before it is stored: at most 10 MB, and one of the document and
image types a council letter can carry, recognised by its extension and by its first bytes."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_BYTES = 10 * 1024 * 1024
ZIP = b"PK\x03\x04"  # docx, xlsx and odt are zip containers
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "docx": (ZIP,),
    "xlsx": (ZIP,),
    "odt": (ZIP,),
}


def validate_evidence_file(upload) -> None:
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    if extension not in SIGNATURES:
        raise ValidationError(
            _("Choose a PDF, Word (docx), Excel (xlsx), OpenDocument (odt), PNG or JPG file."),
            code="type",
        )
    if upload.size > MAX_BYTES:
        raise ValidationError(_("The file is larger than 10 MB."), code="size")
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not head.startswith(SIGNATURES[extension]):
        raise ValidationError(
            _("The content of the file does not match its type (.%(extension)s).")
            % {"extension": extension},
            code="content",
        )
