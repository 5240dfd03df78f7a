"""Footnote blocks: the lines under a ``____`` rule at a page's foot, cut out of the body.

A block holds numbered notes (`` 7 Resolution 68/6.``); a note runs on over lines (and blank
lines) until it reads as complete and the next line does not start a note, at which point the body
text resumes: the paragraph the block cut in two goes on, or a new one starts.
"""
from __future__ import annotations

import re

from converter.ingest.lines import Footnote, Line

RULE_RE = re.compile(r"^\s*(?:_{5,}|-{3,})\s*$")
#: Notes written out in the text's own syntax, anywhere: Markdown ``[^7]: text``, Word ``[7: text]``.
DEFINITION_RE = re.compile(r"^\s*\[(?:\^(?P<md>\d{1,3})\]:|(?P<word>\d{1,3}):)\s*(?P<text>.*?)\s*$")
#: " 7 Resolution 68/6."; Chinese "1/ A/52/855。"
NOTE_START_RE = re.compile(r"^\s*(?P<num>\d{1,3}|\*{1,3})/?(?:\s+(?P<text>\S.*))?$")
COMPLETE_RE = re.compile(r"[.!?。！？][”’\"')\]」]*$")


#: Word's note text where the export left it, after the paragraph on the same line: "… 2020, [1: Report …]".
INLINE_WORD_RE = re.compile(r"\[(?P<num>\d{1,3}):")
SPACES_RE = re.compile(r"[ \t]+")  # (a non-breaking space stays)
WORD_REF_RE = re.compile(r"\[footnoteRef:(?P<num>\d{1,3})\]")


def cut_inline_notes(lines: list[Line], furniture: set[int]) -> tuple[list[Line], dict[str, Footnote]]:
    """Word notes ``[n: text]`` that share a line with the text, for numbers the text calls with
    ``[footnoteRef:n]``. Each note keeps the span of the line it came from; the line is replaced
    (in the returned list only) by a copy without it. A note the text cuts off (no closing bracket)
    runs to the end of its line."""
    called = {m.group("num") for line in lines if "footnoteRef" in line.text for m in WORD_REF_RE.finditer(line.text)}
    if not called:
        return lines, {}
    out: list[Line] = []
    notes: dict[str, Footnote] = {}
    for line in lines:
        if line.no in furniture or "[" not in line.text:
            out.append(line)
            continue
        text, kept, pos = line.text, [], 0
        # a line of notes ("[1: …]  [2: …]") with a note the text calls is cut apart whole, the
        # notes it does not call included: left to the block reader, such a note's line would
        # hold the called notes' text again
        first = DEFINITION_RE.match(text)
        notes_line = first is not None and first.group("word") is not None \
            and any(m.group("num") in called for m in INLINE_WORD_RE.finditer(text))
        for m in INLINE_WORD_RE.finditer(text):
            if m.start() < pos or m.group("num") not in called and not notes_line or m.group("num") in notes:
                continue
            end = _closing(text, m.start())
            if not text[: m.start()].strip() and (end is None or not text[end:].strip()):
                continue  # a note on a line of its own: the block reader's
            body = text[m.end(): end - 1 if end is not None else len(text)]
            end = end if end is not None else len(text)
            notes[m.group("num")] = Footnote(m.group("num"), SPACES_RE.sub(" ", body).strip(" "), [line.no],
                                             spans=[(line.no, m.start(), end)])
            kept.append(text[pos: m.start()])
            pos = end
        if not kept:
            out.append(line)
            continue
        kept.append(text[pos:])
        out.append(Line(line.no, "".join(kept).rstrip()))
    return out, notes


def _closing(text: str, start: int) -> int | None:
    """The index after the bracket closing the one at ``start``, or None."""
    depth = 0
    for i in range(start, len(text)):
        if text[i] == "[":
            depth += 1
        elif text[i] == "]":
            depth -= 1
            if not depth:
                return i + 1
    return None


