"""The "Import data" page: data managers and admins import files from the browser (#22).

The same importer as `python -m dashboard import`, behind the same checks: an upload is
first checked (the importer's dry run; nothing is written) and its report shown, per file
the rows new / changed / unchanged and every problem with its file, line, column, value
and reason (paged, and as CSV). Only a confirmation imports, exactly the checked files,
in a background thread that writes all or nothing; the page polls until it ends. One
import at a time: a lock file beside the uploads, held by the import's thread, is shared
by every worker of the machine (and the store's write transaction serialises the rest).
Every upload, check, confirmation and outcome goes to the audit log, with the counts.
"""

import csv
import io
import threading
from pathlib import Path

from flask import Blueprint, Response, abort, g, redirect, render_template, request, url_for
from flask_wtf import FlaskForm
from flask_wtf.file import MultipleFileField
from werkzeug.exceptions import RequestEntityTooLarge

from dashboard import config
from dashboard.access import staging
from dashboard.access.audit import audit
from dashboard.access.current import may_import
from dashboard.access.language import page
from dashboard.access.staging import BadUpload, Upload
from dashboard.importer import import_path
from dashboard.queries import lookups
from dashboard.service import dashboard_data
from dashboard.store.database import Store
from dashboard.vocabulary.language import N_, _, current, speaking
from dashboard.vocabulary.scope import Scope

MAX_UPLOAD_BYTES = 256 * 1024 * 1024  # a 1M-attendance folder of CSV files is about 22 MB
PROBLEMS_PER_PAGE = 100
POLL_SECONDS = 2
TOO_LARGE = N_("The upload is larger than {size} MB: split it into several.")
NOT_ALLOWED = N_("Only data managers and administrators may import data.")
BUSY = N_("Another import is running: wait for it to end, then confirm again.")
STALE = N_("The data or the files changed since the check: upload the files again to check them.")
EXPIRED = N_("The form had expired or came from elsewhere: try again.")

imports = Blueprint("imports", __name__, template_folder="templates")
_import_store: Store | None = None


class UploadForm(FlaskForm):
    files = MultipleFileField(N_("CSV files or one XLSX workbook"))


class ConfirmForm(FlaskForm):
    """Only the CSRF token: confirming or abandoning comes from our own page."""


def _importer() -> None:
    """403 unless the asker is a signed-in data manager or admin (sign-in answers the
    unsigned first: a redirect to /login, or 401)."""
    if not may_import():
        abort(Response(_(NOT_ALLOWED), 403, mimetype="text/plain"))


def _mine(upload_id: str) -> Upload:
    _importer()
    upload = staging.find(upload_id, g.account.id)
    if upload is None:
        gone = _("No such upload (or it was removed).")
        abort(Response(gone, 404, mimetype="text/plain"))
    return upload


def _store() -> Store:
    return dashboard_data().store


def _writer() -> Store:
    """The store imports write through: IMPORT_DATABASE_URL's (opened once), else the
    web server's read-write companion of its own store."""
    global _import_store
    url = config.import_database_url()
    if url is None:
        return _store().access_writer()
    if _import_store is None or _import_store.url != url:
        _import_store = Store(url)
    return _import_store


