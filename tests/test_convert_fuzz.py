"""Fuzzing the converter, text in (hypothesis): random text, mutated real documents (the seed
always, the corpus when ../shared is there) and every encoding a text file arrives in.

Whatever comes in, the outcome is a Conversion that lost and added no word, or an UnaknError
whose message starts "SOURCE:LINE: "; never another exception, never a hang (every case runs under
the converter's own time limit, and a case that hits it fails the test: it is a hang found).

``UNAKN_FUZZ_EXAMPLES`` scales the number of cases: the cheap random-text properties run that many
cases each, the mutation properties a tenth of it (default 300 → 1,450 cases, ~30 s with the
one 10 MB input; CI sets 2,500 → about 11,800 cases).
The number of cases run is printed at the end of the module.
"""
from __future__ import annotations

import codecs
import os
import random
import re
import time
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from converter.errors import ConversionError, UnaknError
from converter.pipeline import convert_text

ROOT = Path(__file__).resolve().parent.parent
SEED = (ROOT / "examples" / "A-RES-68-198.txt").read_bytes()
CORPUS = ROOT.parent / "shared" / "corpus"
CORPUS_DOCS = sorted(p for d in ("ga", "sc", "hrc", "ecosoc") for p in (CORPUS / d).glob("*.txt")) \
    if CORPUS.is_dir() else []
SOURCE = "fuzz.txt"
#: Per-case time limit (seconds): far above any real document, so hitting it means a hang.
LIMIT = float(os.environ.get("UNAKN_FUZZ_TIME_LIMIT", "20"))