def is_rule(line: Line) -> bool:
    text = line.text  # (a rule has a run of dashes or underscores: most lines stop at that test)
    return ("---" in text or "_____" in text) and RULE_RE.match(text) is not None


#: What COMPLETE_RE reads at the end, read from the end (a note's text grows line by line, and a
#: search of the whole of it for each line was quadratic).
_FINAL, _CLOSERS = ".!?。！？", "”’\"')]」"
_TAIL_WIDTH: dict[re.Pattern, int | None] = {}


def _tail_width(rx: re.Pattern) -> int | None:
    """How far from the end an end-anchored ``rx`` can start matching (the longest text it matches,
    plus one), or None when it has no bound or is not anchored at the end."""
    try:
        return _TAIL_WIDTH[rx]
    except KeyError:
        pass
    try:
        from re import _parser as parser
    except ImportError:  # Python < 3.11
        import sre_parse as parser  # type: ignore[no-redef]
    tree = parser.parse(rx.pattern, rx.flags)
    high = tree.getwidth()[1]
    # "…$" outside any alternation, and only at the end of the text
    anchored = len(tree) and tree[-1] == (parser.AT, parser.AT_END) and not rx.flags & re.MULTILINE
    width = high + 1 if anchored and high < 1000 else None
    _TAIL_WIDTH[rx] = width
    return width


def note_is_complete(text: str, abbreviations: re.Pattern | None = None) -> bool:
    """A note reads as complete when it ends a sentence, not on an abbreviation ("No.", "vol.")."""
    t = text.rstrip()
    last = t.rstrip(_CLOSERS)[-1:]
    if not last or last not in _FINAL:  # (COMPLETE_RE)
        return False
    if abbreviations is None:
        return True
    width = _tail_width(abbreviations)
    start = 0 if width is None else max(0, len(t) - width)  # (lookbehinds and \b still see before it)
    return not abbreviations.search(t, start)


def _starts_note(line: Line, expected: int, months: set[str]) -> re.Match | None:
    m = NOTE_START_RE.match(line.text)
    if not m:
        return None
    num = m.group("num")
    if num.startswith("*"):
        return m
    if not m.group("text"):
        return m if num.isdigit() and int(num) == expected else None  # "1" alone, its text below
    first_word = m.group("text").split()[0].strip(",.").lower()
    if first_word in months:
        return None  # "10 December 2013 ..." is body text, not note 10
    if expected <= int(num) <= expected + 2:
        return m
    return None


