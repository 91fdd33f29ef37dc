"""What a PDF may read while it is made: `data:` addresses, and the files on its own site that its maker answers
for; never another address – another site, a local file, a path its maker does not answer for."""

import io
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from PIL import Image

from coreflect.documents import render_pdf
from tests.pdf import pdf_pictures


def png(colour, size=(13, 11)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


BLUE, ORANGE, GREEN = (20, 40, 200), (240, 140, 10), (20, 160, 60)


@pytest.fixture
def elsewhere():
    """A web server on this machine, standing for any other site: it serves a picture and a stylesheet to
    whoever asks, and counts who did."""
    asked: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # the name http.server calls
            asked.append(self.path)
            body, kind = (
                (b"body { background: red }", "text/css") if self.path.endswith(".css") else (png(BLUE), "image/png")
            )
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", asked
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_a_pdf_opens_no_other_address(elsewhere, tmp_path, db):
    site, asked = elsewhere
    local = tmp_path / "secret.png"
    local.write_bytes(png(ORANGE))
    html = f"""<html lang="en"><head><title>T</title><link rel="stylesheet" href="{site}/style.css"></head><body>
      <p>Words</p>
      <img src="{site}/picture.png" alt="From another site">
      <img src="//127.0.0.1:{site.rsplit(":", 1)[1]}/no-scheme.png" alt="Another site without a scheme">
      <img src="file://{local}" alt="A local file">
      <img src="/mine.png" alt="Ours">
      <img src="/not-ours.png" alt="Not answered for">
      <img src="http://testserver.evil/mine.png" alt="Ours by name, on another site">
    </body></html>"""
    own = {"/mine.png": (png(GREEN), "image/png")}
    pdf = render_pdf(html, base_url="http://testserver/", title="T", own_files=own.get)
    assert asked == [], "the PDF asked another site for something"
    assert pdf_pictures(pdf) == {(13, 11, GREEN)}, "only the document's own picture is in it"
    # With no own files at all, nothing but data: is read: not even its own site.
    assert pdf_pictures(render_pdf(html, base_url=f"{site}/", title="T")) == set()
    assert asked == []


def test_a_pdf_still_reads_data_addresses(db):
    import base64

    data = base64.b64encode(png(BLUE)).decode("ascii")
    html = f'<html lang="en"><body><img src="data:image/png;base64,{data}" alt="A blue square"></body></html>'
    assert pdf_pictures(render_pdf(html, base_url="http://testserver/", title="T")) == {(13, 11, BLUE)}
