"""Files in, passages out: find files (scan), load (read and clean) then split."""

from assistant.ingest.files import Entry, Scan, iter_files, scan
from assistant.ingest.load import load_document
from assistant.ingest.split import split_document

__all__ = ["Entry", "Scan", "iter_files", "load_document", "scan", "split_document"]