def cut_blocks(lines: list[Line], furniture: set[int], months: set[str],
               abbreviations: re.Pattern | None = None, first_number: int = 1,
               operative: re.Pattern | None = None) -> tuple[list[Line], dict[str, Footnote], list[Line]]:
    """Split ``lines`` into body lines and footnotes.

    ``furniture`` holds the numbers of lines already known to be page furniture: they end a block.
    Returns (body lines, notes by key in order, the rule lines consumed). A note's key is its
    marker; when the numbering starts again (an annex numbering its notes from 1, a volume numbering
    them by page), a block opening on note ``first_number`` begins a new run, whose keys are
    ``"1#2"``, ``"2#2"``… (the printed marker stays the note's ``number``). ``operative`` (the
    language's operative phrases) tells a paragraph whose number lost its full stop ("2 Requests")
    from a note left among the text lines.
    """
    body: list[Line] = []
    rules: list[Line] = []
    notes: dict[str, Footnote] = {}
    expected = first_number
    current: Footnote | None = None
    in_block = False
    skip_to = 0
    run = 1
    block_start = False  # at a rule, before the block's first note

    since = 0  # body lines from here on came after the last note

    def key(num: str) -> str:
        return num if run == 1 or num.startswith("*") else f"{num}#{run}"

    def take(scrambled: list[Footnote]) -> int:
        """A block read by scrambled_block: its notes kept; returns the number expected next."""
        for note in scrambled:
            notes[key(note.number)] = note
        return max(int(n.number) for n in scrambled) + 1

    for i, line in enumerate(lines):
        if i < skip_to:
            continue
        if line.no in furniture:
            if current is not None and not current.text:
                continue  # "1", a job number, then the note's text: the block goes on
            in_block = False
            continue
        d = DEFINITION_RE.match(line.text) if "[" in line.text else None
        if d and current is not None and not (expected <= int(d.group("md") or d.group("word")) <= expected + 2) \
                and not note_is_complete(current.text, abbreviations):
            # "[^7]: February 1984." inside note 2, which has not ended its sentence: another
            # tool's damage, not a new note (after a complete note, "[^49]:" is one, as
            # ``unakn text`` writes a note whose number does not follow)
            current.text = _join(current.text, line.text)
            current.lines.append(line.no)
            continue
        if d:
            num = d.group("md") or d.group("word")
            text = d.group("text")
            if d.group("word") and text.endswith("]"):
                text = text[:-1].rstrip()  # Word's closing bracket
            current = Footnote(num, text, [line.no])
            notes[num] = current
            expected = max(expected, int(num) + 1)
            in_block = True
            continue
        if is_rule(line):
            in_block = True
            rules.append(line)
            block_start = True
            if current is None or note_is_complete(current.text, abbreviations):
                found = scrambled_block(lines, i + 1, furniture, expected, months, abbreviations)
                if found is None and expected > first_number:
                    found = scrambled_block(lines, i + 1, furniture, first_number, months, abbreviations)
                    run += found is not None
                if found is not None:
                    scrambled, skip_to = found
                    expected = take(scrambled)
                    current, in_block, block_start = None, False, False
            continue
        if not in_block:
            bare = BARE_NUMBER_RE.match(line.text)
            below = _next_text_line(lines, i, furniture) if bare else None
            if bare and bare.group("num") == str(expected) and _called_above(bare.group("num"), body, since, 60):
                # the next note's number alone, called above: a typeset page's notes with no
                # printed rule, read as a block under a rule would be, in case the extractor
                # scrambled them (numbers apart from their texts, "1", "2", then the texts)
                block = scrambled_block(lines, i, furniture, expected, months, abbreviations)
                if block is not None:
                    scrambled, skip_to = block
                    expected = take(scrambled)
                    current, in_block = None, False
                    continue
            found = _note_left_inline(line, expected, months, body, since, operative, below)
            if found:
                num, text, used = found
                current = Footnote(num, text, [l.no for l in used])
                notes[key(num)] = current
                expected = int(num) + 1
                in_block = True  # its text runs on until complete; then the body resumes
                skip_to = i + 1 if len(used) == 1 else lines.index(used[-1], i) + 1
                continue
            body.append(line)
            continue
        if line.blank:
            continue
        m = _starts_note(line, expected, months)
        if m is None and expected > first_number and (block_start or current is not None) and (
                current is None or note_is_complete(current.text, abbreviations)):
            m = _starts_note(line, first_number, months)
            if m and m.group("num") == str(first_number):
                run += 1  # the numbering starts again
            else:
                m = None
        block_start = False
        if m:
            num = m.group("num")
            current = Footnote(num, (m.group("text") or "").strip(), [line.no])
            notes[key(num)] = current
            if not num.startswith("*"):
                expected = int(num) + 1
            continue
        if current is not None and not note_is_complete(current.text, abbreviations):
            current.text = _join(current.text, line.text)
            current.lines.append(line.no)
            continue
        # the body text resumes
        in_block = False
        since = len(body)
        body.append(line)
    return body, notes, rules


#: Where a marker may sit, glued to the word or punctuation before it: "peace,1", "20242".
def _glued(num: str) -> re.Pattern:
    return re.compile(rf"(?<=[^\s\d/.\-+−–(\[]){num}(?=[\s,;:)”’\]]|$)|(?<=[12]\d\d\d){num}(?=[\s,;:)”’\]]|$)")


