"""The Flask application of ``govlint serve`` (behind :class:`.guard.Guard`,
which has already checked the Host header and the token).

Routes, relative to the address with the token:

* ``GET /`` — the page (``static/index.html``), ``GET /static/<name>``
  its script and style;
* ``GET /api/rules`` — every rule with its explanation, and the limits;
* ``POST /api/check`` — the uploaded ``files`` (multipart) checked as one
  batch: its summary (per report, per rule, counts);
* ``GET /api/batch/<id>`` — that summary again; ``GET
  /api/batch/<id>/report/<n>`` — report ``n`` with its blocks and placed
  findings; ``DELETE /api/batch/<id>`` forgets the batch;
* ``GET /api/batch/<id>/findings.csv`` / ``findings.json`` /
  ``summary.html`` — the exports, as downloads.

Uploads are kept in memory while the request is read (never in a
temporary file of the web framework), then written to a private folder
that is removed when the request ends (:mod:`.uploads`).  The results of
the last :data:`MAX_BATCHES` batches are kept in the server's memory, and
nowhere else, so the page can go back and forth and export; they go when
the server stops.  Errors are JSON ``{"error": message}`` with a Chinese
message.  Flask is imported inside :func:`create_app`, so this module
imports without the ``serve`` extra.
"""

from __future__ import annotations

import io
import secrets
import shutil
import tempfile
import threading
from collections import OrderedDict
from importlib import resources
from typing import Any

import msgspec

from . import uploads
from .exports import csv_bytes
from .worker import Worker, WorkerError

#: batches whose results the server keeps (the oldest goes first)
MAX_BATCHES = 8
STATIC = {"app.js": "text/javascript; charset=utf-8", "app.css": "text/css; charset=utf-8"}


def static_file(name: str) -> bytes:
    return resources.files(__package__).joinpath("static", name).read_bytes()


class State(msgspec.Struct):
    """What the application works with: the check process, the private
    folder uploads go to, the results kept."""

    worker: Worker
    private: str
    batches: OrderedDict[str, dict[str, Any]] = msgspec.field(default_factory=OrderedDict)
    lock: threading.Lock = msgspec.field(default_factory=threading.Lock)

    def keep(self, result: dict[str, Any]) -> str:
        batch_id = secrets.token_urlsafe(12)
        with self.lock:
            self.batches[batch_id] = result
            while len(self.batches) > MAX_BATCHES:
                self.batches.popitem(last=False)
        return batch_id

    def get(self, batch_id: str) -> dict[str, Any] | None:
        with self.lock:
            return self.batches.get(batch_id)

    def forget(self, batch_id: str) -> bool:
        with self.lock:
            return self.batches.pop(batch_id, None) is not None


def summary(batch_id: str, result: dict[str, Any]) -> dict[str, Any]:
    """A batch without its reports' views and exports."""
    reports = []
    for report in result["reports"]:
        codes: dict[str, int] = {}
        for finding in report["view"]["findings"]:
            codes[finding["code"]] = codes.get(finding["code"], 0) + 1
        reports.append({**{k: v for k, v in report.items() if k != "view"}, "codes": codes})
    return {"id": batch_id, "reports": reports, "rules": result["rules"], "counts": result["counts"],
            "findings": result["findings"], "errors": result["errors"]}


