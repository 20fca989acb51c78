"""The `opendata` command line: parses arguments, calls the library, prints.

Each command imports the library it needs (Frictionless, Polars and the engine take
~0.6 s to import), so `opendata --help` and the commands' help answer at once.

Exit codes are stable so scripts can rely on them:
0 success / valid, 1 the data has errors, 2 nothing could be read or used
(missing path, broken descriptor, unreachable portal, bad credentials).
"""

from __future__ import annotations

import atexit
import functools
import gc
import itertools
import json
import os
import shlex
import signal
import sys
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click
import orjson

from opendata import __version__, collector
from opendata.cli_lang import TranslatedCommand, TranslatedUsageError, requested_lang, translate_help
from opendata.config import LOCAL_PORTAL, portal_root
from opendata.messages import BUILD_UI, LANGUAGES, UI, counted, fallback_reason, number

# numpy's OpenBLAS starts a thread per core when imported, and they spin ~0.1 s of CPU
# that the validation's scan (already running, see engine.head_start) needs; no command
# multiplies matrices.  A value set by the user wins.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress, Task
    from rich.text import Text

    from opendata.problems import Problem
    from opendata.validate import ValidationReport, ValidPackage

DEFAULT_PACKAGE = "datapackage"
SHOWN_PER_FILE = 50  # problems printed in full per file; a terminal of 500,000 lines helps no one


def _default_package() -> str:
    """datapackage/, as the README lays the project out; or the folder itself when the
    command is run inside the package (its datapackage.json is here)."""
    if not Path(DEFAULT_PACKAGE).exists() and Path("datapackage.json").is_file():
        return "."
    return DEFAULT_PACKAGE


def _remember_lang(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """Keep the language in the contexts' shared meta: ``_Commands`` speaks it when a
    command fails.  `opendata --lang en COMMAND` is the command's --lang, unless the
    command has its own."""
    source = ctx.get_parameter_source(param.name or "lang")
    if ctx.parent is not None and source != click.core.ParameterSource.COMMANDLINE:
        value = ctx.meta.get("lang_given", value)
    elif ctx.parent is None and source == click.core.ParameterSource.COMMANDLINE:
        ctx.meta["lang_given"] = value
    ctx.meta["lang"] = value
    return value


LANG_OPTION = click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    default="uk",
    envvar="OPENDATA_LANG",
    show_default=True,
    help="Language of messages (or set OPENDATA_LANG).",
    callback=_remember_lang,
)


def _remember_format(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """Keep the output format in the contexts' shared meta: a failure ``_Commands``
    catches is JSON too for a script that asked for JSON."""
    ctx.meta["output_format"] = value
    return value


FORMAT_OPTION = click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text for people, json for scripts (printed to stdout).",
    callback=_remember_format,
)


class _Console:
    """A Rich console, made when first used.

    Rich takes ~0.06 s to import: `validate` would spend it before its scan starts
    (see engine.head_start), and `--format json` or `--help` never need it."""

    def __init__(self, **options) -> None:
        self.options = options

    @functools.cached_property
    def rich(self) -> Console:
        from rich.console import Console

        return Console(**self.options)

    def __getattr__(self, name: str):
        return getattr(self.rich, name)


out = _Console(soft_wrap=True)
err = _Console(stderr=True, soft_wrap=True)


JSON_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS
JSON_FLUSH_BYTES = 1 << 20
JSON_BATCH_ITEMS = 1_000


def print_json(data) -> None:
    """``--format json`` output: indented UTF-8, as ``json.dumps(indent=2)`` writes it.

    orjson writes it ~13× faster, which shows on a report of 500,000 errors (7 s → 0.5 s).
    A top-level value given as an iterator (a report's errors) is written a thousand
    items at a time, in the same bytes, so the dicts and the text of half a million
    errors are never held at once (1.18 GB → 0.5 GB peak); one orjson call per batch
    writes 97,000 errors in 4.6 µs each, against 5.2 one by one.

    A Ctrl-C while it is written ends the document, never cuts it (`_CtrlC`): a streamed
    list closes after the batch written and ``"interrupted": true`` follows, then the
    command stops as interrupted (exit 130)."""
    context = click.get_current_context(silent=True)
    if context is not None:  # `_Commands.invoke`: an interrupted command adds no second object
        context.meta["json_written"] = True
    sys.stdout.flush()
    with _CtrlC() as ctrl_c:
        if not (isinstance(data, dict) and any(isinstance(v, Iterator) for v in data.values())):
            _write_all(orjson.dumps(data, option=JSON_OPTIONS, default=str) + b"\n")
            return
        _stream_json(data, ctrl_c)


def _stream_json(data: dict, ctrl_c: _CtrlC) -> None:
    """The document of `print_json` with its iterators written batch by batch, until the
    last one or a Ctrl-C."""
    chunk = bytearray(b"{")
    for place, (key, value) in enumerate(data.items()):
        chunk += b",\n  " if place else b"\n  "
        chunk += orjson.dumps(key) + b": "
        if not isinstance(value, Iterator):
            chunk += _indented(value, b"\n  ")
            continue
        chunk += b"["
        empty = True
        while not ctrl_c.pressed and (items := list(itertools.islice(value, JSON_BATCH_ITEMS))):
            # a batch as one list, one level in: "[\n    {...},\n    {...}\n  ]" (one orjson call)
            chunk += (b"" if empty else b",") + _indented(items, b"\n  ")[1:-4]
            empty = False
            if len(chunk) > JSON_FLUSH_BYTES:
                _write_all(chunk)
                chunk.clear()
        chunk += b"]" if empty else b"\n  ]"
        if ctrl_c.pressed:  # the rest is not written: say so, and that the answer is not "ok"
            chunk += b',\n  "interrupted": true'
            if data.get("ok") is not False:  # a second "ok": JSON readers take the last one
                chunk += b',\n  "ok": false'
            break
    chunk += b"\n}\n"
    _write_all(chunk)


def _write_all(data: bytes | bytearray) -> None:
    """All of DATA to stdout: a write a signal interrupts returns after a part (64 KiB of
    a megabyte to a pipe that is full), and the rest is the caller's to write."""
    stdout = sys.stdout.buffer
    with memoryview(data) as whole:
        done = 0
        while done < len(whole):
            done += stdout.write(whole[done:])
    stdout.flush()


class _CtrlC:
    """Ctrl-C held off while a JSON document is written, so that it is ended, not cut.

    Python raises KeyboardInterrupt wherever the program is: inside a write of a
    megabyte to a pipe that is full, it left half a string on stdout, and the failure
    object after it made the output no JSON at all.  Here the first Ctrl-C is noted
    (``pressed``) and raised when the document is whole; a second one stops at once, for
    a reader that never reads.  SIGINT ignored (``nohup``) stays ignored."""

    def __enter__(self) -> _CtrlC:
        self.pressed = False
        self.previous = signal.getsignal(signal.SIGINT)
        self.held = (
            self.previous is signal.default_int_handler
            and threading.current_thread() is threading.main_thread()
        )
        if self.held:
            signal.signal(signal.SIGINT, self._press)
        return self

    def _press(self, signum, frame) -> None:
        if self.pressed:
            raise KeyboardInterrupt
        self.pressed = True

    def __exit__(self, *exc) -> None:
        if self.held:
            signal.signal(signal.SIGINT, self.previous)
        if self.pressed and exc[0] is None:
            raise KeyboardInterrupt


def _indented(value, newline: bytes) -> bytes:
    return orjson.dumps(value, option=JSON_OPTIONS, default=str).replace(b"\n", newline)


class _Commands(TranslatedCommand, click.Group):
    """The commands, and what none of them should show a person: a traceback, or an
    error or a help screen in a language they did not ask for.

    A folder that cannot be written (no permission, a full disk, a path that goes
    nowhere) or a file that cannot be read is said in the user's language, with the
    system's own words as the details, exit code 2.  ``OPENDATA_DEBUG=1`` shows the
    traceback instead.  A usage error (a missing value, an unknown option) is said in
    the user's language too, exit code 2 as click has it, and so is the help
    (`cli_lang`)."""

    command_class = TranslatedCommand
    help_lang = "en"  # the help's language, chosen before click reads --help

    def make_context(self, info_name, args, parent=None, **extra) -> click.Context:
        lang = requested_lang(args)
        self.help_lang = lang
        translate_help(self, lang)
        try:
            ctx = super().make_context(info_name, args, parent, **extra)
        except click.exceptions.NoArgsIsHelpError:
            raise  # `opendata` alone: the help
        except click.UsageError as error:
            raise _usage_error(error, lang, args) from None
        ctx.meta["lang"] = lang  # until the command's --lang is read (`_remember_lang`)
        ctx.meta["args"] = list(args)
        return ctx

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            raise  # the reader of the output went away (| head): click ends quietly
        except KeyboardInterrupt:  # Ctrl-C: click's English «Aborted!», exit 1, said nothing more
            from opendata.messages import FAILURES

            words = FAILURES[ctx.meta["lang"]]
            if ctx.meta.get("output_format") == "json" and not ctx.meta.get("json_written"):
                _json_failure("Interrupted", words["interrupted"])  # else the document said it
            err.print(words["interrupted"], markup=False)
            if ctx.invoked_subcommand == "publish":
                err.print(words["interrupted_publish"], markup=False)
            sys.exit(130)  # 128 + SIGINT, as shells have it
        except click.UsageError as error:
            raise _usage_error(error, ctx.meta["lang"], ctx.meta.get("args", [])) from None
        except OSError as error:
            if os.environ.get("OPENDATA_DEBUG"):
                raise
            _failed(error, ctx.meta.get("output_format", "text"), ctx.meta["lang"], 2)


def _usage_error(error: click.UsageError, lang: str, args: list[str]) -> TranslatedUsageError:
    """The usage error in the user's language; a script that asked for JSON (``--format
    json`` among the arguments, though they could not all be read) gets it on stdout too."""
    translated = TranslatedUsageError(error, lang)
    given = " ".join(args)
    if "--format json" in given or "--format=json" in given:
        _json_failure("UsageError", translated.format_message())
    return translated


