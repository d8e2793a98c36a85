"""The ``assistant`` command line: thin wrappers over :mod:`assistant.api`."""

from assistant.cli.main import app

__all__ = ["app"]
