"""Untrusted XML: every hostile or broken input is refused with an XMLInputError naming the file
(and the line where there is one), nothing outside the document is ever opened or fetched, and the
command line says so in one line, without a traceback."""
from __future__ import annotations

import errno
import os
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from converter.akn.xmlio import MAX_DEPTH, MAX_XML_BYTES, PROLOG_BYTES, parse_xml
from converter.errors import XMLInputError
from converter.render.text import render_text

AKN = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
ROOT = Path(__file__).resolve().parent.parent
BODY = (f'<akomaNtoso xmlns="{AKN}"><statement name="resolution"><mainBody>'
        '<paragraph eId="para_1"><num>1.</num><content><p>Text {x}</p></content></paragraph>'
        '</mainBody></statement></akomaNtoso>')
SECRET = "UNAKN-SECRET-7f3c"


def _akn(x: str = "") -> str:
    return BODY.replace("{x}", x)


def _xxe(uri: str) -> str:
    return (f'<?xml version="1.0"?>\n<!DOCTYPE akomaNtoso [\n<!ENTITY e SYSTEM "{uri}">\n]>\n'
            + _akn("&e;"))


def _billion_laughs() -> str:
    decls = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)]
    return '<?xml version="1.0"?>\n<!DOCTYPE akomaNtoso [\n' + "\n".join(decls) + "\n]>\n" + _akn("&lol9;")


def _refused(path: Path, *, line: int | None) -> XMLInputError:
    with pytest.raises(XMLInputError) as info:
        parse_xml(path)
    err = info.value
    assert err.source == str(path)
    assert str(err).startswith(f"{path}:{line}: " if line else f"{path}: ")
    assert err.line == line
    assert "\n" not in str(err)
    return err


# ---- each kind of hostile input ----

def test_xxe_is_refused_and_the_file_is_never_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    evil = tmp_path / "xxe.xml"
    evil.write_text(_xxe(secret.as_uri()), encoding="utf-8")
    err = _refused(evil, line=2)
    assert "DOCTYPE" in err.message and SECRET not in str(err)


def test_xxe_on_etc_passwd_is_refused(tmp_path):
    evil = tmp_path / "passwd.xml"
    evil.write_text(_xxe("file:///etc/passwd"), encoding="utf-8")
    err = _refused(evil, line=2)
    assert "root:" not in str(err)


LATE = pytest.mark.parametrize("late", [False, True], ids=["doctype-in-prolog", "doctype-after-64k-comment"])


def _late(text: str) -> str:
    """Put a comment longer than the pre-scan before the DOCTYPE, so that libxml2 itself meets it."""
    return text.replace("\n<!DOCTYPE", f"\n<!--{'x' * PROLOG_BYTES}-->\n<!DOCTYPE", 1)


def _assert_fifo_never_opened(fifo: Path, evil: Path) -> XMLInputError:
    """Parse ``evil``, which points at the FIFO ``fifo``: a parser that opened it would block there,
    and a writer could then open it; neither may happen, and the document must be refused."""
    outcome: list[BaseException | None] = []

    def parse():
        try:
            parse_xml(evil)
            outcome.append(None)
        except BaseException as exc:  # noqa: BLE001 - handed to the test thread
            outcome.append(exc)

    worker = threading.Thread(target=parse, daemon=True)
    worker.start()
    worker.join(timeout=20)
    if worker.is_alive():  # blocked opening the FIFO: release it, then fail
        os.close(os.open(fifo, os.O_WRONLY))
        pytest.fail(f"the parser opened {fifo}")
    with pytest.raises(OSError) as no_reader:
        os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
    assert no_reader.value.errno == errno.ENXIO  # nobody has the FIFO open for reading
    assert isinstance(outcome[0], XMLInputError), outcome
    assert outcome[0].source == str(evil)
    return outcome[0]


@LATE
def test_xxe_entity_file_is_never_opened(tmp_path, late):
    fifo = tmp_path / "secret.fifo"
    os.mkfifo(fifo)
    evil = tmp_path / "xxe-fifo.xml"
    text = _xxe(fifo.as_uri())
    evil.write_text(_late(text) if late else text, encoding="utf-8")
    err = _assert_fifo_never_opened(fifo, evil)
    assert "DOCTYPE" in err.message and err.line == (3 if late else 2)


