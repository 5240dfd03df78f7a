"""The per-document report: what was removed, what was guessed, what the checks found."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from converter.ingest.lines import Removed


@dataclass
class Report:
    source: str
    encoding: str = "utf-8"
    language: str = "eng"
    symbol: str | None = None
    removed: list[Removed] = field(default_factory=list)
    warnings: list[tuple[int, str]] = field(default_factory=list)
    words_source: int = 0
    words_xml: int = 0
    words_lost: int = 0
    words_added: int = 0
    schema_errors: list[str] = field(default_factory=list)
    profile_errors: list[str] = field(default_factory=list)
    text_diff: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    first_problem_line: int | None = None
    #: where and why the text seems to stop before the resolution's end ({"line", "reason"}), or None
    truncated: dict | None = None

    def to_dict(self) -> dict:
        d = asdict(self)
        d["removed"] = [asdict(r) for r in self.removed]
        d["warnings"] = [{"line": l, "message": m} for l, m in self.warnings]
        d.pop("first_problem_line")
        return d

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=1, sort_keys=True)

    def summary(self) -> str:
        kinds: dict[str, int] = {}
        for r in self.removed:
            kinds[r.kind] = kinds.get(r.kind, 0) + 1
        removed = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())) or "nothing"
        lines = [f"{self.source}: {self.symbol or 'no symbol'} [{self.language}] "
                 f"{self.words_source} words, {self.words_lost} lost, {self.words_added} added; removed {removed}"]
        if self.truncated:
            lines[0] += "; TRUNCATED"
        lines += [f"{self.source}:{l}: warning: {m}" for l, m in self.warnings]
        return "\n".join(lines)