def _next_text_line(lines: list[Line], i: int, furniture=()) -> Line | None:
    """The first line after ``lines[i]`` with text, past at most one blank line; None at furniture."""
    for k in range(i + 1, min(i + 3, len(lines))):
        if lines[k].no in furniture:
            return None
        if not lines[k].blank:
            return lines[k]
    return None


def _note_left_inline(line: Line, expected: int, months: set[str], body: list[Line], since: int,
                      operative: re.Pattern | None = None,
                      below: Line | None = None) -> tuple[str, str, list[Line]] | None:
    """A note an extractor left among the text lines, with no rule above it (``1 Including General
    Assembly resolution 60/180 …``): the next note's number, then a capital or a document symbol,
    on a line after the paragraph whose glued marker calls it ("… sustaining peace,1"). Or the
    number alone and the note's text on the line ``below`` it, as pdftotext reads a page whose
    footnote numbers are raised and whose rule is drawn, not printed. Returns (number, text, the
    lines read)."""
    if str(expected) not in line.text:
        return None  # (the note's number: most lines stop here)
    m = NOTE_START_RE.match(line.text)
    if not m or m.group("num") != str(expected):
        return None
    text, used = m.group("text"), [line]
    if not text and below is not None:
        text, used = below.text.strip(), [line, below]
    if not text:
        return None
    if not (text[:1].isupper() or re.match(r"[ASE]/\S", text)) or text.split()[0].strip(",.").lower() in months:
        return None
    if operative is not None and operative.match(text):
        return None  # "2 Requests the Secretary-General …": a paragraph, its number's stop lost
    # called within 30 lines; 60 (a page) when the number stands alone: a typeset page's notes,
    # under all of its text
    if not _called_above(m.group("num"), body, since, 30 if len(used) == 1 else 60):
        return None
    return m.group("num"), text.strip(), used


def _called_above(num: str, body: list[Line], since: int, reach: int) -> bool:
    """Whether one of the last ``reach`` lines of text of ``body`` from ``since`` on calls note
    ``num`` with a glued marker ("… sustaining peace,1")."""
    glued = _glued(num)
    seen = 0
    for k in range(len(body) - 1, since - 1, -1):
        if not body[k].blank:
            if glued.search(body[k].text):
                return True
            seen += 1
            if seen == reach:
                break
    return False


BARE_NUMBER_RE = re.compile(r"^\s*(?P<num>\d{1,3})\s*$")


def _may_bring_number(text: str, low: int, high: int) -> bool:
    """Whether scrambled_block could read a number on this line: BARE_NUMBER_RE's (one to three
    digits alone) or NOTE_START_RE's with its text (one to three digits, then a space or "/", a
    number from ``low`` to before ``high``). Never False where either would read one."""
    t = text.lstrip()
    k = 0
    while k < 4 and k < len(t) and t[k].isdigit():
        k += 1
    if not 1 <= k <= 3 or t[k:k + 1] not in ("", "/") and not t[k].isspace():
        return False  # "9. Also recognizes", "2015 and beyond"
    if not t[k:].strip():
        return True
    return not t[:k].isdecimal() or low <= int(t[:k]) < high  # not "200 million women"


