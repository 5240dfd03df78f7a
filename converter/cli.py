"""The ``unakn`` command line: thin click commands over the library.

Exit status: 0 success, 1 a document failed (conversion error, invalid XML, text lost), 2 bad usage.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from converter import __version__
from converter.errors import UnaknError


def _fail(exc: Exception) -> None:
    click.echo(f"unakn: error: {exc}", err=True)
    sys.exit(1)


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename: never half-written."""
    path = Path(path)
    if path.exists() and not path.is_file():
        # a device or a pipe (-o /dev/null, -o /dev/stdout): write to it, never rename over it
        with open(path, "wb") as f:
            f.write(data)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)


def emit(data: bytes, output: str | None) -> None:
    """Send output to a file (atomically) or to stdout when ``output`` is None or ``-``."""
    if output in (None, "-"):
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        write_atomic(Path(output), data)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="unakn")
def main() -> None:
    """United Nations resolutions: plain text to Akoma Ntoso 3.0, HTML and PDF."""


# ---- commands are registered below, one per job; each stays thin ----


def _read_input(path: str) -> tuple[bytes, str]:
    if path == "-":
        return sys.stdin.buffer.read(), "<stdin>"
    try:
        return Path(path).read_bytes(), path
    except OSError as exc:
        raise UnaknError(f"cannot read: {exc.strerror or exc}", source=path) from None


@main.command()
@click.argument("input", metavar="INPUT")
@click.option("-o", "--output", metavar="OUTPUT", help="Where to write the AKN XML (default: stdout).")
@click.option("--report", "report_path", metavar="FILE", help="Write the conversion report as JSON here.")
@click.option("--lang", default="auto", show_default=True,
              help="Language of the text (ISO 639-2: eng, fra, spa, rus, ara, zho) or auto to detect it.")
@click.option("--markup-date", metavar="YYYY-MM-DD", help="Date of markup for FRBRManifestation (default: none, "
              "so output never depends on the clock).")
@click.option("--strict", is_flag=True, help="Treat guesses (missing markers, numbers out of sequence) as errors.")
@click.option("--time-limit", type=click.FloatRange(min=0), default=60.0, show_default=True, metavar="SECONDS",
              help="Give up on a document that takes longer than this (0: no limit).")
@click.option("-q", "--quiet", is_flag=True, help="Do not print the report summary on stderr.")
def convert(input, output, report_path, lang, markup_date, strict, time_limit, quiet):
    """Convert the plain text of a resolution (INPUT, or - for stdin) to Akoma Ntoso XML.

    Every conversion is checked against the official AKN schema, the UN resolution profile and
    the no-text-lost check; a document that fails is not written and the exit status is 1.
    """
    from converter.pipeline import convert_text

    if markup_date and not _is_iso_date(markup_date):
        raise click.BadParameter("expected YYYY-MM-DD", param_hint="--markup-date")
    try:
        data, source = _read_input(input)
        result = convert_text(data, source, lang=lang, markup_date=markup_date, strict=strict,
                              time_limit=time_limit or None)
    except UnaknError as exc:
        _fail(exc)
    if not quiet:
        click.echo(result.report.summary(), err=True)
    if report_path:
        write_atomic(Path(report_path), result.report.to_json().encode("utf-8"))
    emit(result.xml, output)


def _is_iso_date(s: str) -> bool:
    import datetime
    try:
        datetime.date.fromisoformat(s)
        return True
    except ValueError:
        return False


@main.command()
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
@click.option("--no-profile", is_flag=True, help="Check the OASIS schema only, not the UN profile.")
def validate(files, no_profile):
    """Validate AKN files (or - for stdin) against the strict OASIS schema and the UN profile."""
    from converter.akn.xmlio import parse_xml
    from converter.validate.profile import profile_errors
    from converter.validate.schema import schema_errors

    failed = 0
    for f in files:
        try:
            data, source = _read_input(f)
            tree = parse_xml(data, source=source)
        except UnaknError as exc:
            click.echo(f"unakn: error: {exc}", err=True)
            failed += 1
            continue
        errors = [f"schema: {e}" for e in schema_errors(tree)]
        if not no_profile:
            errors += [f"profile: {e}" for e in profile_errors(tree)]
        for e in errors:
            click.echo(f"{source}: {e}", err=True)
        if errors:
            failed += 1
        else:
            click.echo(f"{source}: valid")
    sys.exit(1 if failed else 0)