@LATE
def test_external_dtd_file_is_never_opened(tmp_path, late):
    fifo = tmp_path / "evil.dtd"
    os.mkfifo(fifo)
    evil = tmp_path / "dtd-fifo.xml"
    text = f'<?xml version="1.0"?>\n<!DOCTYPE akomaNtoso SYSTEM "{fifo.as_uri()}">\n' + _akn("&e;")
    evil.write_text(_late(text) if late else text, encoding="utf-8")
    _assert_fifo_never_opened(fifo, evil)


class _CountingHandler(BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self):  # noqa: N802 - http.server's name
        _CountingHandler.requests.append(self.path)
        body = f'<!ENTITY e "{SECRET}">'.encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/xml-dtd")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def dtd_server():
    _CountingHandler.requests = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _CountingHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@LATE
def test_external_dtd_is_refused_and_never_fetched(tmp_path, dtd_server, late):
    """Over HTTP (this libxml2 may lack an HTTP client; the FIFO test above proves the file case)."""
    evil = tmp_path / "external-dtd.xml"
    text = f'<?xml version="1.0"?>\n<!DOCTYPE akomaNtoso SYSTEM "{dtd_server}/evil.dtd">\n' + _akn("&e;")
    evil.write_text(_late(text) if late else text, encoding="utf-8")
    with pytest.raises(XMLInputError) as info:
        parse_xml(evil)
    assert info.value.source == str(evil) and SECRET not in str(info.value)
    assert _CountingHandler.requests == []


def test_billion_laughs_is_refused_at_once(tmp_path):
    evil = tmp_path / "lol.xml"
    evil.write_text(_billion_laughs(), encoding="utf-8")
    start = time.perf_counter()
    err = _refused(evil, line=2)
    assert time.perf_counter() - start < 2.0
    assert "DOCTYPE" in err.message


def test_parameter_entities_are_refused(tmp_path):
    evil = tmp_path / "param.xml"
    evil.write_text(f'<!DOCTYPE akomaNtoso [<!ENTITY % p SYSTEM "{(tmp_path / "x.dtd").as_uri()}"> %p;]>'
                    + _akn(), encoding="utf-8")
    _refused(evil, line=1)


def test_doctype_in_utf16_is_refused_before_parsing(tmp_path):
    evil = tmp_path / "utf16.xml"
    evil.write_bytes(('<?xml version="1.0" encoding="UTF-16"?>\n' + _xxe("file:///etc/passwd").split("\n", 1)[1])
                     .encode("utf-16"))
    _refused(evil, line=2)


def test_undeclared_entity_is_refused(tmp_path):
    evil = tmp_path / "entity.xml"
    evil.write_text(_akn("&e;"), encoding="utf-8")
    err = _refused(evil, line=1)
    assert "entit" in err.message


def test_huge_depth_is_refused(tmp_path):
    evil = tmp_path / "deep.xml"
    evil.write_text(f'<akomaNtoso xmlns="{AKN}">' + "<p>" * 100_000 + "</p>" * 100_000 + "</akomaNtoso>",
                    encoding="utf-8")
    err = _refused(evil, line=1)
    assert err.message == f"XML nested deeper than {MAX_DEPTH} levels"


def test_depth_just_over_the_limit_is_refused_on_its_line(tmp_path):
    evil = tmp_path / "deep-lines.xml"
    evil.write_text(f'<akomaNtoso xmlns="{AKN}">\n' + "<x>\n" * (MAX_DEPTH + 5) + "</x>" * (MAX_DEPTH + 5)
                    + "</akomaNtoso>", encoding="utf-8")
    err = _refused(evil, line=MAX_DEPTH + 1)
    assert err.message == f"XML nested deeper than {MAX_DEPTH} levels"


def test_binary_file_is_refused(tmp_path):
    evil = tmp_path / "image.xml"
    evil.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    err = _refused(evil, line=None)
    assert err.message.startswith("binary data, not XML")


def test_non_akn_xml_is_refused(tmp_path):
    page = tmp_path / "page.xhtml"
    page.write_text('<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body><p>Hi</p></body></html>',
                    encoding="utf-8")
    err = _refused(page, line=2)
    assert err.message == ("not Akoma Ntoso 3.0: root element is 'html' in namespace "
                           "'http://www.w3.org/1999/xhtml'")