def scrambled_block(lines: list[Line], start: int, furniture: set[int], expected: int, months: set[str],
                    abbreviations: re.Pattern | None = None, limit: int = 60) -> tuple[list[Footnote], int] | None:
    """A note block in a PDF extractor's reading order (plain ``pdftotext``): the numbers, printed
    in their own column, come apart from the texts, in a run or interleaved (``A/58/874.``,
    ``Articles 10 and 13.``, ``4``, ``A/73/334.``, ``5``, ``Treaty Series…``, ``2``, ``3``).

    The texts keep their order down the page, so the k-th text is the k-th smallest number. Only
    a block that cannot be read the ordinary way (a text before any number, or a number left
    without its text) and whose numbers are exactly the next ones (``expected``…) is read so; the
    block ends at the page furniture after it (or the end of the text), else where it last stood
    complete before the text resumed. Returns (the notes, the index of the line after the block)
    or None.
    """
    numbers: list[tuple[int, Line]] = []
    texts: list[Footnote] = []
    ordinary = True  # every text so far right after its number
    fixed: dict[int, int] = {}  # text index -> the number printed on its line
    last_was_number = False
    candidate = None  # the block as it stood complete, for when no furniture closes it
    end = min(len(lines), start + limit)
    # how many lines from each on could still bring a number before the block must end (see
    # _may_bring_number; furniture, a rule or a definition ends a block that has begun): a block with more texts than numbers and fewer such lines left can no longer
    # pair up, and the block read the ordinary way (then the body text, which adds texts and no
    # numbers) ends there, without reading on to the limit
    could_number = [0] * (end - start + 1)
    for j in range(end - 1, start - 1, -1):
        line = lines[j]
        first = line.text.lstrip()[:1]
        if line.no in furniture or first and first in "_-[" and (is_rule(line) or DEFINITION_RE.match(line.text)):
            could_number[j - start] = 0
        else:
            could_number[j - start] = could_number[j - start + 1] + (
                first.isdigit() and _may_bring_number(line.text, expected, expected + limit))
    for j in range(start, end):
        if len(texts) - len(numbers) > could_number[j - start]:
            return candidate  # (every _paired from here on fails on the count)
        line = lines[j]
        if line.no in furniture:
            if numbers or texts:
                return _paired(numbers, texts, fixed, ordinary, expected, abbreviations, j) or candidate
            continue
        if line.blank:
            continue
        candidate = _paired(numbers, texts, fixed, ordinary, expected, abbreviations, j) or candidate
        if is_rule(line) or DEFINITION_RE.match(line.text):
            return candidate
        bare = BARE_NUMBER_RE.match(line.text)
        if bare:
            if last_was_number:
                ordinary = False
            numbers.append((int(bare.group("num")), line))
            last_was_number = True
            continue
        start_m = NOTE_START_RE.match(line.text)
        if start_m and start_m.group("text") and start_m.group("num").isdigit() \
                and expected <= int(start_m.group("num")) < expected + limit \
                and start_m.group("text").split()[0].strip(",.").lower() not in months:
            # "4 A/73/334.": a number with its text on one line, as the ordinary form prints them
            num = int(start_m.group("num"))
            numbers.append((num, line))
            texts.append(Footnote(str(num), start_m.group("text").strip(), [line.no]))
            fixed[len(texts) - 1] = num
            last_was_number = False
            continue
        if texts and not last_was_number and not note_is_complete(texts[-1].text, abbreviations):
            texts[-1].text = _join(texts[-1].text, line.text)  # the text runs on
            texts[-1].lines.append(line.no)
            continue
        if not last_was_number:
            ordinary = False
        texts.append(Footnote("", line.text.strip(), [line.no]))
        last_was_number = False
    if start + limit >= len(lines):  # the end of the text closes the block
        return _paired(numbers, texts, fixed, ordinary, expected, abbreviations, len(lines)) or candidate
    return candidate


def _paired(numbers: list[tuple[int, Line]], texts: list[Footnote], fixed: dict[int, int], ordinary: bool,
            expected: int, abbreviations: re.Pattern | None, end: int) -> tuple[list[Footnote], int] | None:
    """The notes of a block in reading order, when it reads as one (see :func:`scrambled_block`)."""
    if ordinary or not texts or len(numbers) != len(texts):
        return None
    if sorted(n for n, _ in numbers) != list(range(expected, expected + len(numbers))):
        return None
    if not all(note_is_complete(t.text, abbreviations) for t in texts):
        return None
    pairs = list(zip(sorted(numbers, key=lambda x: x[0]), texts))
    if any(fixed.get(k, num) != num for k, ((num, _), _) in enumerate(pairs)):
        return None  # a number printed with its text elsewhere than its place in the order
    notes = [Footnote(str(num), note.text, sorted({num_line.no, *note.lines}), number_line=num_line.no)
             for (num, num_line), note in pairs]
    return notes, end


