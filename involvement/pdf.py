"""The one PDF helper every app uses (WeasyPrint).

Documents are tagged (PDF/UA-1) for screen readers, come in a standard and a
large-print variant, and take their CSS and fonts from our static files, never
from the network.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone

PDF_STYLESHEETS = ("pdf/document.css",)
LARGE_PRINT_STYLESHEETS = ("pdf/large-print.css",)


def static_path(path: str) -> Path:
    found = finders.find(path)
    if not found:
        raise FileNotFoundError(f"Static file for PDFs not found: {path}. Run `make install`.")
    return Path(found)


def _allowed_roots() -> list[Path]:
    roots = [Path(p).resolve() for p in settings.STATICFILES_DIRS]
    if settings.STATIC_ROOT:
        roots.append(Path(settings.STATIC_ROOT).resolve())
    return roots


def _static_file(path: Path) -> Path | None:
    """The static file a path under one of our static folders stands for, or
    None for a path outside them.

    Stylesheets point at fonts relatively ("../fonts/x.woff" from static/pdf/),
    but the fonts are built into another static folder (build/static), so a
    path that does not exist as written is looked up through the staticfiles
    finders, as the web pages' static files are.
    """
    for root in _allowed_roots():
        if path.is_relative_to(root):
            if path.is_file():
                return path
            found = finders.find(path.relative_to(root).as_posix())
            return Path(found).resolve() if found else path
    return None


def _fetcher_class():
    from weasyprint.urls import URLFetcher

    class StaticOnlyFetcher(URLFetcher):
        """Fetch only our own static files (file:// under a static folder) and data: URIs."""

        def fetch(self, url, headers=None):
            if url.startswith("file://"):
                path = Path(url2pathname(urlsplit(url).path)).resolve()
                found = _static_file(path)
                if found is None:
                    raise ValueError(f"PDF may not read {url}")
                url = found.as_uri()
            elif not url.startswith("data:"):
                raise ValueError(f"PDF may not fetch {url}: only our static files")
            return super().fetch(url, headers)

    return StaticOnlyFetcher


def render_pdf(
    template_name: str, context: dict | None = None, *, large_print: bool = False, title: str = ""
) -> bytes:
    """Render a template under templates/<app>/pdf/ to tagged PDF bytes."""
    return render_pdf_parts(template_name, [context or {}], large_print=large_print, title=title)


def render_pdf_counted(
    template_name: str, context: dict | None = None, *, large_print: bool = False, title: str = ""
) -> tuple[bytes, int]:
    """As render_pdf, with the number of pages laid out."""
    document = _document(template_name, [context or {}], large_print=large_print, title=title)
    return document.write_pdf(pdf_variant="pdf/ua-1", custom_metadata=True), len(document.pages)


def render_pdf_anchored(
    template_name: str, context: dict | None = None, *, large_print: bool = False, title: str = ""
) -> tuple[bytes, int, dict[str, int]]:
    """As render_pdf_counted, with the page (from 0) each element with an id
    starts on: where a caller may put other pages in (appended documents)."""
    document = _document(template_name, [context or {}], large_print=large_print, title=title)
    anchors: dict[str, int] = {}
    for number, page in enumerate(document.pages):
        for name in page.anchors:
            anchors.setdefault(name, number)
    content = document.write_pdf(pdf_variant="pdf/ua-1", custom_metadata=True)
    return content, len(document.pages), anchors


def render_pdf_parts(
    template_name: str, contexts: list[dict], *, large_print: bool = False, title: str = ""
) -> bytes:
    """Render a template once per context and join the pages into one PDF.

    Each part is laid out on its own, so its page numbers start at 1 and
    "page 1 of 2" counts its own pages only (a batch of letters prints each
    letter numbered as itself, not as pages 4 and 5 of the batch)."""
    document = _document(template_name, contexts, large_print=large_print, title=title)
    return document.write_pdf(pdf_variant="pdf/ua-1", custom_metadata=True)


def render_pdf_parts_counted(
    template_name: str, contexts: list[dict], *, large_print: bool = False, title: str = ""
) -> tuple[bytes, list[int]]:
    """As render_pdf_parts, with the number of pages of each part."""
    documents = _documents(template_name, contexts, large_print=large_print, title=title)
    content = _joined(documents).write_pdf(pdf_variant="pdf/ua-1", custom_metadata=True)
    return content, [len(document.pages) for document in documents]


def insert_pdfs(content: bytes, inserts: list[tuple[int, bytes]]) -> bytes:
    """Put other PDFs' pages into a document: each (position, pdf) goes before
    the page at `position` (counted from 0 in the document as given; the page
    count puts it at the end). The document keeps its tags (its structure is
    cloned); the inserted pages come as they are. Inserts must be readable
    PDFs (check them first: pypdf raises on a broken one)."""
    if not inserts:
        return content
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=io.BytesIO(content))
    # From the end, so that the earlier positions stay right.
    for position, pdf in sorted(inserts, key=lambda insert: insert[0], reverse=True):
        writer.merge(
            position=position,
            fileobj=PdfReader(io.BytesIO(pdf), strict=False),
            import_outline=False,
        )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _document(template_name: str, contexts: list[dict], *, large_print: bool, title: str):
    return _joined(_documents(template_name, contexts, large_print=large_print, title=title))


def _joined(documents):
    first = documents[0]
    if len(documents) > 1:
        first = first.copy([page for document in documents for page in document.pages])
    return first


def _documents(template_name: str, contexts: list[dict], *, large_print: bool, title: str):
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    base = {
        "large_print": large_print,
        "title": title,
        "generated_at": timezone.localtime(),
        "site_name": getattr(settings, "SITE_NAME", "Involve"),
    }
    fetcher = _fetcher_class()(allowed_protocols=["file", "data"])
    sheets = [*PDF_STYLESHEETS, *(LARGE_PRINT_STYLESHEETS if large_print else ())]
    # Without a FontConfiguration WeasyPrint ignores the @font-face rules.
    font_config = FontConfiguration()
    stylesheets = [
        CSS(filename=str(static_path(sheet)), url_fetcher=fetcher, font_config=font_config)
        for sheet in sheets
    ]
    base_url = str(static_path(PDF_STYLESHEETS[0]).parent)
    documents = [
        HTML(
            string=render_to_string(template_name, {**base, **context}),
            base_url=base_url,
            url_fetcher=fetcher,
        ).render(stylesheets=stylesheets, font_config=font_config, pdf_tags=True)
        for context in (contexts or [{}])
    ]
    return documents


def pdf_filename(stem: str, *, large_print: bool) -> str:
    return f"{stem}{'-large-print' if large_print else ''}.pdf"
