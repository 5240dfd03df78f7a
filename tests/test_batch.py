"""unakn batch: layout, safe names, report rows, failure isolation, resume after SIGKILL, Dask."""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from converter.akn.xmlio import parse_xml
from converter.batch.manifest import MANIFEST, TMP_SUFFIX
from converter.batch.names import MAX_COMPONENT, inside, layout_for, safe_component
from converter.batch.run import Options, run_batch
from converter.cli import main
from converter.pipeline import convert_text

from conftest import EXAMPLES, NS, ROOT

SEED = (EXAMPLES / "A-RES-68-198.txt").read_text("utf-8")
SAFE = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]*")


def variant(n: int) -> str:
    """The seed renumbered as resolution 68/n."""
    return SEED.replace("68/198", f"68/{n}")


def make_inputs(folder: Path, numbers) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in numbers:
        p = folder / f"res-{n}.txt"
        p.write_text(variant(n), "utf-8")
        paths.append(p)
    return paths


def rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def all_files(out: Path) -> list[Path]:
    return sorted(p for p in out.rglob("*") if p.is_file())


def test_layout_outputs_and_report_rows(tmp_path):
    make_inputs(tmp_path / "in", [501, 502, 503])
    out = tmp_path / "out"
    r = CliRunner().invoke(main, ["batch", str(tmp_path / "in"), "-o", str(out), "--to", "html,akn",
                                  "--jobs", "2", "--report", str(tmp_path / "r.jsonl")])
    assert r.exit_code == 0, r.output
    for n in (501, 502, 503):
        xml = out / "un-ga" / "68" / f"A-RES-68-{n}.eng.xml"
        assert xml.read_bytes() == convert_text(variant(n), str(tmp_path / "in" / f"res-{n}.txt")).xml
        html = xml.with_suffix(".html")
        assert html.read_text("utf-8").lstrip().lower().startswith("<!doctype html")
    report = rows(tmp_path / "r.jsonl")
    assert [Path(row["input"]).name for row in report] == ["res-501.txt", "res-502.txt", "res-503.txt"]
    for n, row in zip((501, 502, 503), report):
        assert row["status"] == "ok" and row["error"] is None
        assert row["symbol"] == f"A/RES/68/{n}"
        assert row["outputs"] == [f"un-ga/68/A-RES-68-{n}.eng.xml", f"un-ga/68/A-RES-68-{n}.eng.html"]
        assert row["words_lost"] == 0 and row["words_source"] > 1000
        assert {"ingest", "parse", "akn", "validate", "html", "write"} <= set(row["timings"])
        assert any(x["kind"] == "footnote-rule" for x in row["removed"])
        assert isinstance(row["warnings"], list)
    assert "documents ok" in r.output and "documents/s" in r.output


def test_akn_inputs_skip_conversion_and_folders_globs(tmp_path):
    (tmp_path / "a").mkdir()
    xml = convert_text(variant(610), "x").xml
    (tmp_path / "a" / "given.xml").write_bytes(xml)
    make_inputs(tmp_path / "b" / "deep", [611])
    out = tmp_path / "out"
    r = CliRunner().invoke(main, ["batch", str(tmp_path / "a"), str(tmp_path / "b" / "**" / "*.txt"),
                                  "-o", str(out), "--jobs", "1"])
    assert r.exit_code == 0, r.output
    assert (out / "un-ga/68/A-RES-68-610.eng.xml").read_bytes() == xml
    assert (out / "un-ga/68/A-RES-68-611.eng.xml").is_file()
    report = rows(out / "report.jsonl")
    assert "ingest" not in report[0]["timings"] and "read" in report[0]["timings"]
    r = CliRunner().invoke(main, ["batch", str(tmp_path / "nothing-here"), "-o", str(out)])
    assert r.exit_code == 2 and "no such file or folder" in r.output


def test_safe_component_refuses_escapes():
    for hostile in ["..", "../../etc/passwd", "/etc/passwd", "a\x00b", "x" * 5000, "", ".hidden",
                    "C:\\Windows\\system32", "~/x", "a/../../b", "\n", "..." * 40]:
        s = safe_component(hostile)
        assert SAFE.fullmatch(s) and ".." not in s and len(s) <= MAX_COMPONENT, (hostile, s)
    assert safe_component("x" * 5000) != safe_component("x" * 4999)  # capped names stay distinct
    with pytest.raises(ValueError):
        inside(Path("/tmp/out"), "../escape")
    with pytest.raises(ValueError):
        inside(Path("/tmp/out"), "/etc/passwd")


def _hostile_akn(number: str | None, this: str | None, lang: str | None) -> bytes:
    root = etree.fromstring(convert_text(variant(620), "x").xml)
    work = root.find(".//a:FRBRWork", NS)
    if number is not None:
        work.find("a:FRBRnumber", NS).set("value", number)
    if this is not None:
        work.find("a:FRBRthis", NS).set("value", this)
    if lang is not None:
        root.find(".//a:FRBRExpression/a:FRBRlanguage", NS).set("language", lang)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