@click.group(
    cls=_Commands, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100}
)
# "opendata 0.1.0": no words to translate
@click.version_option(__version__, prog_name="opendata", message="%(prog)s %(version)s")
@LANG_OPTION
def main(lang: str) -> None:
    """Publish and check the city's open data.

    \b
    Typical year of an open-data officer:
      opendata validate                  # check datapackage/ after editing a CSV
      opendata report                    # how far the plan has got, per campaign and quarter
      opendata build --out dist          # CSV, JSON, XLSX, dictionary and the plan page
      opendata publish --dry-run         # what would change on the portal
      CKAN_API_TOKEN=... opendata publish --portal https://data.example.gov.ua --org my-city
      opendata audit --portal https://data.example.gov.ua --org my-city --out audit-2026
      opendata import-plan datapackage/sources/kolomyia-2021-communication-plan.txt --out datapackage

    Messages are in Ukrainian; add --lang en (or set OPENDATA_LANG=en) for English.
    Exit codes: 0 ok, 1 problems in the data, 2 nothing could be read, written or reached
    (set OPENDATA_DEBUG=1 to see the traceback of such a failure).

    Run `opendata COMMAND --help` for the details of each command.
    """


@main.command("import-plan")
@click.argument("source", type=click.Path(path_type=Path))
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=_default_package,
    show_default=DEFAULT_PACKAGE,
    help="Folder of the data package to write (inside the package: the package itself).",
)
@click.option(
    "--force",
    is_flag=True,
    help="Overwrite the plan's files even where they were changed by hand since the last import, "
    "or replace a package of another decision in --out (progress_reports.csv is kept).",
)
@FORMAT_OPTION
@LANG_OPTION
def import_plan_command(source: Path, out_dir: Path, force: bool, output_format: str, lang: str) -> None:
    """Build the plan's data package from the decision's text export.

    SOURCE is the plain-text export of the decision (UTF-8; a windows-1251 or other
    Cyrillic export is recognised, read and copied as UTF-8). The command writes
    decision.csv, campaigns.csv, tasks.csv, people.csv, task_roles.csv, their
    schemas and datapackage.json into --out, and keeps a copy of SOURCE under
    sources/. An existing progress_reports.csv is never overwritten.

    Rerunning it on the same text reproduces the same files byte for byte. Any
    line of the text it cannot place is listed (with its line number) and the
    exit code is 1, so nothing is silently dropped. A plan file changed by hand
    since the last import (a person added to people.csv, a status to a schema) is
    not overwritten unless --force: the command names them and stops (exit 2).
    Nor is a package of another decision: its name (the town and the plan's year,
    such as kolomyia-communication-plan-2021) is not this decision's, so the command
    names it and stops (exit 2); use another --out, or --force to replace it. The
    same decision's package, its name the same, is rewritten as above.
    The package is then validated: execution records that lost their task or
    person in the new plan are counted, and the exit code is 1.

    \b
    Examples:
      opendata import-plan datapackage/sources/kolomyia-2021-communication-plan.txt --out datapackage
      opendata import-plan decision.txt --out datapackage --format json
    """
    from opendata.messages import IMPORT_UI, counted
    from opendata.package import EditedByHand, OtherPackage, import_plan
    from opendata.plan_import import SourceError
    from opendata.text import encoding_name

    ui = IMPORT_UI[lang]
    if not source.is_file():
        _refuse("SourceMissing", ui["missing"].format(source=source), output_format, 2)
    try:
        plan = import_plan(source, out_dir, force=force)
    except SourceError as error:
        kind_words = ui["document_kinds"].get(error.params.get("kind", ""), "")
        reason = ui["errors"][error.code].format(**error.params, kind_words=kind_words)
        _refuse("SourceError", ui["cannot"].format(source=source, reason=reason), output_format, 2)
    except OtherPackage as error:
        _refuse("OtherPackage", _other_package(error, out_dir, ui), output_format, 2)
    except EditedByHand as error:
        files = ", ".join(str(out_dir / path) for path in error.paths)
        _refuse(
            "EditedByHand", ui["edited" if error.known else "unknown"].format(files=files), output_format, 2
        )
    if plan.source_encoding != "utf-8":
        err.print(
            ui["read_as"].format(source=source, encoding=encoding_name(plan.source_encoding)), markup=False
        )
    roles = sum(len(t.leaders) + len(t.executors) for t in plan.tasks)
    counts = {
        "campaigns": len(plan.campaigns),
        "tasks": len(plan.tasks),
        "people": len(plan.people),
        "roles": roles,
    }
    unplaced = sorted(plan.unplaced, key=lambda line: line.line_number)
    from opendata.validate import validate

    errors = len(validate(out_dir).errors)
    if output_format == "json":
        lines = [
            {"line": line.line_number, "text": line.text, "reason": line.reason, "task": line.task}
            for line in unplaced
        ]
        notes = [{"note": note.code, **note.params} for note in plan.notes]
        ok = not (unplaced or errors)
        print_json(
            {
                "ok": ok,
                "out_dir": str(out_dir),
                **counts,
                "unplaced": lines,
                "notes": notes,
                "errors_after_import": errors,
            }
        )
        sys.exit(0 if ok else 1)
    shown = out_dir.resolve() if out_dir == Path(".") else out_dir  # «.: 5 кампаній» says little
    out.print(
        ui["summary"].format(out=shown, **{noun: counted(n, lang, noun) for noun, n in counts.items()}),
        markup=False,
    )
    for note in plan.notes:  # said, and no reason for exit 1: nothing was lost
        field = note.params.get("field", "")
        what, effect = ui["fields"].get(field, ""), ui["effects"].get(field, "")
        err.print(ui["notes"][note.code].format(**note.params, what=what, effect=effect), markup=False)
    for line in unplaced:
        reason = ui["reasons"][line.reason].format(task=line.task)
        err.print(
            ui["unplaced_line"].format(line=line.line_number, reason=reason, text=line.text), markup=False
        )
    if unplaced:
        err.print(ui["unplaced"].format(lines=counted(len(unplaced), lang, "lines")), markup=False)
    if errors:  # fields not in the text, or records of a task or person the new plan no longer has
        cause = ui["invalid_causes"]["fields" if any(n.leaves_an_error for n in plan.notes) else "reports"]
        err.print(
            ui["invalid"].format(
                count=number(errors, lang), command=_validate_command(out_dir, lang), cause=cause
            ),
            markup=False,
        )
    if unplaced or errors:
        sys.exit(1)


def _other_package(error, out_dir: Path, ui: dict) -> str:
    """Why the folder's package is another plan: its name, or (one name) its period."""
    from opendata.quarters import period_label

    if error.held_period is None:
        return ui["other_package"].format(out=out_dir, held=error.held, name=error.name)
    periods = {"held_period": period_label(*error.held_period), "period": period_label(*error.period)}
    return ui["other_plan"].format(out=out_dir, held=error.held, **periods)


@main.command("validate")
@click.argument("path", default=_default_package, type=click.Path())  # str: a Path makes «https://» «https:/»
@click.option(
    "--schema",
    type=click.Path(),
    help="Table Schema (JSON) for a single table file given as PATH.",
)
@click.option(
    "--sheet",
    metavar="NAME",
    help="The sheet of a workbook (.xlsx) given as PATH to check (default: the one named as the "
    "--schema file, else the first).",
)
@click.option(
    "--limit-errors",
    type=click.IntRange(min=0),
    metavar="N",
    default=0,
    show_default=True,
    help="List at most the first N errors of a table (0 = all of them).",
)
@click.option(
    "--allow-remote",
    is_flag=True,
    help="Follow resource paths that are http(s) URLs (refused by default).",
)
@click.option(
    "--show",
    type=click.IntRange(min=0),
    metavar="N",
    default=SHOWN_PER_FILE,
    show_default=True,
    help="Text output: print the first N problems of each file in full and count the rest "
    "by field and kind (0 = print every one).",
)
@FORMAT_OPTION
@LANG_OPTION
def validate_command(
    path: str,
    schema: str | None,
    sheet: str | None,
    limit_errors: int,
    allow_remote: bool,
    show: int,
    output_format: str,
    lang: str,
) -> None:
    """Check a data package, a resource or a table against its schema and the plan's rules.

    PATH is a package folder (default: datapackage/, or the current folder if it
    holds a datapackage.json), a datapackage.json, a resource descriptor
    (resource.json), or a CSV file: a table of the package beside it is checked
    with the package's schema for it, any other with --schema.

    \b
    What is checked:
      - files: present, not empty, UTF-8 (windows-1251 is named, never read as mojibake);
      - structure: header, blank/duplicate labels, extra or missing cells, blank rows;
      - schema: types, required, unique, enum, pattern, min/max, primary and foreign keys;
      - the plan: each task has a leader and an executor, report dates inside the plan
        period and their quarter, http(s) evidence links; a number printed twice is a warning.
    Where the value meant is clear («15.06.2021», «1 200», a name for a person's id),
    the fix names it.

    \b
    Exit codes: 0 valid, 1 errors found, 2 nothing could be read.
    \b
    Examples:
      opendata validate
      opendata validate datapackage --lang en --format json
      opendata validate budget.csv --schema budget.schema.json --limit-errors 100
      opendata validate plan.xlsx --sheet tasks --schema datapackage/schemas/tasks.json
    """
    # Frictionless, Pydantic and Polars leave ~40,000 objects for the collector to track,
    # all as long-lived as the process: it ran ~100 times while they loaded, and walked
    # them again at every full collection after (0.06-0.08 s of CPU the scan needs)
    with collector.paused():
        from opendata.engine import head_start  # the scan starts while Frictionless loads

        if schema is not None:
            head_start.begin(Path(path), Path(schema))
        elif path.lower().endswith(".json") and Path(path).is_file():
            head_start.begin_for_descriptor(Path(path))
        from opendata.validate import validate

        gc.freeze()  # what they built: no collection will look at it again

    with _progress(output_format, _Count(lang, "rows"), _Rate(lang, "rows")) as on_progress:
        report = validate(
            path,
            schema=schema,
            sheet=sheet,
            limit_errors=limit_errors,
            allow_remote=allow_remote,
            on_progress=on_progress,
        )
    if output_format == "json":
        print_json({"ok": report.valid, **report.to_dict(lang, lazy=True)})
    else:
        again = _validate_again(path, schema, sheet, limit_errors, allow_remote, lang)
        print_report(report, lang, show=show, again=again)
    sys.exit(report.exit_code)


