"""Evidence files: at most 10 MB, and only document and image types, checked by content."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from weerbaar.apps.programme.evidence import MAX_BYTES, validate_evidence_file

ZIP = b"PK\x03\x04" + b"\0" * 20


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("plan.pdf", b"%PDF-1.4 ..."),
        ("plan.docx", ZIP),
        ("sheet.xlsx", ZIP),
        ("plan.odt", ZIP),
        ("photo.png", b"\x89PNG\r\n\x1a\n...."),
        ("photo.JPG", b"\xff\xd8\xff\xe0...."),
        ("photo.jpeg", b"\xff\xd8\xff\xe0...."),
    ],
)
def test_accepted_types(name, content):
    validate_evidence_file(SimpleUploadedFile(name, content))


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("script.exe", b"MZ....", "type"),
        ("page.html", b"<html>", "type"),
        ("noextension", b"%PDF-", "type"),
        ("fake.pdf", b"<html>not a pdf", "content"),
        ("fake.png", b"%PDF-1.4", "content"),
    ],
)
def test_refused_types(name, content, code):
    with pytest.raises(ValidationError) as error:
        validate_evidence_file(SimpleUploadedFile(name, content))
    assert error.value.code == code


def test_a_file_over_10_mb_is_refused():
    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * MAX_BYTES)
    with pytest.raises(ValidationError) as error:
        validate_evidence_file(big)
    assert error.value.code == "size"


def test_the_message_is_for_people():
    with translation.override("en"), pytest.raises(ValidationError) as error:
        validate_evidence_file(SimpleUploadedFile("a.exe", b"MZ"))
    assert "PDF, Word (docx), Excel (xlsx)" in error.value.messages[0]
