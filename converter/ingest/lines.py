"""Source lines and what the ingest stage says it removed."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Line:
    """One line of the source, without its line end; ``no`` counts from 1."""
    no: int
    text: str

    @property
    def blank(self) -> bool:
        return not self.text or self.text.isspace()  # (not .strip(): no copy of the line)

    @property
    def indent(self) -> int:
        return len(self.text) - len(self.text.lstrip())


@dataclass(slots=True)
class Removed:
    """A piece of the source the converter consumed on purpose (page furniture, a marker)."""
    line: int
    kind: str
    text: str


@dataclass(slots=True)
class Footnote:
    number: str
    text: str
    lines: list[int] = field(default_factory=list)
    #: the line its number is printed on, when not the first of ``lines`` (0: the first)
    number_line: int = 0
    #: (line, start, end): the part of a line the note holds, when it shares the line with text
    spans: list[tuple[int, int, int]] = field(default_factory=list)