EXAMPLES = int(os.environ.get("UNAKN_FUZZ_EXAMPLES", "300"))
_SETTINGS = dict(deadline=None, database=None, derandomize=False,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                        HealthCheck.filter_too_much, HealthCheck.large_base_example])
CHEAP = settings(max_examples=EXAMPLES, **_SETTINGS)
MUTATE = settings(max_examples=max(20, EXAMPLES // 10), **_SETTINGS)

RUN: Counter = Counter()
ERROR_RE = re.compile(rf"^{re.escape(SOURCE)}:(\d+): \S")


def outcome(data: bytes | str, source: str = SOURCE, **options):
    """Convert; return the Conversion or the UnaknError; fail on anything else."""
    RUN["cases"] += 1
    t0 = time.perf_counter()
    try:
        result = convert_text(data, source, time_limit=LIMIT, **options)
    except UnaknError as exc:
        RUN["errors"] += 1
        text = str(exc)
        assert text.startswith(f"{source}:"), text
        assert ERROR_RE.match(text) if source == SOURCE else re.match(rf"^{re.escape(source)}:\d+: \S", text), \
            f"no line number: {text!r}"
        assert exc.line is not None and exc.line >= 1, text
        assert "took longer than" not in exc.message, \
            f"hang: {text} ({time.perf_counter() - t0:.1f} s, {len(data)} characters)"
        return exc
    RUN["converted"] += 1
    assert result.report.words_lost == 0 and result.report.words_added == 0, result.report.text_diff
    assert result.xml.startswith(b"<?xml")
    return result


@pytest.fixture(scope="module", autouse=True)
def _count(request):
    yield
    plugins = request.config.pluginmanager
    tr, capture = plugins.getplugin("terminalreporter"), plugins.getplugin("capturemanager")
    line = (f"convert fuzz: {RUN['cases']} cases run ({RUN['converted']} converted, {RUN['errors']} "
            f"refused with a clear error), UNAKN_FUZZ_EXAMPLES={EXAMPLES}")
    if tr is not None and capture is not None:
        with capture.global_and_fixture_disabled():
            tr.write_line("")
            tr.write_line(line)
    else:  # pragma: no cover
        print(line)


# ---- random text ----

_any_char = st.characters(codec="utf-8")  # every code point but surrogates, controls included
_doc_char = st.sampled_from(list("abcdefghijklmnopqrstuvwxyz ABCDEFGHIJ0123456789.,;:()-/\n\n\n\t\u00a0\u2013\u2019\u201c\u201d")
                            + ["\f", "\r", "\x0b", "\x00", "\ufeff", "\u2028", "\u0085"])
_words = st.sampled_from([
    "Resolution adopted by the General Assembly on 20 December 2013", "The General Assembly,",
    "The Security Council,", "Recalling its resolution 67/195 of 21 December 2012,", "Decides",
    "Requests the Secretary-General", "1.", "2.", "(a)", "(i)", "*", "1/", "2/", "A/RES/68/198",
    "S/RES/242 (1967)", "Annex", "Adopted at the 1382nd meeting.", "68th plenary meeting",
    "13-44958", "Distr.: General", "United Nations", "_______________", "See A/68/440.", "\n", "\n\n",
    "Decides to include in the provisional agenda of its sixty-ninth session the item;", "I", "II",
    "  ", "\f", "Official Records of the General Assembly, Sixty-eighth Session, Supplement No. 49",
])


@CHEAP
@given(st.text(_any_char, max_size=400))
def test_random_unicode_text(text):
    outcome(text)
    outcome(text.encode("utf-8", "surrogatepass"))


@CHEAP
@given(st.text(_doc_char, max_size=600))
def test_random_text_with_line_ends_and_controls(text):
    outcome(text)


@CHEAP
@example("_______________\n1/")  # footnotes and no text: IndexError in place_notes
@example("_______________\n*")
@given(st.lists(_words, max_size=60).map(" ".join) | st.lists(_words, max_size=60).map("\n".join))
def test_random_resolution_words(text):
    outcome(text)


@MUTATE
@given(st.binary(max_size=2000))
def test_random_bytes(data):
    outcome(data)


@MUTATE
@given(st.text(_doc_char, min_size=1, max_size=30), st.integers(1000, 200_000))
def test_long_lines(piece, length):
    outcome((piece * (length // len(piece) + 1))[:length])


# ---- mutations of real documents ----

def _documents() -> list[bytes]:
    return [SEED] + [p.read_bytes() for p in CORPUS_DOCS]


DOCS = _documents()
_doc = st.sampled_from(range(len(DOCS)))

FOOTNOTE_RE = re.compile(r"^\s*(_{5,}|\d{1,3}\s+\S|[*†‡]\s+\S)")


def _mutate(lines: list[str], op: str, r: random.Random) -> list[str]:
    n = len(lines)
    if not n:
        return lines
    i, j = sorted((r.randrange(n), r.randrange(n)))
    if op == "shuffle":
        part = lines[i:j + 1]
        r.shuffle(part)
        return lines[:i] + part + lines[j + 1:]
    if op == "delete":
        return lines[:i] + lines[j + 1:]
    if op == "duplicate":
        return lines[:j + 1] + lines[i:j + 1] + lines[j + 1:]
    if op == "swap":
        lines = list(lines)
        lines[i], lines[j] = lines[j], lines[i]
        return lines
    if op == "move-footnotes":
        # a footnote block (rule and notes) moved elsewhere, or its rule dropped
        starts = [k for k, l in enumerate(lines) if re.match(r"^\s*_{5,}", l)] or [i]
        s = r.choice(starts)
        e = s + 1
        while e < n and lines[e].strip() and e - s < 12:
            e += 1
        block = lines[s:e]
        rest = lines[:s] + lines[e:]
        if r.random() < 0.3:
            block = block[1:]
        k = r.randrange(len(rest) + 1)
        return rest[:k] + block + rest[k:]
    if op == "renumber":
        # paragraph numbers removed, changed or doubled
        out = []
        for l in lines:
            m = re.match(r"^(\s*)(\d{1,3}\.|\([a-z]{1,4}\))(\s)", l)
            if m and r.random() < 0.5:
                choice = r.randrange(3)
                new = "" if choice == 0 else f"{r.randrange(1, 200)}." if choice == 1 else m.group(2) * 2
                l = m.group(1) + new + l[m.end(2):]
            out.append(l)
        return out
    if op == "long-line":
        lines = list(lines)
        lines[i] = " ".join([lines[i]] * r.randrange(50, 400))
        return lines
    if op == "join":
        return lines[:i] + [" ".join(lines[i:j + 1])] + lines[j + 1:]
    if op == "split":
        lines = list(lines)
        t = lines[i]
        k = r.randrange(len(t) + 1)
        return lines[:i] + [t[:k], t[k:]] + lines[i + 1:]
    raise AssertionError(op)


OPS = ["shuffle", "delete", "duplicate", "swap", "move-footnotes", "renumber", "long-line", "join", "split"]


@MUTATE
@given(_doc, st.lists(st.sampled_from(OPS), min_size=1, max_size=4), st.randoms(use_true_random=False))
def test_mutated_documents(k, ops, r):
    lines = DOCS[k].decode("utf-8").split("\n")
    for op in ops:
        lines = _mutate(lines, op, r)
    outcome("\n".join(lines))


@MUTATE
@given(_doc, st.floats(0, 1))
def test_truncated_anywhere(k, where):
    data = DOCS[k]
    outcome(data[: int(len(data) * where)])


@MUTATE
@given(_doc, st.lists(st.tuples(st.floats(0, 1), st.binary(min_size=1, max_size=8)), min_size=1, max_size=8))
def test_random_bytes_injected(k, injections):
    data = DOCS[k]
    for where, junk in injections:
        i = int(len(data) * where)
        data = data[:i] + junk + data[i:]
    outcome(data)


@MUTATE
@given(_doc, st.lists(st.tuples(st.floats(0, 1), st.floats(0, 1)), min_size=1, max_size=5))
def test_byte_ranges_overwritten_or_cut(k, cuts):
    data = bytearray(DOCS[k])
    for a, b in cuts:
        i, j = sorted((int(len(data) * a), int(len(data) * b)))
        del data[i:j][: 200]
    outcome(bytes(data))


# ---- encodings ----

def _encode(text: str, enc: str) -> bytes | None:
    if enc == "utf-8-sig":
        return codecs.BOM_UTF8 + text.encode("utf-8")
    if enc in ("utf-16-le-bom", "utf-16-be-bom"):
        codec = enc[:-4]
        bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
        return bom + text.encode(codec)
    try:
        return text.encode(enc)
    except UnicodeEncodeError:
        return text.encode(enc, errors="replace")


ENCODINGS = ["utf-8", "utf-8-sig", "utf-16-le-bom", "utf-16-be-bom", "utf-16-le", "utf-16-be", "latin-1",
             "cp1252"]
LINE_ENDS = ["\n", "\r\n", "\r", "mixed"]


@MUTATE
@given(_doc, st.sampled_from(ENCODINGS), st.sampled_from(LINE_ENDS), st.randoms(use_true_random=False),
       st.floats(0, 1))
def test_encodings_and_line_ends(k, enc, ends, r, cut):
    text = DOCS[k].decode("utf-8")
    lines = text.split("\n")
    if ends == "mixed":
        text = "".join(l + r.choice(["\n", "\r\n", "\r"]) for l in lines)
    else:
        text = ends.join(lines)
    data = _encode(text, enc)
    if r.random() < 0.3:  # and sometimes cut mid-character
        data = data[: int(len(data) * cut)]
    outcome(data)


@pytest.mark.parametrize("enc", ENCODINGS)
@pytest.mark.parametrize("ends", LINE_ENDS)
def test_seed_in_every_encoding(enc, ends):
    text = SEED.decode("utf-8")
    lines = text.split("\n")
    text = "".join(l + ["\n", "\r\n", "\r"][i % 3] for i, l in enumerate(lines)) if ends == "mixed" \
        else ends.join(lines)
    result = outcome(_encode(text, enc))
    if enc in ("utf-8", "utf-8-sig", "utf-16-le-bom", "utf-16-be-bom", "utf-16-le", "utf-16-be"):
        assert not isinstance(result, UnaknError), str(result)


# ---- one very large input ----

def test_ten_megabytes():
    lines = SEED.decode("utf-8").split("\n")
    body = "\n".join(lines)
    data = (body + "\n") * (10 * 1024 * 1024 // (len(body) + 1) + 1)
    data = data[: 10 * 1024 * 1024]
    t0 = time.perf_counter()
    try:
        convert_text(data, SOURCE, time_limit=120)
    except UnaknError as exc:
        assert ERROR_RE.match(str(exc)), str(exc)
    RUN["cases"] += 1
    assert time.perf_counter() - t0 < 120


def test_time_limit_is_a_conversion_error():
    with pytest.raises(ConversionError, match=r"^fuzz\.txt:\d+: took longer than 0(\.0+)? s"):
        convert_text(SEED, SOURCE, time_limit=0.0)


# ---- regressions: the minimal inputs of the crashes fuzzing found ----

@pytest.mark.parametrize("data", [
    codecs.BOM_UTF16_LE + "The General Assembly,\n".encode("utf-16-le")[:-1],  # cut mid-character
    codecs.BOM_UTF16_BE + "ab\n\ud800x".encode("utf-16-be", "surrogatepass"),  # lone surrogate
    codecs.BOM_UTF8 + b"The General Assembly,\n\xff",                          # BOM, then not UTF-8
    "The General Assembly,\n1. Decides \ud800 to act;\n",                       # str with a surrogate
])
def test_bad_unicode_is_an_input_error(data):
    exc = outcome(data)
    assert isinstance(exc, UnaknError) and exc.line >= 1


def test_repeated_document_is_refused_quickly():
    # the exact diff of the text check and the profile's paragraph locations were quadratic
    # (or worse): the seed 16 times over took 65 s, 10 MB hours
    t0 = time.perf_counter()
    exc = outcome(SEED * 16)
    assert isinstance(exc, ConversionError)
    assert time.perf_counter() - t0 < 10


# ---- the corpus, every document cut at ten places (skipped without ../shared) ----

def test_corpus_documents_cut_anywhere():
    if not CORPUS_DOCS:
        pytest.skip(f"corpus not found at {CORPUS} (clone the project beside ../shared); "
                    "the seed-based properties above still ran")
    for path in CORPUS_DOCS:
        data = path.read_bytes()
        for k in range(1, 11):
            outcome(data[: len(data) * k // 10], source=path.name)


# ---- the time limit, from the command line ----

def test_cli_time_limit(tmp_path):
    from click.testing import CliRunner

    from converter.cli import main

    seed = tmp_path / "seed.txt"
    seed.write_bytes(SEED)
    result = CliRunner().invoke(main, ["convert", "--time-limit", "0.000001", "-q", str(seed)])
    assert result.exit_code == 1
    assert f"{seed}:1: took longer than 1e-06 s" in result.output
    result = CliRunner().invoke(main, ["convert", "--time-limit", "0", "-q", str(seed)])
    assert result.exit_code == 0, result.output