def _quoted(path: object) -> str:
    """A path as a command the user may copy and run: quoted where it has a space."""
    return shlex.quote(str(path))


def _validate_again(
    path: str, schema: str | None, sheet: str | None, limit_errors: int, allow_remote: bool, lang: str
) -> str:
    """The person's own `opendata validate` command, for the hint to show every problem:
    the same path, schema, limit and language, quoted as a shell takes them (a bare
    `opendata validate` checks datapackage/, not the table just checked)."""
    context = click.get_current_context()
    given = context.get_parameter_source
    words = ["opendata", "validate"]
    if given("path") is not click.core.ParameterSource.DEFAULT:
        words.append(str(path))
    if schema is not None:
        words += ["--schema", str(schema)]
    if sheet is not None:
        words += ["--sheet", sheet]
    if limit_errors:
        words += ["--limit-errors", str(limit_errors)]
    if allow_remote:
        words.append("--allow-remote")
    return shlex.join([*words, *_lang_words(lang)])


def _validate_command(path: Path, lang: str) -> str:
    """`opendata validate PATH`, the command a refusal names for the details, in the
    person's language: an English run's hint without it answered in Ukrainian."""
    return shlex.join(["opendata", "validate", str(path), *_lang_words(lang)])


def _lang_words(lang: str) -> list[str]:
    """``--lang LANG`` for a command the person is told to run, where she gave it on the
    command line, after the command or before it (`opendata --lang en validate …`); a
    language from OPENDATA_LANG needs no words."""
    context = click.get_current_context()
    given = context.get_parameter_source("lang") is click.core.ParameterSource.COMMANDLINE
    return ["--lang", lang] if given or "lang_given" in context.meta else []


class _progress:
    """Progress bars on stderr, one per named stage or table, shown only on a terminal.

    Used as `with _progress(...) as on_progress:`; `on_progress(name, done, total=None)`
    is None when no bar is shown, so the library skips the bookkeeping.  `counters`
    write a bar's text columns (`_Count`, `_Rate`).
    """

    def __init__(self, output_format: str, *counters: Callable[[Task], str], labels=None, show=True):
        # a real terminal: FORCE_COLOR (set by many CI systems) makes Rich take a log file
        # for one, and the bar's redrawing filled it with escape codes
        self.enabled = show and output_format == "text" and err.is_terminal and sys.stderr.isatty()
        self.labels = labels or {}
        self.bar = _rich_progress(counters) if self.enabled else None
        self.tasks: dict[str, int] = {}

    def __enter__(self):
        if self.bar is None:
            return None
        self.bar.__enter__()
        return self.update

    def update(self, name: str, done: int, total: int | None = None) -> None:
        if name not in self.tasks:
            for task in self.tasks.values():  # the tables before it are read: their time stops
                self.bar.stop_task(task)
            self.tasks[name] = self.bar.add_task(self.labels.get(name, name), total=total)
            # its rows so far were read before its bar started: no rate from them alone
            self.bar.update(self.tasks[name], completed=done, total=total)
            return
        # when it last advanced: its rate holds from there while the table's keys are checked
        self.bar.update(self.tasks[name], completed=done, total=total, advanced_at=self.bar.get_time())

    def __exit__(self, *exc):
        return None if self.bar is None else self.bar.__exit__(*exc)


def _rich_progress(counters) -> Progress:
    """Rich's progress bar, imported only when one is shown."""
    from rich.progress import BarColumn, Progress, ProgressColumn, TextColumn, TimeElapsedColumn
    from rich.text import Text

    class TextOf(ProgressColumn):
        def __init__(self, text_of: Callable[[Task], str]) -> None:
            super().__init__()
            self.text_of = text_of

        def render(self, task: Task) -> Text:
            return Text(self.text_of(task))

    texts = [TextOf(counter) for counter in counters]
    columns = [TextColumn("{task.description}"), BarColumn(), *texts, TimeElapsedColumn()]
    return Progress(*columns, console=err.rich, transient=True)


def print_report(
    report: ValidationReport, lang: str, show: int = SHOWN_PER_FILE, again: str = "opendata validate"
) -> None:
    """Problems grouped by file, each with its row, field, message and fix.

    Beyond the first `show` of a file (0: no limit) the rest are counted by field and
    kind, each with its first occurrence as the example; ``again`` is the command that
    printed them, which the hint to show every one repeats."""
    ui = UI[lang]
    with _Lines(out) as line:
        if not report.readable:
            problem = report.problems[0]
            message, fix = problem.render(lang, short=True)
            line((ui["unreadable"], "bold red"))
            line(message)
            line((f"  {ui['fix']}: {fix}", "dim"))
            return
        cut = _print_by_file(report.problems, lang, show, line)
        for table in report.tables:
            notes = []  # which engine ran is said only where it is not the fast one (JSON: "engine")
            if table.engine != "fast":
                why = fallback_reason(table.fallback_reason, lang) if table.fallback_reason else ""
                notes.append(ui["engine_reference"] + (ui["because"] + why if why else ""))
            if table.stopped_at:
                notes.append(ui["stopped"].format(errors=counted(table.stopped_at, lang, "errors")))
            rows = counted(table.rows or 0, lang, "rows")
            note = f" ({'; '.join(notes)})" if notes else ""
            line((f"{ui['checked']} {table.path}: {rows}{note}", "dim"))
        if cut:
            line((ui["shown"].format(show=number(show, lang), command=again), "dim"))
        verdict = (ui["valid"], "green") if report.valid else (ui["invalid"], "red")
        limited = any(table.stopped_at for table in report.tables)
        # not all of them: say so where they are counted
        counts = f" {_errors_and_warnings(len(report.errors), len(report.warnings), lang)}"
        line(verdict, counts, f" {ui['limited']}." if limited else ".", style="bold")


def _print_by_file(problems: Iterable[Problem], lang: str, show: int, line: _Lines) -> bool:
    """Problems grouped by file, a heading with its counts over each group; whether some
    file had more than ``show`` (the rest tallied)."""
    files: dict[str, _FileProblems] = {}
    for problem in problems:  # one pass: a table's problems are made as they are read
        path = problem.path or problem.resource or ""
        found = files.get(path)
        if found is None:
            found = files[path] = _FileProblems(show)
        found.add(problem)
    cut = False
    for path, found in files.items():
        counts = f"  ({_errors_and_warnings(found.errors, found.warnings, lang)})"
        line(path or "—", (counts, "dim"), style="bold")
        for problem in found.shown:
            line(*_problem_line(problem, lang))
        if found.rest:
            cut = True
            line((UI[lang]["more"].format(count=number(found.rest, lang)), "bold"))
            for count, example in found.tally():
                line(*_problem_line(example, lang, count=count))
        line()
    return cut


def _print_warnings(package: ValidPackage, lang: str, console: _Console) -> None:
    """The package's warnings, as `validate` prints them, before a command goes on with it:
    a workbook newer than its table is built and published without the officer's new rows.
    Those that ask for nothing (`NOTHING_TO_FIX`: Kolomyia's number 1.8 printed twice) are
    left to `validate` and the JSON, not repeated at every run."""
    from opendata.plan_rules import NOTHING_TO_FIX

    to_fix = [problem for problem in package.warnings if problem.code not in NOTHING_TO_FIX]
    with _Lines(console) as line:
        if _print_by_file(to_fix, lang, SHOWN_PER_FILE, line):
            command = _validate_command(package.folder, lang)
            line((UI[lang]["shown"].format(show=number(SHOWN_PER_FILE, lang), command=command), "dim"))


class _Lines:
    """The lines of a text report, each given as parts of text, some with a Rich style:
    printed by Rich, in colour, on a terminal; else the same text, plain, written a few
    thousand lines at a time.  A Rich Text and a print per line took ~100 µs: `validate
    --show 0` of 2.5 million errors took 766 s into a file or a pipe."""

    CHUNK_LINES = 5_000

    def __init__(self, console: _Console) -> None:
        self.console = console
        self.plain = not console.is_terminal
        self.pending: list[str] = []

    def __enter__(self) -> _Lines:
        return self

    def __exit__(self, *exc) -> None:
        self.flush()

    def __call__(self, *parts: str | tuple[str, str], style: str = "") -> None:
        if not self.plain:
            from rich.text import Text

            from opendata.problems import without_controls

            shown = (
                without_controls(p) if isinstance(p, str) else (without_controls(p[0]), p[1]) for p in parts
            )
            self.console.print(Text.assemble(*shown, style=style))
            return
        text = "".join(part if isinstance(part, str) else part[0] for part in parts)
        self.pending.append(_as_rich_prints(text))
        if len(self.pending) >= self.CHUNK_LINES:
            self.flush()

    def flush(self) -> None:
        if self.pending:
            self.console.file.write("\n".join(self.pending) + "\n")
            self.pending.clear()


def _as_rich_prints(text: str) -> str:
    """TEXT as Rich prints it without a terminal: control characters as symbols (`without_controls`),
    tabs expanded (to its columns, which count a wide letter twice)."""
    from opendata.problems import without_controls

    text = without_controls(text)
    if "\t" not in text:
        return text
    from rich.text import Text

    expanded = Text(text)
    expanded.expand_tabs(8)
    return expanded.plain


def _warnings_json(package: ValidPackage, lang: str) -> dict:
    """``"warnings"`` of a command's JSON: the package's, as `validate --format json` gives them."""
    return {"warnings": [problem.to_dict(lang) for problem in package.warnings]}


def _errors_and_warnings(errors: int, warnings: int, lang: str) -> str:
    return f"{counted(errors, lang, 'errors')}, {counted(warnings, lang, 'warnings')}"


class _FileProblems:
    """One file's problems for the text report: counts, the first `show` in full
    (0: all) and the rest tallied by field and kind, each with its first occurrence."""

    def __init__(self, show: int) -> None:
        self.show = show
        self.errors = self.warnings = self.rest = 0
        self.shown: list = []
        self.counts: Counter[tuple] = Counter()
        self.first: dict[tuple, object] = {}

    def add(self, problem) -> None:
        if problem.severity == "error":
            self.errors += 1
        else:
            self.warnings += 1
        if not self.show or len(self.shown) < self.show:
            self.shown.append(problem)
            return
        self.rest += 1
        key = (problem.field, problem.kind)
        self.counts[key] += 1
        self.first.setdefault(key, problem)

    def tally(self) -> list[tuple[int, object]]:
        """(how many, the first) per field and kind, the most frequent first."""
        return [(count, self.first[key]) for key, count in self.counts.most_common()]


