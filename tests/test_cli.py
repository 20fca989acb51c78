"""The command line as a whole: what every command shares, through the real entry point."""

from __future__ import annotations

import io
import json
import os
import re
import shlex
import subprocess
import sys
import time

import click
import pytest

from opendata import cli
from tests.helpers import PACKAGE, run_cli


def test_python_dash_m_is_the_same_command_line(tmp_path):
    """``python -m opendata`` for an officer whose virtualenv's scripts are not on PATH."""
    (tmp_path / "t.csv").write_text("id\n1\nx\n", encoding="utf-8")
    (tmp_path / "t.schema.json").write_text('{"fields": [{"name": "id", "type": "integer"}]}')
    args = [
        "validate",
        str(tmp_path / "t.csv"),
        "--schema",
        str(tmp_path / "t.schema.json"),
        "--format",
        "json",
    ]
    module = subprocess.run([sys.executable, "-m", "opendata", *args], capture_output=True, text=True)
    script = run_cli(*args)
    assert (module.returncode, module.stdout) == (script.returncode, script.stdout)
    assert module.returncode == 1 and json.loads(module.stdout)["errors"][0]["type"] == "type-error"


@pytest.mark.parametrize(
    "command",
    [
        ["build", "--out"],
        ["import-plan", "datapackage/sources/kolomyia-2021-communication-plan.txt", "--out"],
        ["audit", "--dump", "{dump}", "--out"],
    ],
)
def test_a_folder_that_cannot_be_written_is_a_message_not_a_traceback(tmp_path, command):
    """Here a path beneath a file; a full disk or a folder without write permission
    fails the same way (an OSError): said in the user's language, exit code 2."""
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    dump = tmp_path / "portal.jsonl"
    dump.write_text('{"name": "budget", "title": "Бюджет"}\n', encoding="utf-8")
    command = [str(dump) if part == "{dump}" else part for part in command]
    result = run_cli(*command, blocker / "out", "--lang", "en")
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lead, detail = result.stderr.strip().splitlines()[-2:]
    assert lead.startswith("A file or folder could not be written or read")
    assert detail.startswith("Details: [Errno 20] Not a directory")


def test_audit_without_a_portal_or_a_dump_is_a_usage_error(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("OPENDATA_PORTAL", "OPENDATA_CONFIG")}
    result = run_cli("audit", "--out", tmp_path / "a", env={**env, "HOME": str(tmp_path)})  # no config file
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "Використання: opendata audit [ПАРАМЕТРИ]",
        "Довідка: opendata audit --help",
        "",
        "Помилка: вкажіть портал (--portal URL, змінна OPENDATA_PORTAL чи url у файлі налаштувань) "
        "або файл --dump ФАЙЛ",
    ]
    both = run_cli("audit", "--portal", "http://127.0.0.1:9", "--dump", tmp_path / "d", "--out", tmp_path)
    assert both.returncode == 2 and "Помилка: вкажіть щось одне: --portal URL або --dump ФАЙЛ" in both.stderr


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        (["validte"], "Помилка: немає команди «validte». Можливо, «validate»?"),
        (["--bogus"], "Помилка: немає параметра «--bogus»."),
        (["report", "--form", "json"], "Помилка: немає параметра «--form». Можливо, «--format»?"),
        (["build", "--out"], "Помилка: після «--out» потрібне значення."),
        (["import-plan"], "Помилка: не вказано «ДЖЕРЕЛО»."),
        (["validate", "a", "b", "c"], "Помилка: зайве в команді: b c."),
        (
            ["validate", "--limit-errors", "x"],
            "Помилка: неприпустиме значення «--limit-errors»: потрібне ціле число не менше 0.",
        ),
        (["validate", "--lang", "de"], "Помилка: неприпустиме значення «--lang»: можливі uk, en."),
        (
            ["audit", "--dump", "d", "--out", "o", "--date", "1.1.2026"],
            "Помилка: неприпустиме значення «--date»: потрібна дата РРРР-ММ-ДД.",
        ),
        (
            ["validate", "--limit-errors", "x", "--lang", "en"],
            "Error: wrong value for '--limit-errors': a whole number at least 0.",
        ),
        (["validate", "--bogus", "--lang=en"], "Error: there is no option '--bogus'."),
        (
            ["build", "--out", "README.md"],
            "Помилка: неприпустиме значення «--out» («README.md» — це файл, а потрібна папка).",
        ),
    ],
)
def test_a_usage_error_is_said_in_the_users_language(args, problem):
    """click words its usage errors in English; an officer who reads Ukrainian gets them
    in Ukrainian, with the usage line and where the help is, exit code 2 as before."""
    result = run_cli(*args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[-1] == problem


def test_opendata_lang_sets_the_language_of_usage_errors():
    env = {**os.environ, "OPENDATA_LANG": "en"}
    result = run_cli("validate", "--show", "-1", env=env)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "Usage: opendata validate [OPTIONS] [PATH]",
        "Help: opendata validate --help",
        "",
        "Error: wrong value for '--show': a whole number at least 0.",
    ]


