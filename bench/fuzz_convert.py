"""Coverage-guided fuzzing of the converter with atheris (optional: ``pip install atheris``).

    python bench/fuzz_convert.py [-max_total_time=600] [-timeout=30] [CORPUS_DIR ...]

Each input is converted as bytes; the outcome must be a Conversion with no word lost or added, or
an UnaknError whose message reads "fuzz.txt:LINE: ...". Anything else is a crash atheris reports
(with the input saved as crash-*). Seed it with examples/ and ../shared/corpus/*/ for a head
start. Not part of CI: the hypothesis properties in tests/test_convert_fuzz.py are.
"""
from __future__ import annotations

import re
import sys

try:
    import atheris
except ImportError:  # pragma: no cover
    sys.exit("atheris is not installed: pip install atheris (the optional fuzzing extra)")

with atheris.instrument_imports():
    from converter.errors import UnaknError
    from converter.pipeline import convert_text

ERROR_RE = re.compile(r"^fuzz\.txt:\d+: \S")


def one_input(data: bytes) -> None:
    try:
        result = convert_text(data, "fuzz.txt", time_limit=20)
    except UnaknError as exc:
        if not ERROR_RE.match(str(exc)):
            raise AssertionError(f"error without file and line: {exc!r}") from None
        if "took longer than" in exc.message:
            raise AssertionError(f"hang: {exc}") from None
        return
    if result.report.words_lost or result.report.words_added:
        raise AssertionError(f"text lost or added: {result.report.text_diff[:3]}")


def main() -> None:
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
