"""`python -m dashboard COMMAND`: the store's commands (README "Commands").

Every failure ends in one readable paragraph and a non-zero exit, never a traceback
(set ECHO_DEBUG=1 to see one); text from outside in it (paths, URLs) is escaped and
cut short. Only `migrate` creates a store: the other commands refuse a SQLite file
that does not exist rather than leave an empty one behind a mistyped path.
"""

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError

from dashboard.access import commands as access_commands
from dashboard.alerts import commands as alerts_commands
from dashboard.alerts.run import AlertsFailed
from dashboard.printable import printable
from dashboard.store.accounts import AccountError
from dashboard.store.database import Store
from dashboard.vocabulary.errors import StoreUnavailable

PATH_WIDTH = 200
BAD_INPUT = 2  # as argparse exits for a bad argument
MESSAGE_WIDTH = 2000


class CommandError(Exception):
    """A failure the user can fix; its message says how."""


class BadInput(CommandError):
    """An argument the command cannot use (exit status 2, as for a usage error)."""


def _migrate(args: argparse.Namespace) -> None:
    from dashboard.store.migrate import migrate

    store = _store(args, create=True)
    migrate(store)
    print(f"Schema is current and India's geography is loaded in {_shown(store)}.")


def _demo(args: argparse.Namespace) -> None:
    from dashboard.demo.build import StoreNotReady, build_demo
    from dashboard.demo.generate import CatalogueError
    from dashboard.queries.lookups import fact_count
    from dashboard.store.migrate import schema_is_current

    store = _store(args)
    if not schema_is_current(store):
        raise CommandError(
            f"{_shown(store)} has no current schema: run `python -m dashboard migrate` first."
        )
    if args.if_empty and fact_count(store) > 0:
        print(f"{_shown(store)} already holds data; keeping it.")
        return
    if args.attendances < 1000:
        raise CommandError("--attendances must be at least 1000.")
    try:
        counts = build_demo(store, attendances=args.attendances, seed=args.seed, progress=True)
    except (StoreNotReady, CatalogueError) as error:
        raise CommandError(str(error)) from None
    print("Demo data set written: " + ", ".join(f"{n:,} {name}" for name, n in counts.items()))


def _check(args: argparse.Namespace) -> None:
    from dashboard.check import check_store

    report = check_store(_store(args))
    print(report.text())
    if report.problems:
        sys.exit(1)


def _import(args: argparse.Namespace) -> None:
    from pathlib import Path

    from dashboard.importer import import_path
    from dashboard.importer.report import ImportFailed
    from dashboard.importer.sources import NoSuchPath

    store = _current_store(args)
    try:
        result = import_path(
            store, Path(args.path), dry_run=args.dry_run, strict=args.strict, progress=True
        )
    except NoSuchPath as error:
        raise CommandError(
            f"{error}: give a folder of CSV files, a CSV file or an XLSX workbook."
        ) from None
    except ImportFailed as error:
        raise CommandError(f"import failed, nothing was written: {error}") from None
    print(result.text())
    if result.refused:
        raise CommandError(
            f"import refused with {result.report.summary()} (listed above); nothing was written."
        )


def _export(args: argparse.Namespace) -> None:
    from pathlib import Path

    from dashboard.importer.export import export_store
    from dashboard.importer.templates import ExistingFiles

    store = _current_store(args)
    try:
        counts = export_store(
            store, Path(args.dir), progress=True, for_spreadsheet=args.for_spreadsheet
        )
    except ExistingFiles as error:
        raise CommandError(str(error)) from None
    print(f"Wrote {_path(args.dir)}: " + ", ".join(f"{n:,} {name}" for name, n in counts.items()))
    print(SPREADSHEET_NOTE if args.for_spreadsheet else REIMPORT_NOTE)


def _template(args: argparse.Namespace) -> None:
    from pathlib import Path

    from dashboard.importer.templates import ExistingFiles, write_templates

    try:
        written = write_templates(Path(args.dir))
    except ExistingFiles as error:
        raise CommandError(str(error)) from None
    names = ", ".join(p.name for p in written)
    print(f"Wrote {len(written)} templates to {_path(args.dir)}: {names}")


def _brief(args: argparse.Namespace) -> None:
    from dashboard.access.scoped import ScopedData
    from dashboard.brief import make_brief
    from dashboard.service import DashboardData
    from dashboard.vocabulary.filters import BadFilter, parse_filters
    from dashboard.vocabulary.scope import INDIA, Scope

    try:
        filters = parse_filters({name: getattr(args, name) or [] for name in FILTER_OPTIONS})
    except BadFilter as error:
        raise BadInput(f"--{error}") from None
    scope = INDIA
    if filters.state or filters.partner:
        scope = Scope(states=frozenset(filters.state), partners=frozenset(filters.partner))
    data = ScopedData(DashboardData(_current_store(args)), scope)
    try:
        pdf = make_brief(data, filters, language=args.lang)
    except BadFilter as error:
        raise BadInput(f"--{error}") from None
    try:
        Path(args.out).write_bytes(pdf)
    except OSError as error:
        raise CommandError(f"cannot write {_path(args.out)}: {error.strerror}") from None
    print(f"Wrote {_path(args.out)} ({len(pdf) // 1024:,} KB).")


