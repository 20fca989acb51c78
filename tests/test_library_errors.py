"""What a Python caller of opendata meets when a call is refused: an exception that says in
English what is wrong, where and what to do (as the command's English message does), and a
class that tells a local folder's refusal from the portal's."""

from __future__ import annotations

import json

import pytest

from opendata.audit import run_audit
from opendata.build import OutputInUse, OutputIsPackage, build
from opendata.ckan_client import CkanClient, PortalError, PortalUrlWithPassword, PortalUrlWithUser
from opendata.national import Publisher, PublisherError
from opendata.package import EditedByHand, import_plan
from opendata.plan_import import SourceError
from opendata.pull import OutputNotEmpty, pull
from tests.helpers import SOURCE, run_cli

NOWHERE = "http://127.0.0.1:9"  # no portal: a refusal before any request never asks it


def test_a_text_that_is_no_plan_is_named_with_what_it_lacks(tmp_path):
    source = tmp_path / "notes.txt"
    source.write_text("просто нотатки\n", encoding="utf-8")
    with pytest.raises(SourceError) as raised:
        import_plan(source, tmp_path / "package")
    assert str(raised.value) == (
        f"Cannot import «{source}»: no line reading «ПЛАН» (the start of the plan) was found."
    )
    assert raised.value.code == "no-plan"  # what the command's messages are made of


def test_a_word_document_given_for_its_text_says_how_to_save_the_text(tmp_path):
    source = tmp_path / "decision.txt"
    source.write_bytes(b"%PDF-1.7\n")
    with pytest.raises(SourceError) as raised:
        import_plan(source, tmp_path / "package")
    assert str(raised.value).startswith(
        f"Cannot import «{source}»: it is a PDF document, not text; open the decision in Word"
    )


def test_a_file_changed_by_hand_is_named_with_its_folder_and_what_to_do(plan_copy):
    people = plan_copy / "people.csv"
    people.write_text(people.read_text("utf-8") + "x-y,X,Y.,X Y.,,X Y.,,\n", "utf-8")
    with pytest.raises(EditedByHand) as raised:
        import_plan(SOURCE, plan_copy)
    assert str(raised.value).startswith(
        f"Changed by hand since the last import (a new import would undo that): {people}. "
        "Nothing was written."
    )
    assert "--force" in str(raised.value) and raised.value.paths == ["people.csv"]


def test_a_bad_publisher_file_names_the_file_the_key_and_the_value(tmp_path):
    publisher = tmp_path / "publisher.json"
    publisher.write_text(json.dumps({"executant_id": "12"}), encoding="utf-8")
    with pytest.raises(PublisherError) as raised:
        Publisher.from_file(publisher)
    assert str(raised.value) == (
        f"publisher file «{publisher}», «executant_id»: «12» is not an ЄДРПОУ code (eight digits)"
    )
    assert (raised.value.code, raised.value.params["key"]) == ("bad-value", "executant_id")
    assert raised.value.message("uk") == (
        f"у файлі розпорядника «{publisher}» «executant_id»: «12» — не код ЄДРПОУ (вісім цифр)"
    )


@pytest.mark.parametrize(
    ("given", "english", "ukrainian"),
    [
        ({"executant_id": "12"}, "«executant_id»: «12» is not an ЄДРПОУ code (eight digits)",
         "«executant_id»: «12» — не код ЄДРПОУ (вісім цифр)"),
        ({"contact_email": "nope"}, "«contact_email»: «nope» is not an e-mail address",
         "«contact_email»: «nope» — не адреса електронної пошти"),
        ({"dataset_url": "data.gov.ua/x"}, "«dataset_url»: «data.gov.ua/x» is not a link starting with http://",
         "«dataset_url»: «data.gov.ua/x» — не посилання, що починається з http://"),
    ],
)  # fmt: skip
def test_a_publisher_given_in_code_is_checked_as_the_file_is(plan_copy, tmp_path, given, english, ukrainian):
    """Only Publisher.from_file checked the facts: Publisher(contact_email="nope",
    executant_id="12") built in code put them in national/register.csv as they were."""
    with pytest.raises(PublisherError) as raised:
        build(plan_copy, tmp_path / "dist", Publisher(**given))
    assert str(raised.value).startswith(f"Publisher, {english}")
    assert raised.value.message("uk").startswith(f"Publisher, {ukrainian}")
    assert not (tmp_path / "dist").exists()


def test_a_publisher_given_in_code_names_every_bad_fact_at_once():
    with pytest.raises(PublisherError) as raised:
        Publisher(executant_id="12", contact_email="nope")
    assert str(raised.value).splitlines() == [
        "Publisher, «executant_id»: «12» is not an ЄДРПОУ code (eight digits)",
        "Publisher, «contact_email»: «nope» is not an e-mail address",
    ]
    assert [problem.params["key"] for problem in raised.value.more] == ["contact_email"]


def test_a_build_over_the_package_or_other_files_says_which_folder_and_what_to_give(plan_copy, tmp_path):
    with pytest.raises(OutputIsPackage) as raised:
        build(plan_copy, plan_copy)
    assert str(raised.value).startswith(f"«{plan_copy}» is the package's own folder: the built")
    in_use = tmp_path / "mine"
    in_use.mkdir()
    (in_use / "notes.txt").write_text("my own", encoding="utf-8")
    with pytest.raises(OutputInUse) as raised:
        build(plan_copy, in_use)
    assert str(raised.value).startswith(f"«{in_use}» already holds other files, not an earlier build's")
    assert str(raised.value).endswith("give a new or empty folder, e.g. --out dist")


def test_a_pull_into_a_folder_with_files_is_no_portal_error(tmp_path):
    """A caller's «except PortalError: try later» caught it, and would retry for ever."""
    folder = tmp_path / "package"
    folder.mkdir()
    (folder / "people.csv").write_text("edits", encoding="utf-8")
    with pytest.raises(OutputNotEmpty) as raised:
        pull(CkanClient(NOWHERE), "plan", folder)
    assert not isinstance(raised.value, PortalError) and isinstance(raised.value, FileExistsError)
    result = run_cli("pull", "plan", "--portal", NOWHERE, "--out", folder, "--format", "json")
    assert result.returncode == 2 and json.loads(result.stdout)["error"] == "OutputNotEmpty"
    assert result.stderr.startswith("Папка --out не порожня: завантаження замінило б файли в ній")
    assert (folder / "people.csv").read_text(encoding="utf-8") == "edits"


@pytest.mark.parametrize(
    ("address", "refusal", "words"),
    [
        ("http://admin:Pa55word@127.0.0.1:9", PortalUrlWithPassword, "holds a user name and password"),
        ("http://admin@127.0.0.1:9", PortalUrlWithUser, "holds a user name (the part before «@»)"),
    ],
)
def test_a_portal_address_with_a_user_or_password_is_refused_before_anything_is_sent(address, refusal, words):
    """CkanClient and run_audit took it and repeated it, password and all, in repr() and in
    every error («no answer from http://admin:Pa55word@…»); the command refuses it."""
    for call in (lambda: CkanClient(address, attempts=1), lambda: run_audit(portal=address, timeout=1)):
        with pytest.raises(refusal) as raised:
            call()
        assert isinstance(raised.value, ValueError)
        assert str(raised.value).startswith(f"The portal's address from the url given {words}")
        assert "Pa55word" not in str(raised.value) and "take" in str(raised.value)