HOSTILE = [
    ("../../../../escape-number", None, None),
    ("/etc/passwd", "/akn/un/statement/deliberation/../../../../../tmp/x/", None),
    ("A/RES/" + "9" * 4000, "/akn/un/statement/deliberation/" + "u" * 3000 + "/2000-01-01/1/", "e" * 500),
    ("..", "/akn/un/statement/deliberation/../2000/../", ".."),
    ("a\\..\\..\\b", "/akn/un/statement/deliberation/un../x/", "../eng"),
]


def test_hostile_symbols_and_file_names_stay_inside_out_dir(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for i, (number, this, lang) in enumerate(HOSTILE):
        (src / f"h{i}.xml").write_bytes(_hostile_akn(number, this, lang))
    weird = src / "ev..il \n name;$(rm -rf x)'.txt"
    weird.write_text(variant(621), "utf-8")
    out = tmp_path / "sub" / "out"
    r = CliRunner().invoke(main, ["batch", str(src), "-o", str(out), "--jobs", "1"])
    report = rows(out / "report.jsonl")
    assert r.exit_code == 0, [row["error"] for row in report]
    written = [p for p in all_files(out) if p.name not in (MANIFEST, "report.jsonl")]
    assert len(written) == len(HOSTILE) + 1
    for p in written:
        rel = p.relative_to(out)
        assert all(SAFE.fullmatch(part) and len(part) <= MAX_COMPONENT for part in rel.parts), rel
        parse_xml(p)
    # nothing appeared beside OUT_DIR or in its parents
    assert sorted(x.name for x in tmp_path.iterdir()) == ["in", "sub"]
    assert [x.name for x in (tmp_path / "sub").iterdir()] == ["out"]
    # each input got its own file even where the hostile names collide after cleaning
    assert len({tuple(row["outputs"]) for row in report}) == len(report)


def test_layout_names_from_frbr():
    sc = convert_text(SEED, "x").tree.getroot()
    assert layout_for(sc, "x.txt").path("akn") == "un-ga/68/A-RES-68-198.eng.xml"
    root = etree.fromstring(_hostile_akn("S/RES/242 (1967)", "/akn/un/statement/deliberation/unsc/"
                                         "1967-11-22/242-1967/!main/", None))
    assert layout_for(root, "x").path("pdf") == "un-sc/1967/S-RES-242-1967.eng.pdf"
    root = etree.fromstring(_hostile_akn("A/RES/217 A (III)", None, None))
    assert layout_for(root, "x").path("html") == "un-ga/3/A-RES-217-A-III.eng.html"


def test_one_bad_document_never_stops_the_batch(tmp_path):
    src = tmp_path / "in"
    make_inputs(src, [701, 702])
    (src / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (src / "empty.txt").write_bytes(b"")
    (src / "broken.xml").write_bytes(b"<akomaNtoso><unclosed>")
    out = tmp_path / "out"
    r = CliRunner().invoke(main, ["batch", str(src), "-o", str(out), "--jobs", "2"])
    assert r.exit_code == 1
    report = {Path(row["input"]).name: row for row in rows(out / "report.jsonl")}
    assert len(report) == 5
    for name in ("res-701.txt", "res-702.txt"):
        assert report[name]["status"] == "ok"
        parse_xml(out / report[name]["outputs"][0])
    assert report["binary.txt"]["error"]["message"].startswith("binary data")
    assert report["empty.txt"]["error"]["message"].startswith("empty input")
    assert report["broken.xml"]["error"]["message"].startswith("not well-formed XML")
    for name in ("binary.txt", "empty.txt", "broken.xml"):
        row = report[name]
        assert row["status"] == "failed" and row["outputs"] == [] and row["error"]["line"] == 1
        assert f"FAILED {row['input']}:1: {row['error']['message']}" in r.output
    assert re.search(r"documents failed\s*│\s*3", r.output)


def _batch_cmd(*args) -> list[str]:
    return [sys.executable, "-c", "import sys; from converter.cli import main; sys.exit(main())", "batch", *args]


def test_resume_after_sigkill_leaves_every_output_whole(tmp_path):
    numbers = list(range(800, 850))
    make_inputs(tmp_path / "in", numbers)
    out = tmp_path / "out"
    args = [str(tmp_path / "in"), "-o", str(out), "--to", "akn,html", "--jobs", "2"]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen(_batch_cmd(*args), cwd=ROOT, env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    manifest = out / MANIFEST
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if manifest.exists() and manifest.read_text().count("\n") >= 5:
            break
        time.sleep(0.005)
    os.killpg(proc.pid, signal.SIGKILL)  # the batch and its worker processes, mid-run
    proc.wait()
    done_before = manifest.read_text().count("\n")
    assert 5 <= done_before < len(numbers), "the batch was not interrupted mid-run"
    for p in out.rglob("*.xml"):  # whatever is at a final name is complete
        parse_xml(p)

    r = subprocess.run(_batch_cmd(*args, "--resume"), cwd=ROOT, env=env, capture_output=True,
                       text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    report = rows(out / "report.jsonl")
    assert len(report) == len(numbers)
    # skipped: exactly the documents finished before the kill by the same tool version
    entries = [json.loads(line) for line in manifest.read_text().splitlines()]
    tool = entries[-1]["tool"]
    assert sum(row["status"] == "skipped" for row in report) == \
        sum(e["tool"] == tool for e in entries[:done_before])
    assert all(row["status"] in ("ok", "skipped") for row in report)
    assert not list(out.rglob(f"*{TMP_SUFFIX}"))
    for n in numbers:
        xml = out / "un-ga" / "68" / f"A-RES-68-{n}.eng.xml"
        assert xml.read_bytes() == convert_text(variant(n), str(tmp_path / "in" / f"res-{n}.txt")).xml
        html = xml.with_suffix(".html").read_text("utf-8")
        assert html.rstrip().endswith("</html>")
    # a third run with --resume does nothing at all
    r = subprocess.run(_batch_cmd(*args, "--resume"), cwd=ROOT, env=env, capture_output=True,
                       text=True, timeout=300)
    assert r.returncode == 0
    assert all(row["status"] == "skipped" for row in rows(out / "report.jsonl"))


def test_resume_redoes_changed_inputs(tmp_path):
    src = make_inputs(tmp_path / "in", [901, 902])
    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["batch", str(tmp_path / "in"), "-o", str(out), "--jobs", "1"]).exit_code == 0
    src[1].write_text(variant(903), "utf-8")
    r = CliRunner().invoke(main, ["batch", str(tmp_path / "in"), "-o", str(out), "--jobs", "1", "--resume"])
    assert r.exit_code == 0
    assert [row["status"] for row in rows(out / "report.jsonl")] == ["skipped", "ok"]
    assert (out / "un-ga/68/A-RES-68-903.eng.xml").is_file()


def _comparable(out: Path) -> tuple[list[dict], dict[str, bytes]]:
    report = [{k: v for k, v in row.items() if k != "timings"} for row in rows(out / "report.jsonl")]
    files = {str(p.relative_to(out)): p.read_bytes() for p in all_files(out) if p.name != "report.jsonl"}
    return report, files


def test_dask_cluster_gives_the_same_results_as_the_local_pool(tmp_path):
    distributed = pytest.importorskip("distributed")
    src = tmp_path / "in"
    make_inputs(src, [951, 952, 953, 954])
    (src / "empty.txt").write_bytes(b"")
    local = run_batch([str(src)], Options(out_dir=tmp_path / "local", formats=("akn", "html"), jobs=2))
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, host="127.0.0.1",
                                  dashboard_address=None) as cluster:
        remote = run_batch([str(src)], Options(out_dir=tmp_path / "dask", formats=("akn", "html"),
                                               scheduler=cluster.scheduler_address))
    assert (local.ok, local.failed, remote.ok, remote.failed) == (4, 1, 4, 1)
    assert remote.workers == 2
    assert _comparable(tmp_path / "local") == _comparable(tmp_path / "dask")


def test_pdf_beside_the_akn(tmp_path):
    pytest.importorskip("converter.render.pdf")
    make_inputs(tmp_path / "in", [990])
    out = tmp_path / "out"
    r = CliRunner().invoke(main, ["batch", str(tmp_path / "in"), "-o", str(out), "--to", "pdf,akn",
                                  "--jobs", "1"])
    assert r.exit_code == 0, r.output
    row = rows(out / "report.jsonl")[0]
    assert row["outputs"] == ["un-ga/68/A-RES-68-990.eng.xml", "un-ga/68/A-RES-68-990.eng.pdf"]
    pdf = (out / row["outputs"][1]).read_bytes()
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    assert row["timings"]["pdf"] > 0


def test_truncated_texts_are_counted_and_said_in_their_rows(tmp_path):
    """A text that stops early: converted and marked when it can be, refused saying why when what
    is missing was needed (here its date of adoption); both counted in the summary."""
    src = tmp_path / "in"
    make_inputs(src, [703])
    (src / "cut-valid.txt").write_text("Resolution 242 (1967)\nof 22 November 1967\n\nThe Security Council,\n\n"
                                       "1. Requests the Secretary-General to report on\n", "utf-8")
    (src / "cut-refused.txt").write_text("68/1. A title\n\nThe General Assembly,\n\nRecalling its resolutions,\n\n"
                                         "1. Decides to consider the\n", "utf-8")
    out = tmp_path / "out"
    r = CliRunner().invoke(main, ["batch", str(src), "-o", str(out), "--jobs", "1"])
    report = {Path(row["input"]).name: row for row in rows(out / "report.jsonl")}
    assert report["res-703.txt"]["truncated"] is None
    assert report["cut-valid.txt"]["status"] == "ok" and report["cut-valid.txt"]["truncated"]["line"] == 6
    refused = report["cut-refused.txt"]
    assert refused["status"] == "failed" and refused["error"]["message"].startswith("truncated: ")
    assert refused["truncated"]["line"] == refused["error"]["line"]
    assert re.search(r"documents truncated\s*│\s*2\s*│", r.output), r.output