def _problem_line(problem, lang: str, count: int | None = None) -> list[str | tuple[str, str]]:
    """One problem's line, as parts for `_Lines`: where, message and fix; with `count`,
    a tally line (no fix)."""
    ui = UI[lang]
    message, fix = problem.render(lang, short=True)
    where = []
    if problem.row is not None:
        row = f"{ui['row']} {problem.row}"
        if problem.part is not None:  # a multipart table's: the row in its part too
            row += f" ({ui['row_in_part'].format(**problem.part._asdict())})"
        where.append(row)
    elif problem.code.endswith("-label") or problem.code.startswith("column-"):
        where.append(ui["header"])
    if problem.field:
        where.append(f"{ui['field']} «{problem.field}»")
    style = "red" if problem.severity == "error" else "yellow"
    parts: list[str | tuple[str, str]] = ["  "]
    if count is not None:
        parts.append((f"{number(count, lang):>9} × ", style))
    else:
        parts.append(("✗ " if problem.severity == "error" else "! ", style))
    if where:
        parts.append((", ".join(where) + ": ", "bold"))
    parts.append(message)
    if count is None:
        parts.append((f"\n      {ui['fix']}: {fix}", "dim"))
    return parts


# --- build and report: the downloads and the progress summary -------------------------------------


def _refuse(kind: str, message: str, output_format: str, code: int) -> NoReturn:
    """Stop a command that cannot do its work: the message on stderr, and with
    ``--format json`` the same as JSON on stdout, where a script reads."""
    if output_format == "json":
        _json_failure(kind, message)
    err.print(message, markup=False)
    sys.exit(code)


def _json_failure(kind: str, message: str) -> None:
    click.echo(json.dumps({"ok": False, "error": kind, "message": message}, ensure_ascii=False))


def _valid_package(
    path: Path,
    lang: str,
    output_format: str,
    invalid_message: Callable[[ValidationReport], str] | None = None,
) -> ValidPackage:
    """The package behind PATH, validated once (`ValidPackage`); exits 2 if unreadable or
    not a package, in the same words for every command that takes one, 1 if invalid (said
    in the command's INVALID_MESSAGE for the report, else in build's)."""
    from opendata.validate import InvalidPackage, NotAPackage, valid_package

    ui = BUILD_UI[lang]
    try:
        return valid_package(path)
    except NotAPackage:
        _refuse("NotAPackage", f"{path}: {ui['not_package']}", output_format, 2)
    except InvalidPackage as error:
        report = error.report
        if not report.readable:
            message, _ = report.problems[0].render(lang)
            if output_format == "text":
                print_report(report, lang)
                sys.exit(2)
            _refuse("Unreadable", message, output_format, 2)
        if invalid_message is not None:
            _refuse("InvalidPackage", invalid_message(report), output_format, 1)
        folder = path.parent if path.name == "datapackage.json" else path
        message = ui["invalid"].format(command=_validate_command(folder, lang))
        _refuse("InvalidPackage", f"{folder}: {message}", output_format, 1)


@main.command("build")
@click.argument("path", default=_default_package, type=click.Path(path_type=Path))
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default="dist",
    show_default=True,
    help="Folder to write the downloads into.",
)
@click.option(
    "--publisher",
    "publisher_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Publisher file: JSON with facts the package lacks for the national exports "
    "(executant_id, publisher_id, program_url, legal_act_url, reports_url, dataset_url, "
    "contact_name, contact_email); a sample with every key: examples/publisher.sample.json.",
)
@FORMAT_OPTION
@LANG_OPTION
def build_command(
    path: Path, out_dir: Path, publisher_file: Path | None, output_format: str, lang: str
) -> None:
    """Write everything analysts download from a valid data package.

    \b
    Into --out (default dist/):
      csv/*.csv, csv-excel/*.csv (BOM, ";"), json/*.json  every table;
      plan.json            the whole plan nested: campaigns → tasks → people, reports;
      NAME.xlsx            a sheet per table and a `dictionary` sheet;
      NAME.sqlite          every table in one SQLite database, with its keys;
      dictionary.md/.html  the data dictionary from the schemas;
      national/*.csv       Appendix 62 (programme, reports) and Appendix 7 (register row);
      index.html           the plan page (static, offline);
      datapackage.json     the built files with bytes and sha256; NAME.zip all of them.
    The same package gives the same bytes. The package is validated first and
    nothing is built if it has errors.

    \b
    Exit codes: 0 built, 1 the package has errors, 2 nothing could be read.
    \b
    Examples:
      opendata build
      opendata build datapackage --out dist --publisher publisher.json --format json
    """
    from rich.text import Text

    from opendata.build import OutputInUse, OutputIsPackage, build
    from opendata.national import Publisher, PublisherError

    ui = BUILD_UI[lang]
    package = _valid_package(path, lang, output_format)
    try:
        publisher = Publisher.from_file(publisher_file) if publisher_file else None
    except PublisherError as error:
        _refuse("PublisherError", error.message(lang), output_format, 2)
    try:
        result = build(package, out_dir, publisher)
    except OutputIsPackage:
        _refuse("OutputIsPackage", ui["out_is_package"].format(out=out_dir, option="--out"), output_format, 2)
    except OutputInUse:
        _refuse("OutputInUse", ui["out_in_use"].format(out=out_dir, option="--out"), output_format, 2)
    if output_format == "json":
        print_json({"ok": True, **result.to_dict(), **_warnings_json(package, lang)})
        return
    _print_warnings(package, lang, out)
    for built in result.files:
        size = f"{number(built.bytes, lang)} {UI[lang]['bytes']}"
        out.print(f"{built.path}  ({built.format}, {size})", markup=False)
    for path in result.removed:
        out.print(Text(f"- {path}: {ui['removed']}", style="yellow"))
    for gap in result.gaps:
        reason = ui[gap.reason].format(key=gap.key)
        out.print(Text(f"! {gap.path} «{gap.column}»: {ui['gap']} — {reason}", style="yellow"))
    files = counted(len(result.files), lang, "files")
    out.print(Text(f"{files} {ui['written']} {out_dir}", style="bold green"))


@main.command("report")
@click.argument("path", default=_default_package, type=click.Path(path_type=Path))
@FORMAT_OPTION
@LANG_OPTION
def report_command(path: Path, output_format: str, lang: str) -> None:
    """Show how far the plan has got, per campaign and quarter.

    For each campaign and quarter: how many of its tasks have execution records
    and how many of those are done (a record with status `done`). Every task runs
    for the whole plan period, so a campaign's tasks count as planned in each quarter.

    \b
    Exit codes: 0 shown, 1 the package has errors, 2 nothing could be read.
    \b
    Examples:
      opendata report
      opendata report datapackage --format json
    """
    from rich.table import Table

    from opendata.progress import progress
    from opendata.tables import read_package

    ui = BUILD_UI[lang]
    package = _valid_package(path, lang, output_format)
    summary = progress(read_package(package.folder))
    if output_format == "json":
        print_json({"ok": True, **summary.to_dict(), **_warnings_json(package, lang)})
        return
    _print_warnings(package, lang, err)
    out.print(summary.plan.title if lang == "uk" else summary.plan.title_en, markup=False)
    table = Table(caption=ui["legend"])
    table.add_column(ui["campaign"])
    table.add_column(ui["tasks"], justify="right")
    for period in summary.quarters:
        table.add_column(period, justify="right")
    table.add_column(ui["total"], justify="right")
    for campaign in summary.campaigns:
        title = campaign.title_uk if lang == "uk" else campaign.title_en or campaign.title_uk  # untranslated
        table.add_row(
            f"{campaign.campaign_id}. {title}",
            str(campaign.tasks),
            *(f"{q.reported} / {q.done}" for q in campaign.quarters),
            f"{campaign.reported} / {campaign.done}",
        )
    out.print(table)
    if not summary.reports:
        out.print(ui["no_reports"])
    counts = {
        "tasks": counted(summary.tasks, lang, "tasks_after_from"),
        "reported": number(summary.reported, lang),
        "done": number(summary.done, lang),
        "reports": counted(summary.reports, lang, "execution_records"),
    }
    out.print(ui["summary"].format(**counts))


# --- publish and pull: the CKAN portal (opendata.publish, opendata.pull) ----------------------

CONFIG_OPTION = click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="TOML file with [portal] url and token (default: ~/.config/opendata/config.toml).",
)
PORTAL_OPTION = click.option(
    "--portal",
    metavar="URL",
    help="CKAN portal (default: $OPENDATA_PORTAL, else url from the config file, else the local test "
    f"portal {LOCAL_PORTAL}).",
)
TIMEOUT_OPTION = click.option(
    "--timeout", type=click.FloatRange(min=1), default=30, show_default=True, help="Seconds per request."
)


def _portal_client(
    portal: str | None, config_path: Path | None, timeout: float, lang: str, quiet: bool, output_format: str
):
    """The client for the chosen portal; says plainly when it is the local test portal."""
    from opendata.ckan_client import CkanClient
    from opendata.messages import PUBLISH_UI

    url, config = _portal_settings(portal, config_path, lang, output_format)
    url = url or LOCAL_PORTAL
    if url == LOCAL_PORTAL and not quiet:
        err.print(PUBLISH_UI[lang]["local_portal"].format(url=url), style="yellow", markup=False)
    _say_withheld(config, url, lang)
    click.get_current_context().meta["token_words"] = _token_words(config, lang)  # for `_portal_failure`
    return CkanClient(url, config.token, timeout=timeout, withheld=config.withheld), url == LOCAL_PORTAL


def _say_withheld(config, url: str, lang: str) -> None:
    """Warn that the config file's token was kept from URL, another portal than the file's."""
    if config.withheld is not None:
        err.print(_withheld_words(config.withheld, url, lang), style="yellow", markup=False)


