"""Errors the toolkit raises on purpose; anything else escaping is a bug."""


class UnaknError(Exception):
    """Base class: a message for a person, naming the file and, when known, the line."""

    def __init__(self, message: str, *, source: str = "<input>", line: int | None = None):
        self.message = message
        self.source = source
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        return f"{where}: {self.message}"


class ConversionError(UnaknError):
    """The text could not be turned into a resolution (or would lose text)."""


class InputError(UnaknError):
    """The input cannot be read at all: empty, binary, undecodable, too large."""


class XMLInputError(UnaknError):
    """An XML input is unsafe (DTD, entities), malformed, too large, or not AKN."""
