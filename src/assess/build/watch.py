"""Live preview: build an edition, serve it on 127.0.0.1, rebuild when a source is saved, and
reload the browser page.

``python -m assess.build.watch [--params FILE] [--out DIR] [--port N]`` (``make preview``). Every
half second it compares the time stamps and sizes of the notebooks, data, parameter files, hand-written
pages, book settings and the ``assess`` package with the last look; on a change it runs the build
again in this process (so Sphinx and its extensions are imported once), which re-executes only what
changed. A failed build prints its one line and leaves the last good site served. The reload script
is added by this server to each HTML page it sends, never written into the published site; it asks
this same server, once a second, which build it is serving.
"""

from __future__ import annotations

import argparse
import functools
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from ..edition import default_params, load_edition
from ..errors import AssessError
from .pipeline import build

WATCHED = ("notebooks", "data", "params", "book", "src/assess", "_toc.yml", "_config.yml")
IGNORED = ("sections", "__pycache__", ".ipynb_checkpoints")
VERSION_PATH = "/__assess_build__"
RELOAD_SCRIPT = (
    "<script>(function(){var seen=null;setInterval(function(){"
    f"fetch('{VERSION_PATH}',{{cache:'no-store'}}).then(function(r){{return r.text();}})"
    ".then(function(v){if(seen!==null&&v!==seen){location.reload();}seen=v;}).catch(function(){});"
    "},1000);})();</script>"
)


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """(modification time in ns, size in bytes) of every watched file, by path from ``root``."""
    state = {}
    for part in WATCHED:
        base = root / part
        paths = [base] if base.is_file() else base.rglob("*") if base.is_dir() else []
        for path in paths:
            if path.is_file() and not any(name in IGNORED for name in path.relative_to(root).parts):
                info = path.stat()
                state[path.relative_to(root).as_posix()] = (info.st_mtime_ns, info.st_size)
    return state


class PreviewHandler(SimpleHTTPRequestHandler):
    """Serves the output folder; adds the reload script to HTML pages and answers the build number."""

    build_number = 0

    def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
        if self.path == VERSION_PATH:
            return self._send(str(PreviewHandler.build_number).encode(), "text/plain")
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix == ".html" and path.is_file() and self.path.split("?")[0].endswith((".html", "/")):
            page = path.read_bytes().replace(b"</body>", RELOAD_SCRIPT.encode() + b"</body>", 1)
            return self._send(page, "text/html; charset=utf-8")
        return super().do_GET()

    def _send(self, body: bytes, kind: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args) -> None:  # noqa: A002 (http.server's signature)
        pass  # the build's lines are the log


def serve(out: Path, port: int) -> ThreadingHTTPServer:
    """Start serving ``out`` on 127.0.0.1:``port`` in a background thread; returns the server."""
    handler = functools.partial(PreviewHandler, directory=str(out))
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main(argv: list[str] | None = None) -> int:
    """Build, serve and watch until interrupted; returns the exit status (1 if the first build failed)."""
    parser = argparse.ArgumentParser(prog="assess-preview", description="Serve an edition and rebuild it on save.")
    parser.add_argument("--params", help="edition parameter file (default: the project's default edition)")
    parser.add_argument("--out", default="_build", help="output folder (default _build)")
    parser.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default 8000)")
    args = parser.parse_args(argv)
    root, out = Path.cwd(), Path(args.out).resolve()
    say = lambda message: print(message, flush=True)  # noqa: E731
    params = args.params or default_params(root)
    try:
        edition = load_edition(params, root).edition
        build(params, out, root, log=say, printed=False)
    except AssessError as err:
        print(f"error: {err}", file=sys.stderr, flush=True)
        return 1
    serve(out, args.port)
    say(f"serving http://127.0.0.1:{args.port}/{edition}/ ; watching for saved changes (Ctrl-C stops)")
    seen = snapshot(root)
    try:
        while True:
            time.sleep(0.5)
            now = snapshot(root)
            if now == seen:
                continue
            changed = sorted(k for k in now.keys() | seen.keys() if now.get(k) != seen.get(k))
            seen = now
            say(f"changed: {', '.join(changed[:3])}{' …' if len(changed) > 3 else ''}")
            try:
                build(params, out, root, log=say, printed=False)
                PreviewHandler.build_number += 1
            except AssessError as err:
                say(f"error: {err} (still serving the last good site)")
    except KeyboardInterrupt:
        say("preview stopped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