def test_help_is_in_ukrainian_unless_english_is_asked_for():
    ukrainian = run_cli("validate", "--help")
    assert ukrainian.returncode == 0
    assert ukrainian.stdout.startswith("Використання: opendata validate [ПАРАМЕТРИ] [ШЛЯХ]")
    assert "Коди виходу: 0 пакет коректний" in ukrainian.stdout and "\nПараметри:\n" in ukrainian.stdout
    words = " ".join(ukrainian.stdout.split())  # as wrapped for any width
    said = "--limit-errors N Показати не більше ніж N перших помилок таблиці (0 — усі). "
    said += "[типово: 0; щонайменше 0]"
    assert said in words
    assert "--sheet НАЗВА Аркуш книги (.xlsx)" in words  # its metavar too
    english = run_cli("validate", "--help", env={**os.environ, "OPENDATA_LANG": "en"})
    assert english.stdout.startswith("Usage: opendata validate") and "Exit codes: 0 valid" in english.stdout
    group = run_cli("--help")
    assert "Команди:\n  audit        Щорічний аудит наборів порталу" in group.stdout


def test_the_maintainer_and_the_publisher_have_the_names_data_gov_ua_gives_them():
    """The portal's maintainer was «розпорядник» in publish, the name of the publishing
    organisation, which build called «видавець»."""
    publish = " ".join(run_cli("publish", "--help").stdout.split())
    assert "--maintainer ТЕКСТ Відповідальна особа (типово — та, що вже на порталі" in publish
    assert "E-mail відповідальної особи, видимий на порталі." in publish
    assert "розпорядник" not in publish.lower()
    build = " ".join(run_cli("build", "--help").stdout.split())
    assert "Файл розпорядника інформації: JSON із відомостями" in build


def test_publish_help_says_which_failures_to_fix_and_which_to_rerun():
    """Exit 1 was «(запустіть ще раз)» / "(rerun)" for every failure, though a file the
    portal refuses as it is fails again until fixed; a dataset not ours is exit 2."""
    publish = " ".join(run_cli("publish", "--help").stdout.split())
    assert "(запустіть ще раз)" not in publish
    assert "таблицю, якої DataStore не приймає такою, як вона є" in publish
    assert "набір із такою назвою не наш або на порталі є рядки, яких немає в пакеті" in publish
    assert "--replace-portal-rows Замінити таблицю на порталі, навіть якщо в ній є рядки" in publish
    english = " ".join(run_cli("--lang", "en", "publish", "--help").stdout.split())
    assert "(rerun)" not in english
    assert "a table the DataStore refuses as it is" in english
    assert "a dataset of that name not ours, or rows on the portal that the package lacks" in english
    assert "--replace-portal-rows Replace a table on the portal even where it has rows" in english