def _withheld_words(withheld, url: str, lang: str) -> str:
    """Why the config file's token was not sent to URL, and how to give one for it."""
    from opendata.messages import PUBLISH_UI

    words = PUBLISH_UI[lang]["token_withheld"]
    key = "other_portal" if withheld.url else "no_url"
    return words[key].format(file=_quoted(withheld.file), url=withheld.url, portal=url)


def _token_words(config, lang: str) -> str:
    """Where the token was taken from, for a refusal of it (a stale variable hides a good file,
    the config file's token is another portal's)."""
    from opendata.messages import PUBLISH_UI

    words = PUBLISH_UI[lang]["token_source"]
    if config.withheld is not None:
        return words["withheld"].format(file=_quoted(config.withheld.file))
    if config.token_source is None:
        return words["none"]
    if config.overrides:
        return words["overrides"].format(source=config.token_source, file=config.overrides)
    return words["source"].format(source=config.token_source)


def _portal_settings(portal: str | None, config_path: Path | None, lang: str, output_format: str):
    """The portal's checked address (None when none is set anywhere) and the config: every
    command takes them in the one order of `opendata.config.load_config`."""
    config = _portal_config(config_path, portal, lang, output_format)
    if config.url is None:
        return None, config
    return _checked_portal_url(config.url, config.url_source, lang, output_format), config


def _portal_config(config_path: Path | None, portal: str | None, lang: str, output_format: str):
    """The config (portal address, API token), or exit 2 naming the file it could not read
    or the token's source; warns of a token file others may read, never saying the token."""
    from opendata.config import ConfigError, load_config
    from opendata.messages import PUBLISH_UI

    try:
        config = load_config(config_path, portal)
    except ConfigError as error:
        _failed(error, output_format, lang, 2)
    if config.exposed:  # the README asks for chmod 600: say so, never what the token is
        err.print(
            PUBLISH_UI[lang]["config_exposed"].format(path=_quoted(config.exposed)),
            style="yellow",
            markup=False,
        )
    return config


# `config.address_problem` → the JSON failure's name and the message's key in PUBLISH_UI
ADDRESS_REFUSALS = {
    "characters": ("BadPortalUrl", "portal_url_characters"),
    "password": ("PortalUrlWithPassword", "portal_url_password"),
    "user": ("PortalUrlWithUser", "portal_url_user"),
    "host": ("BadPortalUrl", "portal_url_host"),
}


def _checked_portal_url(given: str, source: str | None, lang: str, output_format: str) -> str:
    """The portal's root address, or a refusal naming SOURCE (the option, variable or config
    file to correct) when GIVEN is no http(s) address or one the token could leave by: a
    password (shown with every URL printed), a user name, a backslash or a space (read as
    another host than shown), a malformed host or port."""
    from opendata.config import address_problem
    from opendata.messages import PUBLISH_UI

    ui = PUBLISH_UI[lang]
    problem = address_problem(given)
    if problem is not None:
        kind, key = ADDRESS_REFUSALS[problem]
        _refuse(kind, ui[key].format(source=source, url=given.strip()), output_format, 2)
    url = portal_root(given)
    if url is None:
        _refuse("BadPortalUrl", ui["bad_portal_url"].format(url=given, source=source), output_format, 2)
    return url


def _portal_failure(error: Exception, output_format: str, lang: str) -> None:
    """Print a portal or package error (never the token: the client scrubs it) and exit."""
    from opendata.ckan_client import NotAuthorised, NotFound
    from opendata.pull import DatasetNotReadable

    code = 2 if isinstance(error, NotFound) else getattr(error, "exit_code", 1)
    if type(error) in (NotAuthorised, DatasetNotReadable):  # the token refused: say which one it was
        _failed(error, output_format, lang, code, click.get_current_context().meta.get("token_words"))
    _failed(error, output_format, lang, code)


def _failed(error: Exception, output_format: str, lang: str, code: int, note: str | None = None) -> NoReturn:
    """Stop on an error of the portal, a file or the system: in the user's language on
    stderr (`_print_failure`, then NOTE), and its own words in JSON for a script, with
    the kind the text names (the portal client's, under the audit's ``PortalUnreadable``)."""
    if output_format == "json":
        _json_failure(type(_failure_subject(error)).__name__, str(error))
    _print_failure(error, lang)
    if note:
        err.print(note, markup=False)
    sys.exit(code)


def _failure_subject(error: BaseException) -> BaseException:
    """The failure a person and a script are told of: the portal client's, when the
    error was raised from one (the audit's ``PortalUnreadable``), else the error itself."""
    from opendata.ckan_client import PortalError

    return error.__cause__ if isinstance(error.__cause__, PortalError) else error


def _print_failure(error: BaseException, lang: str) -> None:
    """What went wrong, in the user's language, then the details in the words of the
    portal, the file or the system (``messages.FAILURES``, by the exception's class, or
    by the portal client's when it was raised from one: the audit's ``PortalUnreadable``)."""
    from opendata.messages import FAILURES

    ui = FAILURES[lang]
    subject = _failure_subject(error)
    kind = next((k.__name__ for k in type(subject).__mro__ if k.__name__ in ui), None)
    if kind is not None:  # a message of its own, with what the error knows (the file, say)
        err.print(ui[kind].format_map(getattr(subject, "params", {})), markup=False)
    err.print(_failure_detail(error, ui), markup=False)


def _failure_detail(error: BaseException, ui: dict) -> str:
    """Why, and the fix: in the user's language where the words are this tool's own (the
    ``reason`` of the error or of the portal error it was raised from, ``failure.OwnWords``),
    else the portal's, the file's or the system's words as they are."""
    told = next((e for e in (error, error.__cause__) if getattr(e, "reason", None)), None)
    if told is not None:
        return ui["reasons"][told.reason].format_map(told.params)
    return f"{ui['detail']}: {error}"


@main.command("publish")
@click.argument("path", default=_default_package, type=click.Path(path_type=Path))
@PORTAL_OPTION
@click.option(
    "--org",
    help="CKAN organisation of the dataset (default for Kolomyia's plan: kolomyia-city-council; "
    "another council's plan must name its own).",
)
@click.option("--dataset", "dataset_name", help="Dataset name on the portal (default: the package's name).")
@click.option("--create-org", is_flag=True, help="Create the organisation if it is missing.")
@click.option("--dry-run", is_flag=True, help="Show what would be created or updated; change nothing.")
@click.option("--prune", is_flag=True, help="Delete the dataset's resources that the package does not have.")
@click.option(
    "--force",
    is_flag=True,
    help="Upload every file again and reload the DataStore, even where the portal's stored hash matches.",
)
@click.option(
    "--replace-portal-rows",
    is_flag=True,
    help="Replace a table on the portal even where it has rows the package's file lacks (a colleague's, "
    "published from another computer), deleting them; without it publish refuses and names them.",
)
@click.option(
    "--maintainer",
    help="Responsible person (default: the portal's; for a new dataset, the head of the communication and IT "
    "department).",
)
@click.option("--maintainer-email", help="Responsible person's e-mail, shown on the portal.")
@click.option(
    "--update-frequency",
    help="Passport: how often (default: the portal's, for a new dataset «щокварталу»).",
)
@click.option(
    "--purpose",
    help="Passport: purpose of collection (purpose_of_collecting_information; default: the portal's, "
    "else the standard one).",
)
@click.option(
    "--build-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Keep the built downloads here (default: a temporary folder). Same files as `opendata build`.",
)
@CONFIG_OPTION
@TIMEOUT_OPTION
@FORMAT_OPTION
@LANG_OPTION
def publish_command(
    path: Path,
    portal: str | None,
    org: str | None,
    dataset_name: str | None,
    create_org: bool,
    dry_run: bool,
    prune: bool,
    force: bool,
    replace_portal_rows: bool,
    maintainer: str | None,
    maintainer_email: str | None,
    update_frequency: str | None,
    purpose: str | None,
    build_dir: Path | None,
    config_path: Path | None,
    timeout: float,
    output_format: str,
    lang: str,
) -> None:
    """Publish the package to a CKAN portal: one dataset, one resource per file, DataStore tables.

    The files are those `opendata build` makes for analysts: each table as CSV
    (with its Table Schema, and loaded into the DataStore), the XLSX workbook, the
    SQLite database, plan.json, the data dictionary, the plan page and the zip, plus
    datapackage.json.

    The package is validated first and refused if it has errors. Publishing is
    safe to rerun: files whose content hash matches the portal are not sent
    again, a changed table is re-uploaded and its DataStore rows upserted, and
    a run cut short is finished by the next one. Resources on the portal that
    the package does not have are left alone unless --prune.

    The API token comes from CKAN_API_TOKEN or the config file
    ([portal] token = ...), never from the command line.

    \b
    Exit codes: 0 done, 1 invalid package or some resources failed (run again
    to finish; a table the DataStore refuses as it is, such as a column name it
    does not take, is named with its file and field or row, to fix first; so is
    a resource's value the portal's schema refuses, with its field and the
    portal's words), 2 portal unreachable, bad or missing token, not authorised,
    no such organisation, a dataset of that name not ours, or rows on the
    portal that the package lacks (named, with --replace-portal-rows to delete
    them), 130 interrupted with Ctrl-C (run again to finish).
    \b
    Examples:
      opendata publish --dry-run
      CKAN_API_TOKEN=... opendata publish datapackage --portal https://data.example.gov.ua --org my-city
      opendata publish --format json --maintainer-email opendata@example.org
    """
    from opendata.build import OutputInUse, OutputIsPackage
    from opendata.ckan_client import PortalError
    from opendata.messages import PUBLISH_UI
    from opendata.national import FREQUENCY_DAYS, OFFICIAL_FREQUENCIES
    from opendata.publish import (
        PackageError,
        Passport,
        ensure_organization,
        plan_publish,
        publish,
        publish_refusal,
        rows_refusal,
    )

    ui = PUBLISH_UI[lang]
    # not an official frequency: the audit would call it an error
    if update_frequency and update_frequency.strip().lower() not in FREQUENCY_DAYS:
        refusal = ui["bad_frequency"].format(value=update_frequency, allowed=OFFICIAL_FREQUENCIES)
        _refuse("BadUpdateFrequency", refusal, output_format, 2)
    package = _publishable_package(path, lang, output_format)
    org = org or _default_organisation(package.folder, ui, output_format)
    client, local = _portal_client(
        portal, config_path, timeout, lang, quiet=False, output_format=output_format
    )
    passport = Passport(
        name=dataset_name,
        maintainer=maintainer,
        maintainer_email=maintainer_email,
        update_frequency=update_frequency,
        purpose=purpose,
    )
    try:
        organisation = ensure_organization(client, org, create=create_org, dry_run=dry_run)
        _say_organisation(organisation, dry_run, ui)
        org = organisation.name
        plan = plan_publish(
            package,
            client,
            org,
            passport,
            prune=prune,
            force=force,
            replace_rows=replace_portal_rows,
            build_dir=build_dir,
        )
        if (losing := rows_refusal(plan)) is not None:
            _refuse_losing_rows(plan, losing, package, dry_run, local, output_format, lang)
        if dry_run:
            result = None
            # the plan holds, the publish would not
            if not organisation.created and (refusal := publish_refusal(client, org)) is not None:
                plan.notes.append(refusal)
        else:
            with _upload_progress(plan, output_format, ui, lang) as on_upload:
                result = publish(plan, client, on_upload=on_upload)
    except (PortalError, PackageError) as error:
        _portal_failure(error, output_format, lang)
    except OutputIsPackage:
        refusal = BUILD_UI[lang]["out_is_package"].format(out=build_dir, option="--build-dir")
        _refuse("OutputIsPackage", refusal, output_format, 2)
    except OutputInUse:
        refusal = BUILD_UI[lang]["out_in_use"].format(out=build_dir, option="--build-dir")
        _refuse("OutputInUse", refusal, output_format, 2)
    if output_format == "json":
        data = {"ok": True, **plan.to_dict()} if result is None else result.to_dict()  # a dry run did its job
        print_json({**data, "dry_run": dry_run, "local_test_portal": local, **_warnings_json(package, lang)})
    else:
        _print_planned(plan, package, ui, lang, result)
        if result is None:
            out.print(ui["dry_run"], markup=False)
        else:
            _print_result(result, ui, lang)
    sys.exit(0 if result is None or result.ok else 1)


