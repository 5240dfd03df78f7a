"""Bytes to text: BOM and UTF-16 detection, UTF-8, then a declared fallback; binary is refused."""
from __future__ import annotations

import codecs
import re

from converter.errors import InputError

#: Largest text input accepted, in bytes.
MAX_TEXT_BYTES = 20 * 1024 * 1024


def decode(data: bytes, source: str) -> tuple[str, str]:
    """Return (text, encoding name). Line ends become ``\\n``; all other characters stay as they are."""
    if len(data) > MAX_TEXT_BYTES:
        raise InputError(f"input larger than {MAX_TEXT_BYTES} bytes", source=source, line=1)
    if not data.strip():
        raise InputError("empty input: no text to convert", source=source, line=1)
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        utf8 = data.startswith(codecs.BOM_UTF8)
        enc = "utf-8-sig" if utf8 else "utf-16"
        try:
            text = data[3:].decode("utf-8") if utf8 else data.decode("utf-16")
        except UnicodeDecodeError as exc:
            # a file cut mid-character, or bytes that are not the encoding its BOM announces
            start = exc.start + (3 if utf8 else 2)
            line = data[:start].count(b"\n" if utf8 else (b"\n\x00" if data[:2] == codecs.BOM_UTF16_LE
                                                           else b"\x00\n")) + 1
            raise InputError(f"not valid {'UTF-8' if utf8 else 'UTF-16'} although it starts with a "
                             f"{'UTF-8' if utf8 else 'UTF-16'} byte order mark (byte {start}: {exc.reason})",
                             source=source, line=line) from None
    else:
        if b"\x00" in data[:4096]:
            # UTF-16 without a BOM shows every other byte as NUL in Latin text.
            zeros_even = data[0:4096:2].count(0)
            zeros_odd = data[1:4096:2].count(0)
            half = min(len(data), 4096) // 2
            if half and max(zeros_even, zeros_odd) > 0.4 * half:
                enc = "utf-16-be" if zeros_even > zeros_odd else "utf-16-le"
                try:
                    text = data.decode(enc)
                except UnicodeDecodeError:
                    raise InputError("binary data, not text (NUL bytes)", source=source,
                                     line=data[:4096].count(b"\n") + 1) from None
            else:
                line = data[: data.index(b"\x00")].count(b"\n") + 1
                raise InputError("binary data, not text (NUL byte)", source=source, line=line)
        else:
            try:
                text, enc = data.decode("utf-8"), "utf-8"
            except UnicodeDecodeError as exc:
                # Latin-1/cp1252 text from older tools: decode it, and say so in the report.
                line = data[: exc.start].count(b"\n") + 1
                try:
                    text, enc = data.decode("cp1252"), "cp1252"
                except UnicodeDecodeError:
                    raise InputError(f"not UTF-8 and not Windows-1252 text (byte {exc.start})",
                                     source=source, line=line) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    _refuse_binary(text, source)
    return text, enc


CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f\ufffd]")


def _refuse_binary(text: str, source: str) -> None:
    sample = text[:20000]
    controls = CONTROL_RE.findall(sample)
    if len(controls) > max(8, len(sample) // 50):
        first = CONTROL_RE.search(sample).start()
        raise InputError("binary data, not text (control characters)", source=source,
                         line=sample[:first].count("\n") + 1)