def test_one_thing_has_one_name_in_every_command(tmp_path):
    """The token was «ключ API» in publish and «API-токен» in audit, the purpose of
    collection «мета збору» in publish and «Підстава та призначення збору» in audit."""
    publish = " ".join(run_cli("publish", "--help").stdout.split())
    assert "API-токен береться з CKAN_API_TOKEN" in publish and "ключ" not in publish.lower()
    assert "Паспорт: підстава та призначення збору (purpose_of_collecting_information;" in publish
    missing = run_cli("validate", tmp_path / "nowhere").stdout
    assert "типово перевіряється папка datapackage/" in " ".join(missing.split())
    (tmp_path / "table.csv").write_text("id\n1\n", encoding="utf-8")
    build = run_cli("build", tmp_path / "table.csv").stderr
    assert "потрібна папка пакета даних або datapackage.json" in build


def test_every_command_and_option_has_its_ukrainian_help():
    """A new command or option gets its Ukrainian help with its English one."""
    from opendata.cli import main
    from opendata.help_uk import COMMANDS, OPTIONS

    assert set(COMMANDS) == {"", *main.commands}
    for name, command in [("", main), *main.commands.items()]:
        for option in command.params:
            if isinstance(option, click.Option):
                flag = option.opts[-1]
                assert f"{name} {flag}".strip() in OPTIONS or flag in OPTIONS, (name, flag)


def test_one_process_shows_each_help_in_the_language_asked(monkeypatch):
    """The English help is kept while the Ukrainian is shown (CliRunner, one process)."""
    from click.testing import CliRunner

    from opendata.cli import main

    monkeypatch.delenv("OPENDATA_LANG", raising=False)
    runner = CliRunner()
    assert "Перевіряє пакет даних" in runner.invoke(main, ["validate", "--help"]).output
    english = runner.invoke(main, ["validate", "--help", "--lang", "en"]).output
    assert "Check a data package" in english and "List at most the first N errors of a table" in english
    assert "Використання" not in english and "типово" not in english
    assert "Usage: main validate [OPTIONS] [PATH]" in english and "--limit-errors N" in english


def test_help_says_defaults_ranges_and_examples_as_a_reader_does():
    """A language editor's findings: «[типово: 30.0; x>=1]», «[типово: 8; 1<=x<=64]»,
    «[типово: (datapackage)]», «Приклад:» above two examples, «Додаток 62» in the
    English help, and a root help that did not say what the English one said."""
    screens = {command: " ".join(run_cli(command, "--help").stdout.split()) for command in main_commands()}
    assert "--timeout ЧИСЛО Секунд на запит. [типово: 30; щонайменше 1]" in screens["publish"]
    assert "Паралельних завантажень. [типово: 8; від 1 до 64]" in screens["audit"]
    assert "[типово: datapackage]" in screens["import-plan"] and "(datapackage)" not in screens["import-plan"]
    assert "Приклади: opendata import-plan" in screens["import-plan"]
    for command, screen in screens.items():
        assert "x>=" not in screen and "<=x" not in screen and ".0;" not in screen, command
        examples = re.findall(r"Приклад(и?): ((?:opendata \S+.*?)+?)(?: Параметри:|$)", screen)
        for plural, text in examples:
            assert (text.count("opendata ") > 1) == bool(plural), (command, text)
    english = {c: " ".join(run_cli("--lang", "en", c, "--help").stdout.split()) for c in main_commands()}
    assert "Appendix 62 (programme, reports) and Appendix 7 (register row)" in english["build"]
    assert "Додаток" not in english["build"] and "Examples: opendata import-plan" in english["import-plan"]
    assert "[default: 30; x>=1]" in english["publish"] and "[default: datapackage]" in english["import-plan"]
    assert "Типовий рік відповідальної особи за відкриті дані:" in run_cli("--help").stdout