@main.command("html")
@click.argument("input", metavar="INPUT.xml")
@click.option("-o", "--output", metavar="OUTPUT.html", help="Where to write the page (default: stdout).")
@click.option("--media", type=click.Choice(["screen", "print"]), default="screen", show_default=True,
              help="screen: end notes and the screen stylesheet; print: notes in place, print stylesheet.")
@click.option("--link-css", metavar="HREF", help="Link this stylesheet instead of inlining the CSS.")
def html(input, output, media, link_css):
    """Render an AKN file (or - for stdin) as one accessible, self-contained HTML page."""
    from converter.render.html import render_page

    source = "<stdin>" if input == "-" else input
    try:
        data = sys.stdin.buffer.read() if input == "-" else Path(input)
        page = render_page(data, media=media, source=source, inline_css=link_css is None,
                           stylesheet_href=link_css or "unakn.css")
    except UnaknError as exc:
        _fail(exc)
    for u in page.unknown:
        click.echo(f"{source}:{u.line}: warning: unknown element <{u.tag}> rendered as its content",
                   err=True)
    emit(page.html.encode("utf-8"), output)


@main.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("-o", "--out-dir", "out_dir", required=True, metavar="OUT_DIR",
              help="Folder for the outputs, laid out by AKN4UN name (un-ga/68/A-RES-68-198.eng.xml).")
@click.option("--to", "to", default="akn", show_default=True, metavar="FORMATS",
              help="Comma-separated outputs: akn, html, pdf.")
@click.option("--jobs", type=click.IntRange(min=1), metavar="N",
              help="Worker processes on this machine (default: all cores).")
@click.option("--resume", is_flag=True,
              help="Skip documents whose outputs exist and whose input and tool version are unchanged.")
@click.option("--report", "report_path", metavar="FILE",
              help="JSON Lines report, one row per document (default: OUT_DIR/report.jsonl).")
@click.option("--scheduler", metavar="tcp://HOST:PORT", help="Run on this Dask distributed scheduler.")
@click.option("--lang", default="auto", show_default=True,
              help="Language of text inputs (ISO 639-2), or auto to detect it per document.")
def batch(inputs, out_dir, to, jobs, resume, report_path, scheduler, lang):
    """Convert many documents: INPUT files, folders (recursive) or globs of .txt (text) and .xml (AKN).

    One failed document never stops the batch; the exit status is 1 if any failed.
    """
    from rich.console import Console

    from converter.batch.progress import progress_for, summary_table
    from converter.batch.run import FORMATS, InputNotFound, Options, run_batch

    formats = tuple(f.strip() for f in to.split(",") if f.strip())
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        raise click.BadParameter(f"unknown format(s) {', '.join(bad) or '(none)'}; use akn, html, pdf",
                                 param_hint="--to")
    formats = tuple(f for f in FORMATS if f in formats)
    if "pdf" in formats:
        try:
            import converter.render.pdf  # noqa: F401
        except ImportError as exc:
            raise click.BadParameter(f"PDF output is not available: {exc}", param_hint="--to")
    opts = Options(out_dir=Path(out_dir), formats=formats, jobs=jobs, resume=resume,
                   report=Path(report_path) if report_path else None, scheduler=scheduler, lang=lang)
    try:
        summary = run_batch(inputs, opts, progress_for())
    except InputNotFound as exc:
        raise click.BadParameter(str(exc), param_hint="INPUT")
    Console(stderr=True).print(summary_table(summary, opts.report or opts.out_dir / "report.jsonl"))
    sys.exit(1 if summary.failed else 0)