def test_akn_without_namespace_is_refused(tmp_path):
    bare = tmp_path / "bare.xml"
    bare.write_text("<akomaNtoso><statement/></akomaNtoso>", encoding="utf-8")
    err = _refused(bare, line=1)
    assert "namespace 'none'" in err.message


@pytest.mark.parametrize("content", [b"", b"  \n\t\n"], ids=["empty", "blank"])
def test_empty_file_is_refused(tmp_path, content):
    empty = tmp_path / "empty.xml"
    empty.write_bytes(content)
    err = _refused(empty, line=1)
    assert err.message == "empty file, expected AKN XML"


def test_truncated_file_is_refused_on_its_last_line(tmp_path):
    cut = tmp_path / "cut.xml"
    cut.write_text(_akn().replace("><", ">\n<")[:-40], encoding="utf-8")
    err = _refused(cut, line=cut.read_text().count("\n") + 1)
    assert err.message.startswith("not well-formed XML")


def test_oversized_file_is_refused_without_reading_it(tmp_path):
    big = tmp_path / "big.xml"
    with big.open("wb") as f:  # sparse: nothing is written but the size
        f.truncate(MAX_XML_BYTES + 1)
    err = _refused(big, line=None)
    assert err.message == f"XML larger than {MAX_XML_BYTES} bytes"


def test_missing_file_is_refused(tmp_path):
    err = _refused(tmp_path / "nowhere.xml", line=None)
    assert err.message.startswith("cannot read")


def test_xinclude_is_never_processed(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    doc = tmp_path / "xinclude.xml"
    doc.write_text(_akn(f'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{secret}" parse="text"/>'),
                   encoding="utf-8")
    text = render_text(doc)
    assert text == "1. Text\n" and SECRET not in text


def test_bytes_input_names_the_given_source():
    with pytest.raises(XMLInputError) as info:
        parse_xml(_xxe("file:///etc/passwd").encode(), source="upload-17.xml")
    assert str(info.value).startswith("upload-17.xml:2: DOCTYPE declarations are refused")


# ---- other AKN document types: best effort, never a traceback ----

@pytest.mark.parametrize("doctype", ["act", "doc", "bill", "debate", "judgment", "portion"])
def test_other_akn_document_types_render_their_text(doctype):
    body = "body" if doctype in ("act", "bill") else "mainBody"
    if doctype == "debate":
        body = "debateBody"
    if doctype == "judgment":
        body = "judgmentBody"
    if doctype == "portion":
        body = "portionBody"
    xml = (f'<akomaNtoso xmlns="{AKN}"><{doctype} name="x"><meta/><{body}>'
           f'<paragraph eId="para_1"><num>1.</num><content><p>Some <b>text</b>.</p></content></paragraph>'
           f'</{body}></{doctype}></akomaNtoso>')
    assert render_text(xml.encode()) == "1. Some text.\n"


# ---- the command line: one clear line, exit 1, no traceback ----

HOSTILE_FILES = {
    "xxe.xml": (_xxe("file:///etc/passwd").encode(), 2, "DOCTYPE declarations are refused"),
    "lol.xml": (_billion_laughs().encode(), 2, "DOCTYPE declarations are refused"),
    "deep.xml": ((f'<akomaNtoso xmlns="{AKN}">' + "<p>" * 5000 + "</p>" * 5000 + "</akomaNtoso>").encode(),
                 1, f"XML nested deeper than {MAX_DEPTH} levels"),
    "binary.xml": (b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4, None, "binary data, not XML"),
    "page.xml": (b'<html xmlns="http://www.w3.org/1999/xhtml"/>', 1, "not Akoma Ntoso 3.0"),
    "empty.xml": (b"", 1, "empty file, expected AKN XML"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE_FILES))
def test_cli_text_refuses_hostile_input_in_one_line(tmp_path, name):
    data, line, message = HOSTILE_FILES[name]
    evil = tmp_path / name
    evil.write_bytes(data)
    out = tmp_path / "out.txt"
    proc = subprocess.run([sys.executable, "-c", "from converter.cli import main; main()", "text", str(evil),
                           "-o", str(out)], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert proc.returncode == 1
    where = f"{evil}:{line}" if line else str(evil)
    assert proc.stderr.startswith(f"unakn: error: {where}: {message}"), proc.stderr
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert proc.stdout == "" and not out.exists()
    assert "root:" not in proc.stderr