def test_build_writes_sizes_in_the_languages_unit(plan_copy, tmp_path):
    """«(json, 1 071 B)» in the Ukrainian output: a Latin «B» among Cyrillic words."""
    ukrainian = run_cli("build", plan_copy, "--out", tmp_path / "uk").stdout
    assert re.search(r"^csv/tasks\.csv  \(csv, [\d\u00a0 ]+ Б\)$", ukrainian, re.MULTILINE), ukrainian
    english = run_cli("--lang", "en", "build", plan_copy, "--out", tmp_path / "en").stdout
    assert re.search(r"^csv/tasks\.csv  \(csv, [\d,]+ B\)$", english, re.MULTILINE), english


def test_help_shows_no_english_placeholder_in_ukrainian():
    """click's words for values ("TEXT", "INTEGER RANGE", "[OPTIONS]") and the
    arguments' names are in the help's language."""
    english_words = re.compile(
        r"\b(TEXT|INTEGER|FLOAT|RANGE|FILE|DIRECTORY|PATH|SOURCE|DATASET|OPTIONS|ARGS)\b"
    )
    for command in ["", *main_commands()]:
        screen = run_cli(*command.split(), "--help").stdout
        assert screen.startswith("Використання: opendata"), screen
        assert not english_words.search(screen), (command, english_words.findall(screen))
    usage = run_cli("import-plan").stderr
    assert usage.splitlines()[0] == "Використання: opendata import-plan [ПАРАМЕТРИ] ДЖЕРЕЛО"
    assert usage.splitlines()[-1] == "Помилка: не вказано «ДЖЕРЕЛО»."


def main_commands() -> list[str]:
    from opendata.cli import main

    return list(main.commands)


@pytest.mark.parametrize(
    "command", [["publish", "--dry-run"], ["pull", "x", "--out", "x"], ["audit", "--out", "x"]]
)
def test_a_portal_address_without_http_is_refused_in_words(command):
    """«127.0.0.1:58050» got requests' "No connection adapters were found", and the
    audit blamed a --dump that was not given."""
    result = run_cli(*command, "--portal", "127.0.0.1:58050", "--format", "json")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    answer = json.loads(result.stdout)
    assert answer["error"] == "BadPortalUrl" and "http:// або https://" in answer["message"]


def test_publish_names_a_missing_folder_and_refuses_a_table(tmp_path):
    """A missing folder was "the package has 1 error"; a table published its whole folder."""
    missing = run_cli("publish", tmp_path / "nope", "--dry-run", "--format", "json")
    assert missing.returncode == 2
    assert json.loads(missing.stdout)["message"] == f"Шлях «{tmp_path / 'nope'}» не існує."
    table = run_cli("publish", "datapackage/tasks.csv", "--dry-run", "--format", "json")
    assert table.returncode == 2 and json.loads(table.stdout)["error"] == "NotAPackage"


@pytest.mark.parametrize("given", ["nope", "schemas/tasks.json", "tasks.csv"])
def test_publish_refuses_what_is_no_package_as_build_does(tmp_path, given):
    """publish said only «Шлях «nope» не існує.», without build's «Як виправити», and called a
    schema file NotAPackage where build and report said Unreadable, naming the fix."""
    path = PACKAGE / given
    for output_format in ("text", "json"):
        options = ("--format", output_format)
        build = run_cli("build", path, "--out", tmp_path / "dist", *options)
        publish = run_cli("publish", path, "--dry-run", "--portal", "http://127.0.0.1:9", *options)
        assert build.returncode == publish.returncode == 2
        assert (publish.stdout, publish.stderr) == (build.stdout, build.stderr)
    if given == "nope":
        assert "Як виправити: Перевірте шлях" in run_cli("publish", path, "--dry-run").stdout