@imports.route("/import", methods=["GET", "POST"])
@page
def upload_page():
    _importer()
    request.max_content_length = MAX_UPLOAD_BYTES
    try:
        form = UploadForm()
        if request.method == "GET":
            return render_template("import.html", form=form, message=request.args.get("message"))
        if not form.validate_on_submit():
            return _form_page(form, _(EXPIRED))
        version = lookups.current_data_version(_store())
        upload = staging.stage(request.files.getlist("files"), g.account.id, g.who, version)
    except RequestEntityTooLarge:
        too_large = _(TOO_LARGE).format(size=MAX_UPLOAD_BYTES // 2**20)
        return _form_page(UploadForm(formdata=None), too_large, 413)
    except BadUpload as error:
        return _form_page(form, _("Nothing was checked: {error}.").format(error=error))
    audit("import upload", f"upload={upload.id[:8]}; files={', '.join(upload.digests)}")
    _in_background(_check, upload)
    return redirect(url_for("imports.upload_report", upload_id=upload.id))


def _form_page(form: UploadForm, message: str, status: int = 400):
    return render_template("import.html", form=form, message=message), status


def _in_background(work, upload: Upload, lock: int | None = None) -> None:
    """Run `work(upload, store, scope)` in a thread holding the import lock (`lock`, else
    waiting for it there), released at its end whatever happens: no request waits on the
    importer, and no two imports or checks run at once. It speaks the request's language
    (its messages are read by the one who asked)."""
    store, scope, language = _writer(), g.scope, current()

    def run() -> None:
        held = staging.import_lock(wait=True) if lock is None else lock
        try:
            with speaking(language):
                work(upload, store, scope)
        finally:
            staging.release(held)

    threading.Thread(target=run, daemon=True).start()


def _check(upload: Upload, store, scope: Scope) -> None:
    """The importer's dry run on the staged files, against the store as it is once no
    other import runs; its findings kept with the upload, and audited."""
    upload.version = lookups.current_data_version(store)
    try:
        result = import_path(
            store, upload.files, dry_run=True, within=scope, on_progress=upload.heard
        )
        upload.record(result)
        upload.state = "checked"
    except Exception as error:  # the check itself failed: say so, never a traceback
        upload.state, upload.message = (
            "failed",
            _("The check failed ({error}).").format(error=error),
        )
        upload.remove_files()
    upload.save()
    audit("import check", f"upload={upload.id[:8]}; {_summary(upload)}", who=upload.who)


def _summary(upload: Upload) -> str:
    rows = "; ".join(
        f"{name}: {new} new, {changed} changed, {same} unchanged"
        for name, (new, changed, same) in upload.counts.items()
    )
    return f"errors={upload.errors}" + (f"; {rows}" if rows else "")


@imports.route("/import/<upload_id>")
@page
def upload_report(upload_id: str):
    upload = _mine(upload_id)
    page = max(request.args.get("page", 1, type=int), 1)
    start = (page - 1) * PROBLEMS_PER_PAGE
    pages = max((len(upload.problems) + PROBLEMS_PER_PAGE - 1) // PROBLEMS_PER_PAGE, 1)
    return render_template(
        "import_report.html",
        upload=upload,
        problems=upload.problems_spoken(start, start + PROBLEMS_PER_PAGE),
        hidden=upload.hidden_spoken(),
        page=page,
        pages=pages,
        form=ConfirmForm(),
        poll=POLL_SECONDS if upload.state in ("checking", "importing") else None,
        message=request.args.get("message", ""),
    )


@imports.route("/import/<upload_id>/problems.csv")
def problems_csv(upload_id: str):
    """Every kept problem of the check as CSV (the report's own words, in the language of
    the page it is downloaded from; never the files)."""
    upload = _mine(upload_id)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["severity", "file", "line", "column", "value", "reason"])
    for p in upload.problems_spoken():
        writer.writerow([p["severity"], p["file"], p["line"], p["column"], p["value"], p["reason"]])
    for line in upload.hidden_spoken():
        writer.writerow(["", "", "", "", "", line])
    name = f"import-problems-{upload.id[:8]}.csv"
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(out.getvalue(), mimetype="text/csv", headers=headers)


@imports.route("/import/<upload_id>/confirm", methods=["POST"])
def confirm(upload_id: str):
    upload = _mine(upload_id)
    if not ConfirmForm().validate_on_submit():
        return _back(upload, _(EXPIRED))
    if not upload.importable:
        return _back(upload, _("This upload cannot be imported (see its report)."))
    same = lookups.current_data_version(_store()) == upload.version and upload.unchanged_files()
    if not same:
        audit("import refused", f"upload={upload.id[:8]}; changed since the check")
        staging.abandon(upload)
        return redirect(url_for("imports.upload_page", message=_(STALE)))
    lock = staging.import_lock()
    if lock is None:
        return _back(upload, _(BUSY))
    upload.state = "importing"
    upload.save()
    audit("import confirm", f"upload={upload.id[:8]}; {_summary(upload)}")
    _in_background(_run, upload, lock)
    return _back(upload)


@imports.route("/import/<upload_id>/abandon", methods=["POST"])
def abandon(upload_id: str):
    upload = _mine(upload_id)
    if ConfirmForm().validate_on_submit() and upload.state not in ("checking", "importing"):
        staging.abandon(upload)
        audit("import abandoned", f"upload={upload.id[:8]}")
    return redirect(url_for("imports.upload_page"))


def _back(upload: Upload, message: str = ""):
    return redirect(url_for("imports.upload_report", upload_id=upload.id, message=message))


def _run(upload: Upload, store, scope: Scope) -> None:
    """The import itself, all or nothing; its outcome kept with the upload and audited.
    The files are removed whatever happens."""
    try:
        result = import_path(store, Path(upload.files), within=scope, on_progress=upload.heard)
        upload.record(result)
        upload.state = "failed" if result.refused else "imported"
    except Exception as error:  # the write failed: nothing was written; say so on the page
        upload.state = "failed"
        failed = _("The import failed, nothing was written ({error}).")
        upload.message = failed.format(error=error)
    finally:
        upload.remove_files()
        upload.save()
    audit("import " + upload.state, f"upload={upload.id[:8]}; {_summary(upload)}", who=upload.who)
