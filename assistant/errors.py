"""Domain errors. Messages are written for the user; only the CLI maps them to exit codes."""


class AssistantError(Exception):
    """Base class: anything the user can act on."""


class ModelMissingError(AssistantError):
    """A model file is absent or failed verification."""


class LoadError(AssistantError):
    """A file cannot be read as a document (the message names the reason)."""


class QuestionError(AssistantError):
    """A question that cannot be asked as given (empty, too long)."""


class BackendUnavailableError(AssistantError):
    """An LLM backend or endpoint cannot be reached."""


class StoreUnavailableError(AssistantError):
    """The vector store (a Chroma server) cannot be reached."""


class TemplateError(AssistantError):
    """A drafting template that does not exist or cannot be read."""


class DraftCheckError(AssistantError):
    """A draft that cannot be checked as given (empty, too long, a format without a reader)."""


class RuleFileError(AssistantError):
    """A 核稿 rule file that cannot be read (the message names the file and the reason)."""


class DocumentNotFoundError(AssistantError):
    """A document name the knowledge base does not hold."""


class ChartError(AssistantError):
    """A chart that cannot be drawn as asked (no figures, or units that do not mix)."""


class ExportError(AssistantError):
    """A draft, brief or conversation cannot be written to the file asked for (an unknown format)."""