def create_app(state: State):
    """The Flask application over ``state``."""
    from flask import Flask, Request, Response, jsonify, request
    from werkzeug.exceptions import HTTPException

    class InMemory(Request):
        """Uploaded files held in memory, never in a temporary file."""

        def _get_file_stream(self, total_content_length, content_type, filename=None, content_length=None):
            return io.BytesIO()

    app = Flask(__name__, static_folder=None)
    app.request_class = InMemory
    app.config.update(MAX_CONTENT_LENGTH=uploads.MAX_REQUEST_BYTES, MAX_FORM_PARTS=uploads.MAX_REPORTS + 20)
    app.json.ensure_ascii = True  # type: ignore[attr-defined]

    def error(message: str, status: int):
        response = jsonify(error=message)
        response.status_code = status
        return response

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        if exc.code == 413:
            mb = uploads.MAX_REQUEST_BYTES // (1024 * 1024)
            return error(f"上传的内容超过上限：一次最多 {uploads.MAX_REPORTS} 个文件、合计 {mb} MB，请分批上传", 413)
        return error({404: "没有这个地址或这批结果（服务重启后以前的结果不再保留）",
                      405: "不支持这种请求"}.get(exc.code or 0, exc.description or "请求无效"), exc.code or 400)

    @app.get("/")
    def index():
        return Response(static_file("index.html"), content_type="text/html; charset=utf-8")

    @app.get("/static/<name>")
    def static(name: str):
        if name not in STATIC:
            return error("没有这个文件", 404)
        return Response(static_file(name), content_type=STATIC[name])

    @app.get("/api/rules")
    def rules():
        ready = state.worker.ready
        return jsonify(rules=ready.get("rules", []), extensions=ready.get("extensions", []),
                       limits={"files": uploads.MAX_REPORTS, "bytes": uploads.MAX_REQUEST_BYTES})

    @app.post("/api/check")
    def check():
        files = request.files.getlist("files")
        if not files:
            return error("没有收到文件：请把报告拖到页面上，或点“选择文件”", 400)
        if len(files) > uploads.MAX_REPORTS:
            return error(f"一次最多检查 {uploads.MAX_REPORTS} 份报告（本次 {len(files)} 份）：请分批上传", 413)
        folder = tempfile.mkdtemp(prefix="upload-", dir=state.private)
        try:
            upload = uploads.receive(((f.filename or "", f.read()) for f in files), folder,
                                     state.worker.ready.get("extensions", ()))
            result = state.worker.check({"folder": folder, "paths": upload.paths, "refused": upload.refused},
                                        upload.reports)
        except uploads.UploadError as exc:
            return error(exc.message, exc.status)
        except WorkerError as exc:
            return error(str(exc), 500)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        return jsonify(summary(state.keep(result), result))

    def batch_or_404(batch_id: str) -> dict[str, Any]:
        from flask import abort

        result = state.get(batch_id)
        if result is None:
            abort(404)
        return result

    @app.get("/api/batch/<batch_id>")
    def batch(batch_id: str):
        return jsonify(summary(batch_id, batch_or_404(batch_id)))

    @app.delete("/api/batch/<batch_id>")
    def forget(batch_id: str):
        return jsonify(forgotten=state.forget(batch_id))

    @app.get("/api/batch/<batch_id>/report/<int:index>")
    def report(batch_id: str, index: int):
        result = batch_or_404(batch_id)
        if not 0 <= index < len(result["reports"]):
            return error("这批结果中没有这份报告", 404)
        entry = result["reports"][index]
        return jsonify({**{k: v for k, v in entry.items() if k != "view"}, **entry["view"],
                        "count": len(result["reports"])})

    def download(body: bytes, name: str, content_type: str, **headers: str):
        response = Response(body, content_type=content_type)
        response.headers["Content-Disposition"] = f"attachment; filename={name}"
        response.headers.update(headers)
        return response

    @app.get("/api/batch/<batch_id>/findings.csv")
    def export_csv(batch_id: str):
        return download(csv_bytes(batch_or_404(batch_id)["reports"]), "govlint-findings.csv",
                        "text/csv; charset=utf-8")

    @app.get("/api/batch/<batch_id>/findings.json")
    def export_json(batch_id: str):
        return download(batch_or_404(batch_id)["exports"]["json"].encode("utf-8"), "govlint-findings.json",
                        "application/json; charset=utf-8")

    @app.get("/api/batch/<batch_id>/summary.html")
    def export_html(batch_id: str):
        # the summary page runs its own inline script when opened as a file; served here only as a download
        return download(batch_or_404(batch_id)["exports"]["html"].encode("utf-8"), "govlint-summary.html",
                        "text/html; charset=utf-8", **{"Content-Security-Policy": "sandbox; default-src 'none'"})

    return app