TRAILING_NOTE_RE = re.compile(r"^\s*(?P<num>\d{1,3}|\*{1,3})\.?\s+(?P<text>\S.*)$")


def cut_trailing_notes(body: list[Line], notes: dict[str, Footnote], table) -> list[Line]:
    """Notes printed after the closing meeting line, as in the Security Council's yearly volumes
    ("Adopted at the 1083rd meeting …" then "5. Ibid., Supplement …"), with no rule above them."""
    meeting = table.regexes("meeting_lines")
    annex = table.regex("annex_line")
    months = {m.lower() for m in table["months"]}

    def note_start(k: int) -> tuple[str, str, list[Line]] | None:
        """The note starting at ``body[k]``: (number, text, its lines), the number on the text's
        line ("5. Ibid.") or alone above it, past at most one blank line (a raised number)."""
        line = body[k]
        m = TRAILING_NOTE_RE.match(line.text)
        if m and m.group("text").split()[0].strip(",.").lower() not in months and m.group("text")[:1].isupper():
            return m.group("num"), m.group("text").strip(), [line]
        bare = BARE_NUMBER_RE.match(line.text)
        if bare:
            below = _next_text_line(body, k)
            text = below.text.strip() if below is not None else ""
            if text[:1].isupper() and text.split()[0].strip(",.").lower() not in months \
                    and not BARE_NUMBER_RE.match(text):
                return bare.group("num"), text, [line, below]
        return None

    last = None
    for i in range(len(body) - 1, -1, -1):  # the last meeting line, from the end
        s = body[i].text.strip()
        if annex.match(s):
            return body  # an annex after the meeting line: numbered lines are its paragraphs
        # (or its start, the line break inside it: "Adopted unanimously at the 1414th / meeting.")
        two = s + " " + body[i + 1].text.strip() if i + 1 < len(body) and not body[i + 1].blank else None
        if any(rx.match(s) or two and rx.match(two) for rx in meeting):
            last = i
            break
    if last is None:
        return body
    # the meeting line may run over a few lines ("Adopted at the 1083rd meeting / by 10 votes …")
    start, prev = last + 1, body[last].text.strip()
    opened = prev.count("(") - prev.count(")")  # a list of States in brackets not yet closed
    while start < len(body) and (body[start].blank or not note_start(start)):
        s = body[start].text.strip()
        if body[start].blank or s[:1].islower() or s[:1] in "([0123456789" or not prev.endswith(".") or opened > 0:
            # the rest of the meeting line, its vote, its date ("… with / I abstention (Union of
            # Soviet / Socialist Republics)."; "(Belgium. / France, …)", a comma read as a stop)
            start += 1
            prev = s or prev
            opened += s.count("(") - s.count(")")
        else:
            return body
    kept, current = body[:start], None
    k = start
    while k < len(body):
        line = body[k]
        k += 1
        if line.blank:
            continue
        found = note_start(k - 1)
        if found and found[0] not in notes:
            num, text, used = found
            current = Footnote(num, text, [l.no for l in used])
            notes[current.number] = current
            k = body.index(used[-1], k - 1) + 1
        elif current is not None:
            current.text = _join(current.text, line.text)
            current.lines.append(line.no)
        else:
            return body
    return kept


def _join(a: str, b: str) -> str:
    a, b = a.rstrip(), b.strip()
    if not a:
        return b
    if a.endswith("-") and a[-2:-1].isalpha():
        return a + b
    return f"{a} {b}"
