"""Reading a document someone wants checked: pasted text, or the words of a Word document (.docx).

Everything happens in memory. `InMemoryUpload` is the upload handler the "check a document" page uses instead
of Django's own, which write large uploads to a temporary file: the document is never written to disk.
`docx_text(data)` reads the words with python-docx, after checking the file is a real, reasonably sized .docx;
any problem becomes an `UnreadableDocument` with a message for the person, never a server error.
"""

from __future__ import annotations

import io
import zipfile

from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.utils.translation import gettext as _

MAX_UPLOAD_BYTES = 5 * 1024 * 1024  # 5 MB: a long strategy with pictures is well under this
MAX_UNPACKED_BYTES = 60 * 1024 * 1024  # a .docx is a zip: refuse one that would unpack to much more than it says
MAX_TEXT_CHARACTERS = 400_000  # about 60,000 words: far beyond a 50-page document


class UnreadableDocument(Exception):
    """A document that cannot be checked; the message says why, in words for the person who chose it."""


class InMemoryUpload(FileUploadHandler):
    """Keeps an uploaded file in memory, up to `MAX_UPLOAD_BYTES`; a larger one is dropped and marked
    `too_big` so the page can say so. Nothing is written to disk."""

    def __init__(self, request=None):
        super().__init__(request)
        self.too_big = False
        self.buffer = io.BytesIO()

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.buffer = io.BytesIO()

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > MAX_UPLOAD_BYTES:
            self.too_big = True
            self.buffer = io.BytesIO()
            raise SkipFile
        self.buffer.write(raw_data)
        return None

    def file_complete(self, file_size):
        self.buffer.seek(0)
        return InMemoryUploadedFile(
            file=self.buffer,
            field_name=self.field_name,
            name=self.file_name,
            content_type=self.content_type,
            size=file_size,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )


def docx_text(data: bytes) -> str:
    """The words of a .docx: its paragraphs, then the text of its tables, one paragraph a line."""
    if not data.startswith(b"PK"):
        raise UnreadableDocument(_("The file is not a Word document (.docx). Save it as .docx and try again."))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
                raise UnreadableDocument(_("The document is too large to check. Check it in parts."))
            if "word/document.xml" not in archive.namelist():
                raise UnreadableDocument(_("The file is not a Word document (.docx). Save it as .docx and try again."))
        from docx import Document  # python-docx: loaded only when someone checks a document

        document = Document(io.BytesIO(data))
        paragraphs = [paragraph.text for paragraph in document.paragraphs]
        for table in document.tables:
            for row in table.rows:
                paragraphs.extend(cell.text for cell in row.cells)
    except UnreadableDocument:
        raise
    except Exception:  # a damaged file can fail in zipfile, lxml or python-docx in many ways
        raise UnreadableDocument(
            _("The document could not be read. It may be damaged: open it in Word, save it again and try again.")
        ) from None
    text = "\n".join(paragraphs)
    if len(text) > MAX_TEXT_CHARACTERS:
        raise UnreadableDocument(_("The document is too long to check. Check it in parts."))
    return text