def _attention(args: argparse.Namespace) -> None:
    """What the "Needs attention" view lists for these filters as of `--as-of` (default:
    the data's as-of date): every rule computed on the store as it was that day."""
    from cachelib import SimpleCache

    from dashboard.attention import needs_attention
    from dashboard.config import attention_thresholds
    from dashboard.service import DashboardData
    from dashboard.vocabulary.filters import BadFilter, parse_filters

    try:
        thresholds = attention_thresholds()
        as_of = parse_filters({"from": [args.as_of]}).date_from if args.as_of else None
    except (BadFilter, ValueError) as error:
        message = str(error).removeprefix("from: ")
        raise BadInput(f"--as-of: {message}" if args.as_of else message) from None
    data = DashboardData(_current_store(args), SimpleCache())
    try:
        filters = parse_filters({name: getattr(args, name) or [] for name in FILTER_OPTIONS})
        data.check(filters)
    except BadFilter as error:
        raise BadInput(f"--{error}") from None
    print(_attention_text(needs_attention(data, filters, thresholds, as_of)))


def _attention_text(attention) -> str:
    """The items by rule, each with its figures and its link, after the periods compared
    and the thresholds."""
    from dashboard.attention import figure_text, thresholds_text, windows_text
    from dashboard.vocabulary.attention import FIGURES, NO_DATA, RULES

    if attention.windows is None:
        return NO_DATA
    lines = [
        *windows_text(attention.windows),
        "Thresholds: " + "; ".join(thresholds_text(attention.thresholds)),
    ]
    for rule, heading in RULES.items():
        items = attention.of_rule(rule)
        lines += ["", f"{heading}: {len(items)}"]
        for item in items:
            shown = item.figures.items()
            figures = "; ".join(f"{FIGURES[n]}: {figure_text(n, v)}" for n, v in shown)
            lines.append(f"  {item.code} {item.name}: {figures} ({item.href})")
    counts = ", ".join(f"{rule} {n}" for rule, n in attention.counts().items())
    return "\n".join([*lines, "", f"Items per rule: {counts}"])


def _current_store(args: argparse.Namespace) -> Store:
    from dashboard.store.migrate import schema_is_current

    store = _store(args)
    if not schema_is_current(store):
        raise CommandError(
            f"{_shown(store)} has no current schema: run `python -m dashboard migrate` first."
        )
    return store


def _store(args: argparse.Namespace, create: bool = False) -> Store:
    """The store of `--db`; unless `create`, a SQLite file must already be there."""
    try:
        store = Store(args.db)
    except (ArgumentError, ValueError) as error:
        raise CommandError(f"--db / DATABASE_URL is not a usable database URL: {error}") from None
    missing = _missing_sqlite_file(store.url)
    if missing is not None and not create:
        raise CommandError(
            f"no SQLite store at {_path(missing)} (only `python -m dashboard migrate` creates "
            "one): check the path, or run `python -m dashboard migrate` first."
        )
    return store


def _missing_sqlite_file(url: str) -> str | None:
    """The file of a SQLite URL when it does not exist (None for other stores, in-memory
    ones and `file:` URIs, which say for themselves whether to create)."""
    parsed = make_url(url)
    database = parsed.database or ""
    if parsed.get_backend_name() != "sqlite" or database in ("", ":memory:"):
        return None
    if database.startswith("file:") or Path(database).exists():
        return None
    return database


def _shown(store: Store) -> str:
    return printable(store.engine.url.render_as_string(hide_password=True), PATH_WIDTH)


def _path(text: str) -> str:
    return printable(text, PATH_WIDTH)