def test_another_councils_plan_is_not_published_into_kolomyias_organisation(plan_copy):
    """Without --org, Snyatyn's plan went to «kolomyia-city-council» (with --create-org the
    dry run promised to create it): the refusal comes before the portal is asked."""
    decision = plan_copy / "decision.csv"
    decision.write_text(decision.read_text("utf-8").replace(",Коломия,", ",Снятин,"), "utf-8")
    unreachable = ["--portal", "http://127.0.0.1:9", "--dry-run", "--create-org"]
    uk = run_cli("publish", plan_copy, *unreachable)
    assert uk.returncode == 2, uk.stderr
    assert "Це план не Коломийської міської ради" in uk.stderr
    assert "наприклад --org sniatyn-city-council" in uk.stderr and "kolomyia-city-council»" not in uk.stderr
    en = run_cli("publish", plan_copy, *unreachable, "--lang", "en", "--format", "json")
    assert en.returncode == 2 and json.loads(en.stdout)["error"] == "OrganisationNeeded"
    assert "give your council's organisation on the portal, such as --org sniatyn-city-council" in en.stderr
    kolomyia = run_cli("publish", PACKAGE, *unreachable, "--format", "json")
    assert kolomyia.returncode == 2 and json.loads(kolomyia.stdout)["error"] != "OrganisationNeeded"


def test_an_audit_that_cannot_start_says_why_in_json(tmp_path):
    result = run_cli(
        "audit", "--portal", "http://127.0.0.1:9", "--out", tmp_path / "a", "--compare", tmp_path / "none",
        "--format", "json",
    )
    assert result.returncode == 2
    assert json.loads(result.stdout)["error"] == "PreviousUnreadable"
    assert "(--compare)" in result.stderr


def test_an_audit_is_not_written_over_the_previous_one(tmp_path):
    last_year = tmp_path / "audit-2025"
    last_year.mkdir()
    result = run_cli("audit", "--portal", "http://127.0.0.1:9", "--out", last_year, "--compare", last_year)
    assert result.returncode == 2 and "поверх минулорічного" in result.stderr


def test_lang_before_the_command_is_the_commands_language(tmp_path):
    """`opendata --lang en --help`, as the top help suggests, and `opendata --lang en
    COMMAND`: the command speaks English unless it is given a --lang of its own."""
    env = {**os.environ, "OPENDATA_LANG": "uk"}
    top = run_cli("--lang", "en", "--help", env=env)
    assert top.returncode == 0 and "Publish and check the city's open data" in top.stdout
    missing = str(tmp_path / "missing")
    english = run_cli("--lang", "en", "validate", missing, env=env)
    assert english.returncode == 2 and "does not exist" in english.stdout
    own = run_cli("--lang", "en", "validate", missing, "--lang", "uk", env=env)
    assert own.returncode == 2 and "не існує" in own.stdout


def test_a_wrong_language_in_the_environment_is_named_as_such():
    """OPENDATA_LANG=fr blamed the option --lang, which was not given."""
    result = run_cli("validate", env={**os.environ, "OPENDATA_LANG": "fr"})
    assert result.returncode == 2
    assert "неприпустиме значення «OPENDATA_LANG»: можливі uk, en." in result.stderr


def test_no_progress_bar_goes_to_a_log_when_colour_is_forced(plan_copy):
    """FORCE_COLOR (set by many CI systems) made Rich take the log for a terminal, and
    the bar's redrawing wrote cursor codes into it; colour itself is the user's choice."""
    result = run_cli("validate", plan_copy, env={**os.environ, "FORCE_COLOR": "1", "TTY_COMPATIBLE": "1"})
    assert result.returncode == 0, result.stderr
    assert "\x1b[?25l" not in result.stderr and "\r" not in result.stderr  # hide cursor, redraw


def test_a_command_suggested_in_a_message_quotes_a_path_with_a_space(plan_copy, tmp_path):
    """«opendata validate /tmp/bad dir» checked another folder when pasted."""
    folder = tmp_path / "мій пакет"
    plan_copy.rename(folder)
    with (folder / "people.csv").open("a", encoding="utf-8") as stream:
        stream.write("x,y\n")
    result = run_cli("report", folder)
    assert result.returncode == 1
    assert f"opendata validate '{folder}'" in result.stderr, result.stderr