@main.command("pdf")
@click.argument("input", metavar="INPUT.xml")
@click.option("-o", "--output", metavar="OUTPUT.pdf",
              help="Where to write the PDF (default: INPUT with .pdf; - for stdout).")
@click.option("--paper", type=click.Choice(["a4", "letter"]), default="a4", show_default=True)
@click.option("--pdfa", is_flag=True, help="PDF/A-3b for archives instead of PDF/UA-1 (both tagged).")
def pdf(input, output, paper, pdfa):
    """Typeset an AKN file (or a .txt resolution, converted first) as a PDF in the UN layout."""
    from converter.render.pdf import load_input, render_pdf

    try:
        tree, source = load_input(input)
        data = render_pdf(tree, paper=paper, pdfa=pdfa, source=source)
    except UnaknError as exc:
        _fail(exc)
    if output is None and input != "-":
        output = str(Path(input).with_suffix(".pdf"))
    emit(data, output)


@main.command("volume")
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("-o", "--output", required=True, metavar="VOLUME.pdf", help="Where to write the volume.")
@click.option("--title", required=True, help="Title of the volume (title page, bookmarks, metadata).")
@click.option("--sort", "sort_", is_flag=True, help="Order resolutions by number, not as given.")
@click.option("--paper", type=click.Choice(["a4", "letter"]), default="a4", show_default=True)
@click.option("--pdfa", is_flag=True, help="PDF/A-3b instead of PDF/UA-1.")
def volume(inputs, output, title, sort_, paper, pdfa):
    """One PDF of many resolutions (AKN files or .txt): title page, contents, continuous pages."""
    from converter.render.pdf import load_input
    from converter.render.volume import render_volume

    try:
        docs = [load_input(i) for i in inputs]
        data = render_volume(docs, title=title, sort=sort_, paper=paper, pdfa=pdfa)
    except UnaknError as exc:
        _fail(exc)
    emit(data, output)


@main.command("text")
@click.argument("input", metavar="INPUT.xml")
@click.option("-o", "--output", metavar="OUTPUT.txt", help="Where to write the text (default: stdout).")
@click.option("--notes", type=click.Choice(["end", "inline"]), default="end", show_default=True,
              help="end: footnotes after the text; inline: after the paragraph that calls them.")
def text(input, output, notes):
    """Write an AKN file (or - for stdin) as the plain text of the resolution, in reading order.

    One paragraph per line, footnote markers glued to the word before them and the notes after a
    line of underscores: the layout that ``unakn convert`` reads back.
    """
    from converter.akn.xmlio import parse_xml
    from converter.render.text import render_text

    try:
        data, source = _read_input(input)
        result = render_text(parse_xml(data, source=source), notes=notes)
    except UnaknError as exc:
        _fail(exc)
    emit(result.encode("utf-8"), output)


@main.command("site")
@click.argument("input_dir", metavar="INPUT_DIR", type=click.Path(exists=True, file_okay=False))
@click.option("-o", "--output", "out_dir", required=True, metavar="SITE_DIR",
              help="Folder to write the site into (created if needed).")
@click.option("--pdf", is_flag=True, help="Also typeset each resolution as PDF for download (slower).")
def site(input_dir, out_dir, pdf):
    """Build a static website from a folder of AKN files (*.xml) and texts (*.txt).

    One page per resolution and language with its AKN file beside it, an index by organ, session
    and date, links between resolutions in the site, and full-text search in the browser.
    Inputs that cannot be read or converted are reported; the exit status is then 1.
    """
    from converter.render.site import build_site

    report = build_site(Path(input_dir), Path(out_dir), pdf=pdf)
    for page, unknown in report.unknown.items():
        for u in unknown:
            click.echo(f"{page}: warning: unknown element <{u.tag}> (line {u.line}) rendered as "
                       "its content", err=True)
    for error in report.errors:
        click.echo(f"unakn: error: {error}", err=True)
    click.echo(f"{len(report.pages)} pages written to {out_dir}", err=True)
    sys.exit(1 if report.errors else 0)
