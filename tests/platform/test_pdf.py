"""The PDF helper (involvement.pdf) and the privacy notice PDF view: tagged
PDF/UA, a large-print variant, our own fonts, and no reading from the network
or outside the static folders."""

import re
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse

from involvement.pdf import _fetcher_class, pdf_filename, render_pdf

from .helpers import pdf_objects

TEMPLATE = "involvement/pdf/privacy.html"


@pytest.fixture(scope="module")
def standard_pdf():
    return render_pdf(TEMPLATE, title="How we use your information")


@pytest.fixture(scope="module")
def large_print_pdf():
    return render_pdf(TEMPLATE, title="How we use your information", large_print=True)


def page_count(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf_objects(pdf)))


def most_used_font_size(pdf: bytes) -> float:
    """The font size most text is set in (the `Tf` operator in page content)."""
    sizes = Counter(float(size) for size in re.findall(rb"([\d.]+) Tf", pdf_objects(pdf)))
    assert sizes, "no text found in the PDF"
    return sizes.most_common(1)[0][0]


def test_render_pdf_returns_a_pdf(standard_pdf):
    assert standard_pdf.startswith(b"%PDF-")
    assert standard_pdf.rstrip().endswith(b"%%EOF")
    assert page_count(standard_pdf) >= 1


def test_the_pdf_is_tagged_for_screen_readers(standard_pdf):
    objects = pdf_objects(standard_pdf)

    assert b"/StructTreeRoot" in objects
    assert re.search(rb"/MarkInfo\s*<<\s*/Marked\s+true", objects)
    assert b"pdfuaid:part" in objects  # declared PDF/UA in its metadata
    assert re.search(rb"/Lang\s*\(en-GB\)", objects)


def test_the_pdf_embeds_our_own_font_not_a_system_fallback(standard_pdf):
    fonts = set(re.findall(rb"/BaseFont\s*/\w+\+([\w-]+)", pdf_objects(standard_pdf)))

    assert fonts == {b"Atkinson-Hyperlegible", b"Atkinson-Hyperlegible-Bold"}


def test_large_print_sets_text_larger_and_runs_to_more_pages(standard_pdf, large_print_pdf):
    assert large_print_pdf.startswith(b"%PDF-")
    # Large print CSS asks for 17pt body text against the standard 11.5pt.
    assert most_used_font_size(large_print_pdf) >= most_used_font_size(standard_pdf) * 1.4
    assert page_count(large_print_pdf) > page_count(standard_pdf)


def fetcher():
    return _fetcher_class()(allowed_protocols=["file", "data"])


@pytest.mark.parametrize(
    "url",
    [
        "https://fonts.example.com/font.woff",
        "http://127.0.0.1:9/tracking.png",
        "ftp://example.com/file.css",
        "file:///etc/passwd",
        f"file://{settings.BASE_DIR}/config/settings/base.py",
        f"file://{settings.BASE_DIR}/static/../config/settings/base.py",
    ],
)
def test_the_fetcher_refuses_the_network_and_files_outside_static_folders(url):
    with pytest.raises(ValueError, match="PDF may not"):
        fetcher().fetch(url)


def test_the_fetcher_reads_our_static_files_and_data_uris():
    stylesheet = Path(finders.find("pdf/document.css"))

    response = fetcher().fetch(stylesheet.as_uri())

    assert b"@font-face" in response.read()
    assert fetcher().fetch("data:text/plain;base64,aGVsbG8=").read() == b"hello"


def test_the_fetcher_finds_fonts_the_stylesheet_names_relative_to_itself():
    """document.css asks for ../fonts/x.woff; the font is built into another
    static folder, and is found there as the staticfiles finders would."""
    stylesheet = Path(finders.find("pdf/document.css"))
    font_url = (stylesheet.parent / "../fonts/atkinson-hyperlegible-latin-400-normal.woff").as_uri()

    body = fetcher().fetch(font_url).read()

    assert body.startswith(b"wOFF")


def test_pdf_filename_marks_large_print():
    assert pdf_filename("notice", large_print=False) == "notice.pdf"
    assert pdf_filename("notice", large_print=True) == "notice-large-print.pdf"


@pytest.mark.django_db
def test_the_privacy_notice_pdf_view_serves_the_standard_pdf(client):
    response = client.get(reverse("privacy-pdf"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="involve-privacy-notice.pdf"'
    assert response.content.startswith(b"%PDF-")


@pytest.mark.django_db
def test_the_privacy_notice_pdf_view_serves_large_print_on_request(client):
    standard = client.get(reverse("privacy-pdf"))

    response = client.get(reverse("privacy-pdf"), {"large_print": "1"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Disposition"]
        == 'inline; filename="involve-privacy-notice-large-print.pdf"'
    )
    assert most_used_font_size(response.content) > most_used_font_size(standard.content)
