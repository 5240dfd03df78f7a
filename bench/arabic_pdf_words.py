"""Words pdftotext loses from our Arabic PDFs: each AKN file of the six-language set's Arabic
folder rendered with ``render_pdf``, extracted with ``pdftotext`` and its words counted as
``tests/test_pdf.py`` counts them (``_assert_every_word_in_order``, whose helpers are used here):
words lost, and whether the body's words come in order (the word where they stop if not).

usage: python bench/arabic_pdf_words.py [--keep DIR] [NAME ...]

NAME: part of a file name to render only some files. ``--keep DIR``: write the PDFs there
(default: a temporary directory, removed).
"""
import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*")
    parser.add_argument("--keep", type=Path)
    args = parser.parse_args()
    import test_pdf as T                     # the test's word counting
    from lxml import etree

    from converter.render.pdf import render_pdf
    folder = T.SIX / "Arabic"
    if not folder.is_dir():
        print(f"{folder} not found", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        out = args.keep or Path(tmp)
        out.mkdir(parents=True, exist_ok=True)
        total = lost_total = in_order = files = 0
        for src in sorted(folder.glob("*.xml")):
            if args.names and not any(n in src.name for n in args.names):
                continue
            pdf = out / f"{src.stem}.pdf"
            pdf.write_bytes(render_pdf(src.read_bytes(), source=str(src)))
            tree = etree.parse(str(src))
            extracted = T._script_tokens("\n".join(T._page_texts(pdf)))
            _, notes = T._body_and_notes(tree.getroot())
            doc = next(c for c in tree.getroot() if isinstance(c.tag, str))
            skip = {T.A + "meta", T.A + "coverPage", T.A + "authorialNote"}

            def text(el):
                if el.tag in skip:
                    return el.tail or ""
                return (el.text or "") + " ".join(text(c) for c in el if isinstance(c.tag, str)) \
                    + " " + (el.tail or "")
            body = T._script_tokens(" ".join(text(c) for c in doc if isinstance(c.tag, str)))
            words = body + [w for n in notes for w in T._script_tokens(" ".join(n.itertext()))]
            lost = Counter(w for w in words if not w.endswith("\u2010")) - T._found(extracted)
            split = {w for w in extracted if w.endswith("\u2010")}
            lost = {w: n for w, n in lost.items() if not any(w.startswith(h[:-1]) for h in split)}
            ok, reached = T._in_order_nearby(body, extracted)
            n = sum(lost.values())
            files += 1
            total += len(words)
            lost_total += n
            in_order += ok
            print(f"{src.stem}\twords {len(words)}\tlost {n}\t"
                  f"{'in order' if ok else f'out of order at word {reached}'}\t"
                  f"{' '.join(list(lost)[:6])}", flush=True)
        print(f"{files} files: {total} words, {lost_total} lost, {in_order} in order")
    return 0


if __name__ == "__main__":
    sys.exit(main())
