"""The per-document task, the same function for the local pool and for Dask workers.

A job is a plain dict (input bytes, not a path, so workers need no shared folder); the result is a
plain dict with the output bytes and the report row's facts. The task never raises: every error
becomes a ``failed`` result naming the file and line.
"""
from __future__ import annotations

import time
import traceback

from converter.batch.names import layout_for
from converter.errors import UnaknError

#: Output formats the batch knows, in the order they are produced.
FORMATS = ("akn", "html", "pdf")


def warm_up(formats=FORMATS, lang: str = "auto") -> None:
    """Load the schema, language table and templates once in this process (the profile's rules
    are checked in Python: nothing to load)."""
    from converter import lang as languages
    from converter.validate.schema import akn_schema

    akn_schema()
    languages.load("eng" if lang == "auto" else lang)  # other tables load on first use
    if "html" in formats:
        from converter.render.html import stylesheet, template_environment
        template_environment()
        stylesheet("screen")
    if "pdf" in formats:
        import converter.render.pdf as pdf
        warm = getattr(pdf, "warm_up", None)
        if callable(warm):
            warm()


def process(job: dict) -> dict:
    """Convert (or read) one document and render the requested formats; never raises."""
    result = {"source": job["source"], "status": "failed", "symbol": None, "layout": None,
              "files": {}, "warnings": [], "removed": [], "words_source": None, "words_lost": None,
              "truncated": None, "timings": {}, "error": None, "tool": job.get("tool")}
    try:
        if job.get("check_tool") and job["tool"] != tool_version():
            raise UnaknError(f"worker runs unakn {tool_version()}, the batch expects {job['tool']}"
                             f" (install the same version on every worker)", source=job["source"])
        tree = _akn(job, result)
        result["layout"] = layout_for(tree.getroot(), job["source"]).__dict__
        if "html" in job["formats"]:
            from converter.render.html import render_html
            t = time.perf_counter()
            result["files"]["html"] = render_html(tree, media="screen").encode("utf-8")
            result["timings"]["html"] = time.perf_counter() - t
        if "pdf" in job["formats"]:
            from converter.render.pdf import render_pdf
            t = time.perf_counter()
            result["files"]["pdf"] = render_pdf(tree, source=job["source"])
            result["timings"]["pdf"] = time.perf_counter() - t
        result["status"] = "ok"
    except UnaknError as exc:
        result["error"] = {"type": type(exc).__name__, "message": exc.message, "line": exc.line}
        report = getattr(exc, "report", None)  # (a conversion refused: what its checks found)
        result["truncated"] = report.truncated if report is not None else None
        result["files"] = {}
    except Exception as exc:  # a bug in the toolkit: recorded, and the batch goes on
        frames = traceback.extract_tb(exc.__traceback__)
        ours = [f for f in frames if "/converter/" in f.filename.replace("\\", "/")]
        where = (ours or frames)[-1]
        result["error"] = {"type": type(exc).__name__, "line": None,
                           "message": f"internal error: {type(exc).__name__}: {exc} "
                                      f"(at {'/'.join(where.filename.split('/')[-2:])}:{where.lineno}; "
                                      f"please report it)"}
        result["files"] = {}
    result["tool"] = tool_version()
    return result


def _akn(job: dict, result: dict):
    """The document's AKN tree: converted from text, or read and checked when the input is AKN."""
    if job["kind"] == "akn":
        from converter.akn.xmlio import parse_xml
        from converter.validate.profile import profile_errors
        from converter.validate.schema import schema_errors
        t = time.perf_counter()
        tree = parse_xml(job["data"], source=job["source"])
        t1 = time.perf_counter()
        errors = schema_errors(tree)
        if errors:
            raise UnaknError(f"invalid against the AKN schema: {errors[0]}", source=job["source"])
        result["warnings"] = [{"line": None, "message": f"profile: {e}"} for e in profile_errors(tree)]
        result["timings"].update({"read": t1 - t, "validate": time.perf_counter() - t1})
        number = tree.getroot().find(".//{*}FRBRWork/{*}FRBRnumber")
        result["symbol"] = number.get("value") if number is not None else None
        result["files"]["akn"] = job["data"]
        return tree
    from converter.pipeline import convert_text
    conv = convert_text(job["data"], job["source"], lang=job.get("lang", "auto"))
    rep = conv.report
    result.update(symbol=rep.symbol, words_source=rep.words_source, words_lost=rep.words_lost, truncated=rep.truncated,
                  warnings=[{"line": l, "message": m} for l, m in rep.warnings],
                  removed=[{"line": r.line, "kind": r.kind, "text": r.text} for r in rep.removed])
    result["timings"].update(rep.timings)
    result["files"]["akn"] = conv.xml
    return conv.tree


_TOOL_VERSION: str | None = None


def tool_version() -> str:
    """``0.1.0+<hash>``: the release plus a hash of the code, data, templates and schemas.

    A resumed batch redoes documents converted by any other version of the toolkit.
    """
    global _TOOL_VERSION
    if _TOOL_VERSION is None:
        import hashlib

        from converter import PROJECT_ROOT, SCHEMAS_DIR, TEMPLATES_DIR, __version__
        h = hashlib.sha256()
        package = PROJECT_ROOT / "converter"
        files = [p for p in package.rglob("*") if p.suffix in (".py", ".json", ".tsv")]
        for folder in (TEMPLATES_DIR, SCHEMAS_DIR):
            if folder.is_dir():
                files += [p for p in folder.rglob("*") if p.is_file()]
        for p in sorted(files):
            if "__pycache__" in p.parts:
                continue
            h.update(str(p.relative_to(PROJECT_ROOT)).encode() + b"\0")
            h.update(p.read_bytes())
        _TOOL_VERSION = f"{__version__}+{h.hexdigest()[:12]}"
    return _TOOL_VERSION