def _print_planned(plan, package: ValidPackage, ui: dict, lang: str, result=None) -> None:
    """The package's warnings, the plan (or, with ``result``, what was done) and its notes."""
    _print_warnings(package, lang, err)
    _print_plan(plan, ui, lang, result)
    for note in plan.notes:
        words = ui["notes"][note].format(maintainer=plan.dataset["maintainer"])
        err.print(f"{ui['note']}: {words}", style="yellow", markup=False)


def _refuse_losing_rows(
    plan, refusal, package: ValidPackage, dry_run: bool, local: bool, output_format: str, lang: str
) -> NoReturn:
    """Stop before anything is sent: the plan shows each table's rows that the portal has and
    the package lacks; then what to do (pull them, or --replace-portal-rows). Exit 2."""
    from opendata.messages import PUBLISH_UI

    if output_format == "json":
        failure = {"ok": False, "error": type(refusal).__name__, "message": str(refusal)}
        print_json(
            {**failure, **plan.to_dict(), "dry_run": dry_run, "local_test_portal": local}
            | _warnings_json(package, lang)
        )
        sys.exit(2)
    ui = PUBLISH_UI[lang]
    _print_planned(plan, package, ui, lang)
    lost = any(change.portal_rows.lost for change in plan.losing_rows)
    err.print(ui["rows_lost" if lost else "rows_unknown"], style="red", markup=False)
    for change in plan.losing_rows:
        file = plan.files[change.key].package_path or change.name
        err.print(f"  {file}: {_lost_rows(change.portal_rows, ui, lang)}", markup=False)
    err.print(ui["rows_lost_fix"].format(dataset=plan.dataset["name"], portal=plan.portal), markup=False)
    sys.exit(2)


def _lost_rows(rows, ui: dict, lang: str, replaced: bool = False, done: bool = False) -> str:
    """«на порталі є, а у файлі немає: 7 рядків (report_id: A, B, C, D, E і ще 2)»; or that the
    portal's copy could not be read to compare. REPLACED: --replace-portal-rows deletes them;
    DONE: after the real run, which did."""
    if rows.unread:
        return ui[
            "rows_unread_replaced_done" if done else "rows_unread_replaced" if replaced else "rows_unread"
        ]
    more = rows.lost - len(rows.lost_keys)
    keys = ", ".join(rows.lost_keys) + (ui["rows_more"].format(count=number(more, lang)) if more else "")
    words = ui["rows_replaced_done" if done else "rows_replaced" if replaced else "rows_not_in_file"]
    return words.format(count=counted(rows.lost, lang, "rows"), key="/".join(rows.key), keys=keys)


def _publishable_package(path: Path, lang: str, output_format: str) -> ValidPackage:
    """The package to publish, validated once before the portal is asked and refused as
    build refuses it, but an invalid one said to be unpublished, its errors counted."""
    from opendata.messages import PUBLISH_UI

    def invalid(report: ValidationReport) -> str:
        errors = counted(len(report.errors), lang, "errors")
        return PUBLISH_UI[lang]["invalid_package"].format(
            path=_quoted(path), errors=errors, command=_validate_command(path, lang)
        )

    return _valid_package(path, lang, output_format, invalid)


def _say_organisation(organisation, dry_run: bool, ui: dict) -> None:
    """Say how --org led to the organisation where it is not by its name: by the title typed,
    or created (to be, in a dry run) with --create-org, under the name made of the words."""
    if organisation.by_title:
        key = "org_by_title"
    elif organisation.created:
        key = ("org_to_create" if dry_run else "org_created") + (
            "_as" if organisation.name != organisation.typed else ""
        )
    else:
        return
    err.print(ui[key].format(org=organisation.typed.strip(), name=organisation.name), markup=False)


def _default_organisation(package_dir: Path, ui: dict, output_format: str) -> str:
    """The organisation when --org is not given: Kolomyia's for its plan; another
    council's plan is refused before the portal is asked, with a name to give."""
    from opendata.publish import default_organisation, suggested_organisation

    org = default_organisation(package_dir)
    if org is None:
        suggested = suggested_organisation(package_dir)
        refusal = ui["org_needed"] if suggested else ui["org_needed_unknown"]
        _refuse("OrganisationNeeded", refusal.format(suggested=suggested), output_format, 2)
    return org


class _Count:
    """A progress bar's "done/total noun", written as the language writes counts."""

    def __init__(self, lang: str, noun: str | None = None, with_total: bool = False, unit: str = ""):
        self.lang, self.noun, self.with_total, self.unit = lang, noun, with_total, unit

    def __call__(self, task: Task) -> str:
        done = int(task.completed)
        if self.with_total and task.total is not None:
            text = f"{number(done, self.lang)}/{number(int(task.total), self.lang)}"
        elif self.noun:
            text = counted(done, self.lang, self.noun)
        else:
            text = number(done, self.lang)
        return f"{text} {self.unit}".rstrip()


class _Rate:
    """How fast a bar advanced: "350 000 рядків/с", from its start to its last advance
    (``advanced_at``, `_progress.update`).

    Not Rich's estimate over the last updates: when a small table's batches arrive
    together, that showed 398 million rows a second.  Nor over the time since it
    started: once the table was read, while its keys were checked, the rate fell."""

    def __init__(self, lang: str, noun: str):
        self.lang, self.noun = lang, noun

    def __call__(self, task: Task) -> str:
        advanced_at = task.fields.get("advanced_at")
        if task.start_time is None or advanced_at is None:
            return ""
        seconds = advanced_at - task.start_time
        if not task.completed or seconds <= 0:
            return ""
        count = counted(round(task.completed / seconds), self.lang, self.noun)
        return UI[self.lang]["per_second"].format(count=count)


class _upload_progress(_progress):
    """A bytes-uploaded progress bar on stderr, shown only on a terminal."""

    def __init__(self, plan, output_format: str, ui: dict, lang: str):
        total = sum(r.bytes for r in plan.resources if r.action in ("create", "update"))
        super().__init__(output_format, _Count(lang, with_total=True, unit=UI[lang]["bytes"]), show=total > 0)
        self.task = self.bar.add_task(ui["uploading"], total=total) if self.bar else None

    def update(self, name: str, size: int) -> None:  # type: ignore[override]
        self.bar.update(self.task, advance=size, description=name)


def _print_plan(plan, ui: dict, lang: str, result=None) -> None:
    """What a dry run would do, or (``result``) what the real run did."""
    from rich.text import Text

    marks = {"create": ("+", "green"), "update": ("~", "yellow"), "delete": ("-", "red")}
    marks["failed"] = ("!", "red")
    words = ui if result is None else ui["done_actions"]
    heading = Text(f"{ui['dataset']} {plan.dataset['name']}: {words[plan.action]}", style="bold")
    if plan.reasons:
        heading.append(f" ({_reasons(plan.reasons, ui, done=result is not None)})", style="dim")
    out.print(heading)
    out.print(Text(f"  {plan.dataset_url}", style="dim"))
    for change in plan.resources:
        action = "failed" if result is not None and change.name in result.errors else change.action
        mark, style = marks.get(action, ("=", "dim"))
        line = Text(f"  {mark} {words[action]:<10} {change.name}", style=style)
        if change.reasons:
            done = result is not None and action != "failed"
            line.append(f"  ({_reasons(change.reasons, ui, done=done)})", style="dim")
        out.print(line)
        if change.portal_rows is not None and action != "failed":
            _print_portal_rows(change.portal_rows, plan.replace_rows, ui, lang, done=result is not None)


def _print_portal_rows(rows, replaced: bool, ui: dict, lang: str, done: bool = False) -> None:
    """Under a table's line of the plan: the portal's rows its update would delete and change
    (DONE: the real run's, which deleted and changed them)."""
    parts = [_lost_rows(rows, ui, lang, replaced, done)] if rows.at_risk else []
    if rows.changed:
        parts.append(
            ui["rows_changed_done" if done else "rows_changed"].format(
                count=counted(rows.changed, lang, "rows")
            )
        )
    if parts:
        style = "red" if rows.at_risk and not replaced else "dim"
        out.print("      " + "; ".join(parts), style=style, markup=False)