@pytest.mark.parametrize(
    "command",
    [["build", "--out", "dist"], ["report"], ["publish", "--dry-run", "--portal", "http://127.0.0.1:9"]],
    ids=["build", "report", "publish"],
)
@pytest.mark.parametrize("before", [False, True], ids=["lang-after", "lang-before"])
def test_the_command_for_the_details_is_in_the_language_asked_for(plan_copy, command, before):
    """`build --lang en` said "details: opendata validate many", whose messages are
    Ukrainian: the command named carries --lang en, typed after the command or before it."""
    with (plan_copy / "people.csv").open("a", encoding="utf-8") as stream:
        stream.write("x,y\n")
    lang = ["--lang", "en"]
    args = [*lang, *command, plan_copy] if before else [*command, plan_copy, *lang]
    result = run_cli(*args, cwd=plan_copy.parent)
    assert result.returncode == 1, result.stderr
    hint = f"opendata validate {plan_copy} --lang en"
    assert hint in result.stderr, result.stderr
    followed = run_cli(*shlex.split(hint)[1:])
    assert followed.returncode == 1 and "Problems found." in followed.stdout


@pytest.mark.parametrize(
    "command",
    [
        ["publish", PACKAGE, "--dry-run"],
        ["pull", "some-plan", "--out", "x"],
        ["audit", "--org", "x", "--out", "x"],
    ],
)
def test_a_password_in_the_portals_address_is_refused_not_echoed(tmp_path, command):
    """It was printed in every address of the output (the API token never was)."""
    portal = "http://officer:SECRETPW@127.0.0.1:9"
    result = run_cli(*command, "--portal", portal, "--format", "json", cwd=tmp_path)
    assert result.returncode == 2
    assert json.loads(result.stdout)["error"] == "PortalUrlWithPassword"
    assert "SECRETPW" not in result.stdout + result.stderr


def test_a_failure_the_command_line_catches_is_json_for_a_script_that_asked(tmp_path):
    """A folder that cannot be written and a config file that cannot be read printed
    only text on stderr: a script parsing stdout got nothing."""
    (tmp_path / "afile").write_text("", encoding="utf-8")
    (tmp_path / "bad.toml").write_text("garbage[", encoding="utf-8")
    for args in (
        ["build", PACKAGE, "--out", tmp_path / "afile" / "dist"],
        ["publish", PACKAGE, "--dry-run", "--config", tmp_path / "bad.toml"],
    ):
        result = run_cli(*args, "--format", "json")
        assert result.returncode == 2, result.stderr
        answer = json.loads(result.stdout)
        assert answer["ok"] is False and answer["error"] in ("NotADirectoryError", "ConfigError")


def test_every_json_answer_says_ok(plan_copy, tmp_path):
    """Only publish's success carried "ok": `jq -e .ok` failed on a successful build."""
    build = ["build", plan_copy, "--out", tmp_path / "d"]
    for args in (["validate", plan_copy], ["report", plan_copy], build):
        result = run_cli(*args, "--format", "json")
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout)["ok"] is True


def test_a_usage_error_is_json_too_when_json_was_asked_for():
    """A script passing a wrong value got text on stderr and nothing on stdout."""
    result = run_cli("validate", PACKAGE, "--format", "json", "--limit-errors", "abc")
    assert result.returncode == 2
    answer = json.loads(result.stdout)
    assert (answer["ok"], answer["error"]) == (False, "UsageError") and "--limit-errors" in answer["message"]
    assert "--limit-errors" in result.stderr  # and said to a person, as before


def test_the_version_line_has_no_english_words_in_a_ukrainian_terminal():
    """click's "opendata, version 0.1.0" was the one English line of the Ukrainian CLI."""
    from opendata import __version__

    for lang in ("uk", "en"):
        result = run_cli("--version", env={**os.environ, "OPENDATA_LANG": lang})
        assert result.returncode == 0 and result.stdout == f"opendata {__version__}\n"