COMMANDS: dict[str, tuple[Callable[[argparse.Namespace], None], str]] = {
    "migrate": (_migrate, "create or upgrade the schema and load India's geography"),
    "demo": (_demo, "(re)build the deterministic demo data set"),
    "check": (_check, "report row counts, dates, data as of and problems"),
    "import": (_import, "import a folder of CSV files or an XLSX workbook, all or nothing"),
    "export": (_export, "write the store out as import files"),
    "template": (_template, "write empty import templates, each with one example row"),
    "attention": (_attention, "list what needs attention as of a day (the backtest)"),
    "brief": (_brief, "write the brief (PDF) of a view: the page's numbers on a few A4 pages"),
}
WITHOUT_STORE = ("template",)
FILTER_OPTIONS = (
    "from",
    "to",
    "state",
    "district",
    "partner",
    "disease",
    "sector",
    "cadre",
    "hub",
    "program",
)
REIMPORT_NOTE = (
    "These files are for importing again (python -m dashboard import), not for a "
    "spreadsheet: a cell such as =HYPERLINK(...) would run there as a formula. For files to "
    "open in Excel, export again with --for-spreadsheet."
)
SPREADSHEET_NOTE = (
    "Cells a spreadsheet would run as formulas (starting with =, +, -, @) begin with a ' so "
    "that they show as text: open these files in Excel, but import the plain export instead."
)


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="python -m dashboard", description=__doc__.split("\n")[0])
    commands = main.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (_, help_text) in COMMANDS.items():
        sub = commands.add_parser(name, help=help_text, description=help_text)
        if name not in WITHOUT_STORE:
            sub.add_argument("--db", help="SQLAlchemy URL of the store (default: DATABASE_URL)")
        if name == "import":
            _import_arguments(sub)
        if name in ("export", "template"):
            sub.add_argument("dir", metavar="DIR", help="folder to write the CSV files to")
        if name == "export":
            sub.add_argument(
                "--for-spreadsheet",
                action="store_true",
                help="neutralise cells a spreadsheet would run as formulas (not for re-import)",
            )
        if name == "brief":
            _brief_arguments(sub)
        if name == "attention":
            _attention_arguments(sub)
        if name == "demo":
            sub.add_argument(
                "--attendances", type=int, default=1_000_000, help="how many (default 1,000,000)"
            )
            sub.add_argument("--seed", type=int, default=2008, help="random seed (default 2008)")
            sub.add_argument(
                "--if-empty", action="store_true", help="only if the store has no data"
            )
    access_commands.add_parsers(commands, _with_store)
    alerts_commands.add_parser(commands, _with_store)
    return main


def _with_store(sub: argparse.ArgumentParser) -> argparse.ArgumentParser:
    sub.add_argument("--db", help="SQLAlchemy URL of the store (default: DATABASE_URL)")
    return sub


def _access(args: argparse.Namespace) -> None:
    if args.command == "alerts":
        alerts_commands.run(args, _current_store(args))
    else:
        access_commands.run(args, _current_store(args))


def _attention_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--as-of", metavar="DATE", help="the day, YYYY-MM-DD (default: data as of)")
    _filter_arguments(sub)


def _filter_arguments(sub: argparse.ArgumentParser) -> None:
    """The HTTP API's filters as options: --from, --to once, the others repeatable."""
    for name in FILTER_OPTIONS:
        sub.add_argument(
            f"--{name}",
            action="append",
            metavar="VALUE",
            help="a filter, as the HTTP API's (repeat for several values)",
        )


def _import_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("path", metavar="PATH", help="folder of CSV files, a CSV file or a workbook")
    sub.add_argument(
        "--dry-run", action="store_true", help="check and count the changes; write nothing"
    )
    sub.add_argument("--strict", action="store_true", help="treat warnings as errors")


def _brief_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--out", required=True, metavar="FILE.pdf", help="the PDF to write")
    sub.add_argument("--lang", choices=("en", "hi"), default="en", help="language (default en)")
    _filter_arguments(sub)


def _shown_url(db: str | None) -> str:
    """The store's URL as a message may show it: the password hidden."""
    if not db:
        return "DATABASE_URL"
    try:
        return make_url(db).render_as_string(hide_password=True)
    except ArgumentError:
        return "the --db URL"


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    run = COMMANDS[args.command][0] if args.command in COMMANDS else _access
    try:
        run(args)
    except KeyboardInterrupt:
        print("Stopped; nothing was written by the interrupted step.", file=sys.stderr)
        return 130
    except BadInput as error:
        _fail(str(error))
        return 2
    except (CommandError, StoreUnavailable, AlertsFailed) as error:
        return _fail(str(error))
    except AccountError as error:
        return _fail(str(error), BAD_INPUT)
    except OperationalError as error:
        reason = str(getattr(error, "orig", error)).strip()
        return _fail(f"cannot reach the store ({_shown_url(args.db)}): {reason}")
    except SQLAlchemyError as error:
        return _fail(
            f"the store refused the operation: {str(getattr(error, 'orig', error)).strip()}"
        )
    except Exception as error:
        if os.environ.get("ECHO_DEBUG"):
            raise
        return _fail(
            f"unexpected {error.__class__.__name__}: {error} (set ECHO_DEBUG=1 for details)"
        )
    return 0


def _fail(message: str, status: int = 1) -> int:
    print("error: " + printable(" ".join(message.split()), MESSAGE_WIDTH), file=sys.stderr)
    return status