def _reasons(reasons: list[str], ui: dict, *, done: bool = False) -> str:
    """Why a dataset or resource changes, in the user's language; DONE words them as done,
    after a real run, where the dry run says what to do («надіслати знову»)."""
    named = {**ui["reasons"], **ui["done_reasons"]} if done else ui["reasons"]
    words = [
        named.get(reason)
        or (
            ui["changed"].format(key=ui["fields"].get(key := reason.removesuffix(" changed"), key))
            if reason.endswith(" changed")
            else reason
        )
        for reason in reasons
    ]
    return ", ".join(words)


def _print_result(result, ui: dict, lang: str) -> None:
    from rich.text import Text

    summary = result.to_dict()["summary"]
    if not result.plan.changes:
        out.print(ui["nothing"], markup=False)
    else:
        out.print(ui["done"].format(**{k: len(v) for k, v in summary.items()}), markup=False)
    if result.retries:
        out.print(Text(ui["retries"].format(count=result.retries), style="dim"))
    again = {name: error for name, error in result.errors.items() if name not in result.refused}
    if again:
        failed = counted(len(again), lang, "resources")
        err.print(ui["failed"].format(count=failed), style="red", markup=False)
        for name, error in again.items():
            err.print(f"  {name}: {error}", markup=False)
    if result.refused:
        refused = counted(len(result.refused), lang, "files")
        err.print(ui["refused"].format(count=refused), style="red", markup=False)
        for refusal in result.refused.values():
            err.print(_refusal_line(refusal, ui), markup=False)


def _refusal_line(refusal, ui: dict) -> str:
    """What the portal refuses, in its words, where (the file and the field or row of a
    DataStore table, a resource's field) and what to change."""
    from opendata.publish import DataStoreRefused

    params = refusal.params
    kind = "table" if isinstance(refusal, DataStoreRefused) else "resource"
    where = "".join(ui[f"refused_{kind}_{key}"].format(**params) for key in ("field", "row") if key in params)
    return ui[f"refused_{kind}"].format(**params, where=where)


@main.command("pull")
@click.argument("dataset")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Folder to write the data package into.",
)
@PORTAL_OPTION
@CONFIG_OPTION
@TIMEOUT_OPTION
@click.option(
    "--max-size",
    type=click.IntRange(min=1),
    default=2048,  # ckan_client.DOWNLOAD_MAX_BYTES, kept out of the import of every command
    show_default=True,
    help="Download cap per file, in MB: a bigger file is refused and nothing is written.",
)
@FORMAT_OPTION
@LANG_OPTION
def pull_command(
    dataset: str,
    out_dir: Path,
    portal: str | None,
    config_path: Path | None,
    timeout: float,
    max_size: int,
    output_format: str,
    lang: str,
) -> None:
    """Download a dataset published by `opendata publish` back into a data package.

    Writes datapackage.json, the tables, their schemas and the decision's text
    (sources/) under --out, checks each file against the hash stored at
    publishing, then validates the result.

    \b
    Exit codes: 0 pulled and valid, 1 pulled but not valid, 2 portal or dataset unusable,
    130 interrupted (Ctrl-C).
    \b
    Example:
      opendata pull kolomyia-communication-plan-2021 --out pulled/
    """
    from opendata.ckan_client import PortalError
    from opendata.messages import PUBLISH_UI
    from opendata.pull import OutputNotEmpty, pull
    from opendata.validate import validate

    ui = PUBLISH_UI[lang]
    client, _ = _portal_client(portal, config_path, timeout, lang, quiet=True, output_format=output_format)
    try:
        result = pull(client, dataset, out_dir, max_bytes=max_size << 20)
    except (PortalError, OutputNotEmpty) as error:
        _portal_failure(error, output_format, lang)
    report = validate(out_dir)
    if output_format == "json":
        print_json({"ok": True, **result.to_dict(), "valid": report.valid})
    else:
        out.print(
            ui["pulled"].format(
                count=counted(len(result.files), lang, "files"), dataset=result.dataset, out=out_dir
            ),
            markup=False,
        )
        if not report.valid:
            err.print(
                ui["pulled_invalid"].format(command=_validate_command(out_dir, lang)),
                style="red",
                markup=False,
            )
    sys.exit(0 if report.valid else 1)


# --- end of publish and pull ---------------------------------------------------------------------


# --- audit (plan tasks 5.2 and 5.3) ------------------------------------------------------


@main.command("audit")
@click.option(
    "--portal",
    metavar="URL",
    help="CKAN portal address, e.g. http://127.0.0.1:58050 (default: $OPENDATA_PORTAL, else url from the "
    "config file).",
)
@click.option(
    "--dump", type=click.Path(dir_okay=False, path_type=Path), help="Audit a `ckanapi dump` file instead."
)
@click.option("--org", help="Only this organisation's datasets (default: the whole portal).")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Folder for the report and the audit data package.",
)
@click.option("--year", type=int, help="Audit year for the titles (default: the year of --date).")
@click.option(
    "--date",
    "audit_date",
    type=click.DateTime(["%Y-%m-%d"]),
    metavar="YYYY-MM-DD",
    help="Audit date (default: today).",
)
@click.option(
    "--register",
    "register_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Dataset register (Appendix 7 of Resolution No. 835, CSV) to compare with.",
)
@click.option(
    "--compare",
    "previous_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Output folder of a previous audit: adds the year-over-year change.",
)
@click.option(
    "--links/--no-links",
    default=None,
    help="Fetch resource links (default: yes for a portal, no for a dump).",
)
@click.option(
    "--internal-links",
    is_flag=True,
    help="Fetch links to this computer and private networks too (a city's internal portal); the "
    "portal's own address is always fetched.",
)
@click.option(
    "--concurrency", type=click.IntRange(1, 64), default=8, show_default=True, help="Parallel downloads."
)
@click.option(
    "--timeout", type=click.FloatRange(min=1), default=15, show_default=True, help="Seconds per request."
)
@click.option(
    "--max-size",
    type=click.IntRange(min=1),
    default=50,
    show_default=True,
    help="Download cap per file, in MB; of a bigger file only the link and size are checked, not its data.",
)
@click.option(
    "--check-timeout",
    type=click.FloatRange(min=1),
    default=120,
    show_default=True,
    metavar="SECONDS",
    help="Time limit of each file's data check; a check over it is stopped (a workbook that unpacks to "
    "hundreds of MB, a schema's pattern that takes for ever) and named in the report.",
)
@click.option(
    "--record",
    is_flag=True,
    help="Append an execution record of the plan's audit task (the one whose title speaks of an audit of "
    "open data; Kolomyia's 5.2) to the plan's progress_reports.",
)
@click.option(
    "--task",
    "task_id",
    metavar="ID",
    help="With --record: the plan's task to record the audit under, where no single task's title speaks of "
    "an audit of open data.",
)
@click.option(
    "--plan",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_PACKAGE,
    show_default=True,
    help="The plan's data package, for --record.",
)
@click.option(
    "--evidence",
    "evidence_url",
    default="",
    help="With --record: the address where this audit's report is published (the record's evidence).",
)
@CONFIG_OPTION
@FORMAT_OPTION
@LANG_OPTION
def audit_command(
    portal,
    dump,
    org,
    out_dir,
    year,
    audit_date,
    register_file,
    previous_dir,
    links,
    internal_links,
    concurrency,
    timeout,
    max_size,
    check_timeout,
    record,
    task_id,
    plan,
    evidence_url,
    config_path,
    output_format,
    lang,
) -> None:
    """Annual audit of the portal's datasets: passport, metadata quality, stars, links, data, freshness.

    Writes into --out: report.html (for people; opens offline), report.md, and the
    results as an open-data package (datapackage.json, datasets.csv, resources.csv,
    findings.csv, recommendations.csv, with schemas) that `opendata validate` accepts.

    A portal's private datasets are audited too when an API token is set
    (CKAN_API_TOKEN or the config file, as for publish) whose user is in --org;
    without one, only the public datasets, and the report says so.

    \b
    Exit codes: 0 audited (whatever was found), 1 --record refused, 2 portal or input unreadable.
    \b
    Examples:
      opendata audit --portal http://127.0.0.1:58050 --org kolomyia-audit-demo --out audit-2026
      opendata audit --portal URL --out audit-2027 --compare audit-2026 --register register.csv
      opendata audit --dump portal.jsonl --out audit-offline --lang en --format json
    """
    from opendata.audit import PortalUnreadable, run_audit
    from opendata.audit.compare import (
        PreviousUnreadable,
        load_previous,
        not_compared_note,
        previous_organisation,
    )
    from opendata.audit.mqa import BAND_LABELS
    from opendata.audit.register import RegisterUnreadable
    from opendata.audit.report import OutputInUse as AuditOutputInUse
    from opendata.audit.report import check_output_folder, nothing_found, write_outputs

    for given, option in ((evidence_url, "--evidence"), (task_id, "--task")):
        if given and not record:
            only = {"uk": "{option} можна вказати лише з --record", "en": "{option} goes only with --record"}
            raise click.UsageError(only[lang].format(option=option))
    if portal and dump:
        raise click.UsageError(
            {
                "uk": "вкажіть щось одне: --portal URL або --dump ФАЙЛ",
                "en": "give only one of --portal URL or --dump FILE",
            }[lang]
        )
    apikey = None
    if dump is None:
        portal, config = _portal_settings(portal, config_path, lang, output_format)
        if portal is None:
            raise click.UsageError(UI[lang]["audit_what"])
        _say_withheld(config, portal, lang)
        apikey = config.token
    if previous_dir is not None and previous_dir.resolve() == out_dir.resolve():
        refusal = {
            "uk": "--out і --compare — та сама папка: новий аудит записав би себе поверх минулорічного; "
            "вкажіть для нового іншу папку",
            "en": "--out and --compare are the same folder: the new audit would be written over last "
            "year's; give the new one another folder",
        }[lang]
        _refuse("OutputIsPrevious", refusal, output_format, 2)
    try:
        check_output_folder(out_dir)  # before the crawl; write_outputs checks it again
    except AuditOutputInUse:
        _refuse("OutputInUse", _audit_folder_in_use(out_dir, lang), output_format, 2)
    if record:
        _refuse_a_plan_that_is_none(plan, task_id, lang, output_format)
    day = audit_date.date() if audit_date else None
    try:
        previous = load_previous(previous_dir) if previous_dir else None
        then = previous_organisation(previous) if previous is not None else None
        if previous is not None and then != (org or None) and then != _named(portal, org):
            _refuse_other_organisation(then, org, lang, output_format)
        with _progress(
            output_format,
            _Count(lang, with_total=True),
            labels={"crawl": UI[lang]["crawl_stage"], "links": UI[lang]["links_stage"]},
        ) as on_progress:
            audit = run_audit(
                portal=portal,
                dump=dump,
                org=org,
                audit_day=day,
                register_file=register_file,
                check_links=links if links is not None else bool(portal),
                concurrency=concurrency,
                timeout=timeout,
                size_cap=max_size << 20,
                apikey=apikey,
                internal_links=internal_links,
                check_timeout=check_timeout,
                on_progress=on_progress,
            )
    except (PortalUnreadable, RegisterUnreadable, PreviousUnreadable) as error:
        _failed(error, output_format, lang, 2)
    if year:
        audit.year = year
    audit.previous = previous
    summary = write_outputs(audit, out_dir, lang)
    note = not_compared_note((summary.get("previous") or {}).get("not_compared") or [], lang)
    if note:  # the two audits checked different things: said before the figures are read
        err.print(note, style="yellow", markup=False)
    recorded = _record_the_audit(plan, day, summary, out_dir, lang, evidence_url, task_id) if record else None
    report = (out_dir / "report.html").resolve()
    if output_format == "json":
        outcome = {"ok": not (recorded or {}).get("refused"), "out_dir": str(out_dir), "report": str(report)}
        print_json({**outcome, **summary, **({"record": recorded} if record else {})})
    else:
        line = {
            "uk": "Аудит завершено: {datasets}, {resources}, {findings} ({errors}); "
            "оцінка {score}.\nЗвіт: {report}",
            "en": "Audit done: {datasets}, {resources}, {findings} ({errors}); "
            "score {score}.\nReport: {report}",
        }[lang]
        nouns = ("datasets", "resources", "findings", "errors")
        counts = {noun: counted(summary[noun], lang, noun) for noun in nouns}
        score = UI[lang]["audit_no_score"]
        if summary["overall_score"] is not None:
            score = f"{summary['overall_score']}/405 ({BAND_LABELS[summary['overall_band']][lang]})"
        out.print(line.format(**counts, score=score, report=report), markup=False)
    if not summary["datasets"]:  # a misspelt organisation, or the wrong dump
        err.print(nothing_found(summary, lang), style="yellow", markup=False)
    if (recorded or {}).get("refused"):
        sys.exit(1)