def test_an_org_no_portal_name_can_be_made_of_is_refused_naming_the_option():
    """`--org "!"`: «cannot make a CKAN dataset name from '!'», in English, naming a dataset."""
    args = ["--dry-run", "--portal", "http://127.0.0.1:9", "--format", "json"]
    result = run_cli("publish", "--org", "!", *args)
    assert result.returncode == 2 and json.loads(result.stdout)["error"] == "BadOrganisationName"
    assert "dataset" not in result.stderr and "Подробиці" not in result.stderr
    assert result.stderr.startswith("З --org «!» не вийде назви організації на порталі")


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("uk", "Справжній портал: --portal URL, змінна OPENDATA_PORTAL або url у файлі налаштувань."),
        ("en", "For a real portal: --portal URL, the variable OPENDATA_PORTAL or url in the config file."),
    ],
)
def test_the_local_portals_notice_names_every_way_to_give_a_real_one(tmp_path, lang, said):
    """It left out OPENDATA_PORTAL, the way a CI job gives it."""
    env = {k: v for k, v in os.environ.items() if k not in ("OPENDATA_PORTAL", "OPENDATA_CONFIG")}
    # an --org refused at once: the notice, and nothing asked of the portal
    result = run_cli("publish", "--org", "!", "--dry-run", "--lang", lang, env={**env, "HOME": str(tmp_path)})
    assert said in result.stderr.splitlines()[0]


def test_ctrl_c_while_json_is_written_ends_the_document_not_cuts_it(tmp_path):
    """Ctrl-C while `validate --format json` wrote a big report to a reader slower than it
    left half a string on stdout with the failure object glued on: no JSON at all."""
    import signal

    from tests.helpers import OPENDATA

    table, schema = tmp_path / "t.csv", tmp_path / "t.schema.json"
    table.write_text("id\n" + "x\n" * 20_000, encoding="utf-8")  # ~8 MB of errors as JSON
    schema.write_text('{"fields": [{"name": "id", "type": "integer"}]}', encoding="utf-8")
    args = [OPENDATA, "validate", table, "--schema", schema, "--format", "json"]
    # unbuffered: a buffered read(1) would keep bytes that communicate() never sees
    pipes = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE}
    process = subprocess.Popen(list(map(str, args)), bufsize=0, **pipes)
    first = process.stdout.read(1)  # the document has begun; the pipe fills, the writer waits
    time.sleep(0.3)
    process.send_signal(signal.SIGINT)
    rest, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    answer = json.loads(first + rest)
    assert answer["interrupted"] is True and answer["ok"] is False
    assert answer["error_count"] == 20_000 and 0 < len(answer["errors"]) < 20_000
    assert "Перервано (Ctrl-C)." in stderr.decode() and b"Traceback" not in stderr


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_tables_rate_holds_once_it_is_read_and_its_time_stops_at_the_next(monkeypatch):
    """The rows/s of a table kept falling after its scan ended, while its keys were
    checked and the next tables were read: it divided by the time since it started."""
    monkeypatch.setattr(sys, "stderr", _Terminal())
    monkeypatch.setattr(cli, "err", cli._Console(stderr=True, force_terminal=True))
    progress = cli._progress("text", cli._Count("en", "rows"), cli._Rate("en", "rows"))
    clock = [100.0]
    progress.bar.get_time = lambda: clock[0]
    rate = cli._Rate("en", "rows")
    progress.update("big", 100_000)  # its first batch
    clock[0] = 102.0
    progress.update("big", 300_000)
    first = progress.bar.tasks[0]
    assert rate(first) == "150,000 rows/s"
    clock[0] = 110.0  # the table's keys are checked: no rows read
    assert rate(first) == "150,000 rows/s"
    progress.update("small", 10)
    clock[0] = 130.0
    assert (first.elapsed, rate(first)) == (10.0, "150,000 rows/s")
    assert progress.bar.tasks[1].elapsed == 20.0


