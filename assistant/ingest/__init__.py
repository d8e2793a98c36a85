"""Files in, passages out: load (read and clean) then split."""

from assistant.ingest.load import iter_files, load_document
from assistant.ingest.split import split_document

__all__ = ["iter_files", "load_document", "split_document"]