NOT_A_PLAN = {
    "uk": {
        "message": "«{plan}» — не пакет даних плану: {why}. Вкажіть у --plan папку пакета плану "
        "(типово datapackage у поточній папці). Аудит не розпочато.",
        "missing": "такої папки немає",
        "no-descriptor": "у ній немає datapackage.json",
        "no-table": "у ньому немає таблиці {detail}, або вона не читається як CSV",
        "unreadable": "datapackage.json не читається ({detail})",
        "no-period": "у decision.csv немає періоду плану (period_start, period_end)",
        "no-columns": "у progress_reports.csv немає стовпців плану (report_id, task_id, period, report_date)",
        "unreadable-period": "«{plan}»: клітинка {field} у decision.csv — «{value}», а схема таблиці читає "
        "дати у форматі {format}, тож період плану невідомий. Запишіть дату в цьому форматі, наприклад "
        "«{example}» (або змініть формат поля {field} у схемі таблиці decision). Аудит не розпочато.",
    },
    "en": {
        "message": "«{plan}» is not the plan's data package: {why}. Give the plan's package folder in "
        "--plan (default: datapackage in the current folder). The audit was not started.",
        "missing": "there is no such folder",
        "no-descriptor": "it has no datapackage.json",
        "no-table": "it has no table {detail}, or the table cannot be read as CSV",
        "unreadable": "its datapackage.json cannot be read ({detail})",
        "no-period": "decision.csv has no plan period (period_start, period_end)",
        "no-columns": "progress_reports.csv lacks the plan's columns "
        "(report_id, task_id, period, report_date)",
        "unreadable-period": "«{plan}»: {field} in decision.csv is «{value}», but the table's schema reads "
        "dates in the format {format}, so the plan's period is not known. Write the date in that format, "
        "such as «{example}» (or change the format of the field {field} in the table decision's schema). "
        "The audit was not started.",
    },
}


NO_AUDIT_TASK = {
    "uk": {
        "none": "У плані «{plan}» немає завдання, назва якого говорить про аудит чи інвентаризацію "
        "відкритих даних, тож невідомо, під яким завданням записати аудит.",
        "several": "У плані «{plan}» про аудит відкритих даних говорять кілька завдань: {tasks}.",
        "no-such-task": "У плані «{plan}» немає завдання {task} (--task).",
        "fix": "Вкажіть завдання плану, під яким записати аудит: --task НОМЕР (task_id із tasks.csv). "
        "Аудит не розпочато.",
    },
    "en": {
        "none": "No task of the plan «{plan}» has a title that speaks of an audit or inventory of open "
        "data, so which task to record the audit under is not known.",
        "several": "Several tasks of the plan «{plan}» speak of an audit of open data: {tasks}.",
        "no-such-task": "The plan «{plan}» has no task {task} (--task).",
        "fix": "Give the plan's task to record the audit under: --task ID (a task_id of tasks.csv). "
        "The audit was not started.",
    },
}


def _refuse_a_plan_that_is_none(plan: Path, task_id: str | None, lang: str, output_format: str) -> None:
    """--record into a folder that is no plan, or a plan whose audit task is not known:
    said before the crawl, not after it."""
    from opendata.audit.record import NoAuditTask, NotAPlan, PlanPeriodUnreadable, read_plan

    try:
        read_plan(plan, task_id)
    except NotAPlan as error:
        words = NOT_A_PLAN[lang]
        reason = "missing" if not plan.exists() else error.reason
        why = words[reason].format(detail=error.detail)
        _refuse("NotAPlan", words["message"].format(plan=plan, why=why), output_format, 2)
    except PlanPeriodUnreadable as error:
        message = NOT_A_PLAN[lang]["unreadable-period"].format(plan=plan, **error.cell)
        _refuse("PlanPeriodUnreadable", message, output_format, 2)
    except NoAuditTask as error:
        words = NO_AUDIT_TASK[lang]
        kind = "no-such-task" if error.task else "several" if error.found else "none"
        tasks = "; ".join(f"{row['task_id']} «{row['title_uk']}»" for row in error.found)
        message = words[kind].format(plan=plan, task=error.task, tasks=tasks) + " " + words["fix"]
        _refuse("NoAuditTask", message, output_format, 2)


def _record_the_audit(
    plan: Path,
    day: date | None,
    summary: dict,
    out_dir: Path,
    lang: str,
    evidence_url: str | None,
    task_id: str | None,
) -> dict:
    """Add the audit's execution record to the plan, saying on stderr what was done;
    what a script reads of it: the record's id and file, or why there is none."""
    from opendata.audit.record import AlreadyRecorded, RecordRefused
    from opendata.audit.record import record as record_audit

    path = plan / "progress_reports.csv"
    try:
        row = record_audit(
            plan,
            day or date.today(),
            summary,
            out_dir / "report.html",
            lang=lang,
            evidence_url=evidence_url,
            task=task_id,
        )
    except RecordRefused as error:
        _print_failure(error, lang)
        return {"refused": str(error), "path": str(path)}
    except AlreadyRecorded as error:
        already = {
            "uk": "Аудит цього дня вже записано ({id}) у {path}: другого запису не додано.",
            "en": "This day's audit is already recorded ({id}) in {path}: no second record added.",
        }[lang]
        err.print(already.format(id=error, path=path), markup=False)
        return {"already_recorded": str(error), "path": str(path)}
    recorded = {"uk": "Записано {id} у {path}.", "en": "Recorded {id} in {path}."}[lang]
    err.print(recorded.format(id=row["report_id"], path=path), markup=False)
    return {"report_id": row["report_id"], "path": str(path)}


def _audit_folder_in_use(out_dir: Path, lang: str) -> str:
    """Why the audit is not written into --out: its datapackage.json and tables would
    replace the files of a data package's folder (or a build's) without a word."""
    refusal = {
        "uk": "--out: у папці «{out}» уже є інші файли (це не результат попереднього аудиту); аудит "
        "записав би свої datapackage.json і таблиці поверх них; вкажіть нову або порожню папку",
        "en": "--out: the folder «{out}» already holds other files (not an earlier audit's output); the "
        "audit would write its datapackage.json and tables over them; give a new or empty folder",
    }[lang]
    return refusal.format(out=out_dir)


def _named(portal: str | None, org: str | None) -> str | None:
    """The organisation's name on the portal, for ORG given by its id."""
    from opendata.audit.crawl import organisation_name

    return organisation_name(portal, org) if portal and org else org


def _refuse_other_organisation(then: str | None, now: str | None, lang: str, output_format: str) -> NoReturn:
    """A year-over-year comparison of another organisation's datasets would call every
    dataset new and every one of last year's removed."""
    named, whole = {
        "uk": ("організацію «{}»", "увесь портал"),
        "en": ("organisation «{}»", "the whole portal"),
    }[lang]
    then_text, now_text = (named.format(name) if name else whole for name in (then, now))
    refusal = {
        "uk": "--compare: минулий аудит охоплював {then}, а цей — {now}; рік до року можна порівняти "
        "лише аудити тієї самої організації (--org) чи всього порталу",
        "en": "--compare: the previous audit covered {then}, this one {now}; year over year can only "
        "compare audits of the same organisation (--org) or of the whole portal",
    }[lang]
    _refuse("PreviousOfOtherOrganisation", refusal.format(then=then_text, now=now_text), output_format, 2)


def run() -> None:
    """The console script: the command line, then a quick exit.

    At exit Python's collector walks every object that Frictionless, Polars and the
    engine built, which takes ~0.2 s after a large validation; frozen objects are
    skipped.  Nothing else changes: atexit handlers run and files are closed."""
    atexit.register(gc.freeze)
    main()


if __name__ == "__main__":
    run()
