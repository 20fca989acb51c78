"""The command line as a whole: what every command shares, through the real entry point."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.helpers import run_cli


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
    result = run_cli("audit", "--out", tmp_path / "a")
    assert result.returncode == 2
    assert "Usage: opendata audit" in result.stderr
    assert "вкажіть щось одне: --portal URL або --dump FILE" in result.stderr
