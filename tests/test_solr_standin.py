"""The local portal's Solr stand-in (scripts/ckan/solr_standin.py): its index survives a
restart, and an update costs its own size, not the whole index's."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "ckan" / "solr_standin.py"
SCHEMA = """<schema name="test" version="1.6">
  <fieldType name="string" class="solr.StrField"/>
  <fieldType name="text" class="solr.TextField"/>
  <field name="id" type="string" stored="true"/>
  <field name="title" type="text" stored="true"/>
  <field name="text" type="text" stored="false" multiValued="true"/>
  <uniqueKey>id</uniqueKey>
  <copyField source="title" dest="text"/>
</schema>
"""


@pytest.fixture(scope="module")
def standin():
    spec = importlib.util.spec_from_file_location("solr_standin", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def schema(standin, tmp_path):
    path = tmp_path / "schema.xml"
    path.write_text(SCHEMA, "utf-8")
    return standin.Schema(path)


def titles(index) -> dict[str, str]:
    return {key: doc["title"] for key, doc in index.docs.items()}


def test_the_index_comes_back_after_a_restart_from_its_journal(standin, schema, tmp_path):
    journal = tmp_path / "index.json"
    index = standin.Index(schema, journal)
    index.update([{"id": "a", "title": "Бюджет"}, {"id": "b", "title": "Transport"}], [], [])
    index.update([{"id": "a", "title": "Бюджет 2025"}], [], [])
    index.update([], ["b"], [])
    index.update([{"id": "c", "title": "Schools"}, {"id": "d", "title": "Roads"}], [], [])
    index.update([], [], ["title:Roads"])
    stamps = {key: doc["indexed_ts"] for key, doc in index.docs.items()}
    assert len(journal.read_text("utf-8").splitlines()) == 6  # the compacted start, then a line an update
    again = standin.Index(schema, journal)
    assert titles(again) == titles(index) == {"a": "Бюджет 2025", "c": "Schools"}
    assert {key: doc["indexed_ts"] for key, doc in again.docs.items()} == stamps
    assert again.docs["a"]["text"] == ["Бюджет 2025"]  # the copy field, not doubled by the replay
    assert len(journal.read_text("utf-8").splitlines()) == 1  # compacted at start


def test_a_line_cut_short_keeps_the_updates_before_it(standin, schema, tmp_path):
    journal = tmp_path / "index.json"
    standin.Index(schema, journal).update([{"id": "a", "title": "Kept"}], [], [])
    with journal.open("a", encoding="utf-8") as stream:
        stream.write('{"add": [{"id": "b", "title": "Cut')  # the stand-in killed mid-write
    assert titles(standin.Index(schema, journal)) == {"a": "Kept"}


def test_an_index_saved_whole_by_an_earlier_version_is_read(standin, schema, tmp_path):
    journal = tmp_path / "index.json"
    journal.write_text(json.dumps([{"id": "a", "title": "Old"}]), "utf-8")
    assert titles(standin.Index(schema, journal)) == {"a": "Old"}
    assert json.loads(journal.read_text("utf-8"))["add"][0]["title"] == "Old"


def test_a_delete_query_it_cannot_parse_changes_nothing(standin, schema, tmp_path):
    journal = tmp_path / "index.json"
    index = standin.Index(schema, journal)
    index.update([{"id": "a", "title": "Kept"}], [], [])
    with pytest.raises(standin.QueryError):
        index.update([{"id": "b", "title": "Not added"}], [], ["{!local}x"])
    assert titles(index) == titles(standin.Index(schema, journal)) == {"a": "Kept"}


def test_the_journal_is_compacted_once_the_updates_outgrow_the_index(standin, schema, tmp_path, monkeypatch):
    """A portal left running (the lab's) would append every write for ever."""
    monkeypatch.setattr(standin.Index, "COMPACT_MIN_BYTES", 0)
    journal = tmp_path / "index.json"
    index = standin.Index(schema, journal)
    for n in range(20):
        index.update([{"id": "a", "title": f"Title {n}"}], [], [])
        assert len(journal.read_text("utf-8").splitlines()) <= 3
    assert titles(standin.Index(schema, journal)) == {"a": "Title 19"}
