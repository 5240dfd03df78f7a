"""Synthetic resolutions made from the seed: renumbered copies and longer versions of it."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "A-RES-68-198.txt"


def renumbered(n: int, text: str | None = None) -> str:
    """The seed as resolution 68/n."""
    return (text or SEED.read_text("utf-8")).replace("68/198", f"68/{n}")


def scaled(factor: int, max_paragraphs: int = 900) -> str:
    """The seed about ``factor`` times as long: operative paragraphs 19-22 repeated, renumbered.

    The repeated paragraphs carry no footnote markers or page breaks. Numbers stay below 1000
    (longer documents do not exist): past ``max_paragraphs`` copies, each copy's wording is
    repeated inside the paragraph instead. Paragraph 24 stays last, with its new number.
    """
    text = SEED.read_text("utf-8")
    if factor <= 1:
        return text
    lines = text.split("\n")
    start, end, last = _para_line(lines, 19), _para_line(lines, 23), _para_line(lines, 24)
    paras, cur = [], None
    for line in lines[start:end]:
        m = re.match(r"^ \d+\. (.*)$", line)
        if m:
            cur = [m.group(1)]
            paras.append(cur)
        elif line.strip():
            cur.append(line)
    block_chars = sum(len(l) + 1 for p in paras for l in p)
    need = factor * len(text) - len(text)
    copies = -(-need // block_chars)                       # blocks of 4 paragraphs
    count = min(copies * len(paras), max_paragraphs - 24)
    repeat = -(-copies * len(paras) // count)
    extra, number = [], 24
    for k in range(count):
        body = paras[k % len(paras)]
        words = [l.rstrip(" ;.") for l in body]
        extra.append(f" {number}. " + words[0])
        extra += words[1:] * 1
        for _ in range(repeat - 1):
            extra += [words[0]] + words[1:]
        extra[-1] += ";"
        extra.append("")
        number += 1
    tail = lines[last:]
    tail[0] = re.sub(r"^ 24\.", f" {number}.", tail[0])
    return "\n".join(lines[:last] + extra + tail)


def _para_line(lines: list[str], n: int) -> int:
    return next(i for i, l in enumerate(lines) if re.match(rf"^ {n}\. ", l))


#: What a dense paragraph repeats: a citation with its date, a document symbol and a call of the
#: seed's note 12 glued to a word, the constructs each found by scanning a paragraph.
DENSE_CHUNK = "resolution 2013/9 of 22 July 2013 and document A/68/65, the Commission on the Status of Women;12"


def dense(factor: int) -> str:
    """The seed about ``factor`` times as long, all of the growth in one paragraph: the line
    that calls note 12 followed by DENSE_CHUNK over and over (factor 1: the seed itself)."""
    text = SEED.read_text("utf-8")
    if factor <= 1:
        return text
    lines = text.split("\n")
    i = next(k for k, l in enumerate(lines) if "Status of Women;12" in l)
    copies = -(-(factor - 1) * len(text) // (len(DENSE_CHUNK) + 1))
    lines[i] = lines[i].rstrip() + " " + " ".join([DENSE_CHUNK] * copies)
    return "\n".join(lines)
