"""unakn: United Nations resolutions from plain text to Akoma Ntoso 3.0 and back out to HTML and PDF.

The pipeline is one straight line::

    text -> ingest -> clean lines -> parse -> document model -> akn -> AKN XML -> validate
                                                               \\-> render (HTML, PDF, text)
"""
from pathlib import Path

__version__ = "0.1.0"

#: Folder holding the project's own files that are not Python: schemas/, templates/.
PROJECT_ROOT = Path(__file__).resolve().parent.parent
SCHEMAS_DIR = PROJECT_ROOT / "schemas"
TEMPLATES_DIR = PROJECT_ROOT / "templates"
DATA_DIR = Path(__file__).resolve().parent / "data"

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
NSMAP = {"a": AKN_NS}
