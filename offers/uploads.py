"""File uploads are never bigger than an offer document may be.

The only file the site accepts is an offer to import (offers.forms.ImportFileForm), at most
offers.limits.MAX_DOCUMENT_BYTES. Django would keep any upload: in memory up to
FILE_UPLOAD_MAX_MEMORY_SIZE and on disk beyond it, and the import then read all of it into
memory (a 200 MB file raised a worker's memory by 190 MB, and it stayed there).

DocumentSizeUploadHandler comes first in settings.FILE_UPLOAD_HANDLERS. A request whose
Content-Length is over what a document and its form can take has its files skipped from
the first byte; otherwise each file's bytes are counted as they arrive and it is skipped
at the byte that takes it over the limit. A skipped file is kept nowhere: the rest of its
bytes are read from the connection and dropped (so the browser gets the page, not a reset
connection), and the request says how big it was (UPLOAD_REFUSED), for the import page to
give its GOV.UK error. The form fields around it, the CSRF token among them, are read as
usual.
"""

from django.core.files.uploadhandler import FileUploadHandler, SkipFile

from . import limits

# Set on the request when a file was skipped: its size in bytes, as far as it is known (the
# request's Content-Length when that alone was too big).
UPLOAD_REFUSED = "upload_refused_size"


class DocumentSizeUploadHandler(FileUploadHandler):
    """Skips any uploaded file over offers.limits.MAX_DOCUMENT_BYTES (see the module)."""

    request_length = 0  # the whole request body (FileUploadHandler.content_length is a file's)

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.request_length = content_length or 0
        return None  # parse the request as usual

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        if self.request_length > limits.MAX_FORM_BYTES:
            self._refuse(self.request_length)

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > limits.MAX_DOCUMENT_BYTES:
            self._refuse(max(self.request_length, start + len(raw_data)))
        return raw_data  # the next handler keeps it

    def file_complete(self, file_size):
        return None  # the next handler makes the file

    def _refuse(self, size: int):
        setattr(self.request, UPLOAD_REFUSED, size)
        raise SkipFile