def test_a_table_told_once_shows_no_rate_and_one_told_from_its_start_an_honest_one(monkeypatch):
    """A table Frictionless checked was told its rows once, at the end: its bar showed
    «300,000 rows 13,916,909 rows/s», the time since the bar was made that instant."""
    monkeypatch.setattr(sys, "stderr", _Terminal())
    monkeypatch.setattr(cli, "err", cli._Console(stderr=True, force_terminal=True))
    progress = cli._progress("text", cli._Count("en", "rows"), cli._Rate("en", "rows"))
    clock = [100.0]

    def ticking() -> float:  # a microsecond passes between the bar's start and its update
        clock[0] += 1e-6
        return clock[0]

    progress.bar.get_time = ticking
    rate = cli._Rate("en", "rows")
    progress.update("once", 300_000)
    assert rate(progress.bar.tasks[0]) == ""
    clock[0] = 100.0
    progress.update("from-start", 0)
    clock[0] = 103.0
    progress.update("from-start", 30_000)
    clock[0] = 110.0
    progress.update("from-start", 300_000)
    assert rate(progress.bar.tasks[1]) == "30,000 rows/s"


def _table_of_errors(tmp_path, rows: int):
    """A table of ROWS rows, each with a type error; cells with a tab and control codes."""
    table, schema = tmp_path / "t.csv", tmp_path / "t.schema.json"
    cells = ["x", "a\tb", "ф\x07\x0c", "ї\t\tї"]
    table.write_text("id\n" + "".join(f"{cells[n % 4]}\n" for n in range(rows)), encoding="utf-8")
    schema.write_text('{"fields": [{"name": "id", "type": "integer"}]}', encoding="utf-8")
    return table, schema


def test_a_report_into_a_pipe_is_the_terminals_text_without_its_colours(tmp_path):
    """Into a file or a pipe every problem is written plain, in chunks (one Rich print per
    line took ~100 µs): the text is what a terminal shows, colours taken away."""
    table, schema = _table_of_errors(tmp_path, 200)
    args = ["validate", table, "--schema", schema, "--show", "0", "--lang", "en"]
    plain = run_cli(*args)
    coloured = run_cli(*args, env={**os.environ, "FORCE_COLOR": "1", "TTY_COMPATIBLE": "1"})
    assert plain.returncode == coloured.returncode == 1
    assert "\x1b[" in coloured.stdout and "\x1b[" not in plain.stdout
    assert plain.stdout == re.sub(r"\x1b\[[0-9;]*m", "", coloured.stdout)
    # a tab to the next column of 8, as Rich expands it
    assert "  ✗ row 3, field «id»: Value «a b» is not an integer.\n      Fix:" in plain.stdout


def test_a_report_not_to_a_terminal_is_written_in_chunks_not_line_by_line(tmp_path, monkeypatch):
    from opendata.validate import validate

    class Counted(io.StringIO):
        writes = 0

        def write(self, text: str) -> int:
            Counted.writes += 1
            return super().write(text)

    stdout = Counted()
    monkeypatch.setattr(sys, "stdout", stdout)
    table, schema = _table_of_errors(tmp_path, 20_000)
    cli.print_report(validate(table, schema=schema), "en", show=0)
    assert stdout.getvalue().count("      Fix: ") == 20_000
    assert Counted.writes < 20


def test_pull_max_size_default_is_the_clients_download_cap():
    """The option's default is written out (the client is not imported for every command's
    --help); it must say the cap the client applies when called without it."""
    from opendata.ckan_client import DOWNLOAD_MAX_BYTES

    [option] = [p for p in cli.main.commands["pull"].params if p.name == "max_size"]
    assert option.default << 20 == DOWNLOAD_MAX_BYTES
