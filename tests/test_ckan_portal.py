"""Integration tests against the real local CKAN portal (scripts/ckan/portal.sh).

Every dataset gets a unique name, so the tests can run again and again on the
same portal without cleaning it.
"""

from __future__ import annotations

import uuid
from pathlib import Path

import ckanapi
import pytest
import requests

from tests.ckan_portal import Portal

pytestmark = pytest.mark.ckan

CSV_BYTES = (
    "id,назва,сума\n"
    "1,Ремонт доріг,1250000.50\n"
    "2,Освітлення вулиць,310000\n"
    '3,"Парк ""Трускавецький""",99000\n'
).encode()


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


@pytest.fixture
def dataset(ckan_portal: Portal, ckan_org: str):
    """A fresh public dataset in the test organisation."""
    api = ckan_portal.api()
    pkg = api.action.package_create(
        name=unique("test-budget"),
        title="Тестовий бюджет міста",
        owner_org=ckan_org,
        notes="Created by tests/test_ckan_portal.py",
        tags=[{"name": "budget"}],
    )
    return pkg


def search_names(api: ckanapi.RemoteCKAN, **params) -> list[str]:
    result = api.action.package_search(rows=1000, **params)
    return [p["name"] for p in result["results"]]


def test_status_show(ckan_portal: Portal):
    status = ckan_portal.anonymous().action.status_show()
    assert status["ckan_version"] == "2.11.6"
    assert status["site_url"] == ckan_portal.url
    assert {"datastore", "activity"} <= set(status["extensions"])


def test_upload_and_download_byte_for_byte(ckan_portal: Portal, dataset, tmp_path: Path):
    api = ckan_portal.api()
    path = tmp_path / "budget.csv"
    path.write_bytes(CSV_BYTES)
    with path.open("rb") as fh:
        resource = api.action.resource_create(
            package_id=dataset["id"],
            name="Бюджет 2024",
            format="CSV",
            upload=fh,
        )
    assert resource["url_type"] == "upload"
    assert resource["url"].startswith(ckan_portal.url + "/dataset/")
    assert resource["url"].endswith("/budget.csv")

    response = requests.get(resource["url"], timeout=30)
    response.raise_for_status()
    assert response.content == CSV_BYTES

    shown = api.action.package_show(id=dataset["name"])
    assert [r["id"] for r in shown["resources"]] == [resource["id"]]


def test_datastore_create_and_search(ckan_portal: Portal, dataset):
    api = ckan_portal.api()
    created = api.action.datastore_create(
        resource={"package_id": dataset["id"], "name": "Видатки"},
        fields=[
            {"id": "id", "type": "int"},
            {"id": "назва", "type": "text"},
            {"id": "сума", "type": "numeric"},
        ],
        primary_key=["id"],
        records=[
            {"id": 1, "назва": "Ремонт доріг", "сума": 1250000.5},
            {"id": 2, "назва": "Освітлення вулиць", "сума": 310000},
        ],
        force=True,
    )
    resource_id = created["resource_id"]
    # The primary key makes upsert replace row 2 instead of adding a third row.
    api.action.datastore_upsert(
        resource_id=resource_id,
        method="upsert",
        force=True,
        records=[{"id": 2, "назва": "Освітлення вулиць", "сума": 320000}],
    )
    found = api.action.datastore_search(resource_id=resource_id, sort="id")
    assert found["total"] == 2
    rows = [(r["id"], r["назва"], float(r["сума"])) for r in found["records"]]
    assert rows == [(1, "Ремонт доріг", 1250000.5), (2, "Освітлення вулиць", 320000.0)]

    filtered = api.action.datastore_search(resource_id=resource_id, filters={"id": 1})
    assert [r["назва"] for r in filtered["records"]] == ["Ремонт доріг"]

    anon = ckan_portal.anonymous().action.datastore_search(resource_id=resource_id)
    assert anon["total"] == 2  # public dataset: the data is public too


def test_package_search_by_name_org_and_text(ckan_portal: Portal, ckan_org: str, dataset):
    api, anon = ckan_portal.api(), ckan_portal.anonymous()
    name = dataset["name"]
    assert search_names(anon, q=f"name:{name}") == [name]
    assert name in search_names(anon, fq=f"organization:{ckan_org}")
    assert name in search_names(anon, q="бюджет", fq=f"organization:{ckan_org}")
    assert name in search_names(api, fq="tags:budget")
    assert name not in search_names(anon, fq="organization:no-such-org")

    org = anon.action.organization_show(id=ckan_org)
    assert org["package_count"] >= 1


def test_private_dataset_is_hidden_from_anonymous(ckan_portal: Portal, ckan_org: str):
    api, anon = ckan_portal.api(), ckan_portal.anonymous()
    name = unique("test-private")
    api.action.package_create(name=name, title="Private draft", owner_org=ckan_org, private=True)

    with pytest.raises(ckanapi.NotAuthorized):
        anon.action.package_show(id=name)
    assert search_names(anon, q=f"name:{name}") == []
    assert search_names(api, q=f"name:{name}", include_private=True) == [name]


def test_package_delete_removes_from_search(ckan_portal: Portal, dataset):
    api = ckan_portal.api()
    name = dataset["name"]
    assert search_names(api, q=f"name:{name}") == [name]

    api.action.package_delete(id=name)

    assert search_names(api, q=f"name:{name}") == []
    assert search_names(api, q=f"name:{name}", include_private=True) == []
    assert api.action.package_show(id=name)["state"] == "deleted"


def test_a_second_lab_does_not_take_over_a_running_portals_ports(ckan_portal: Portal, tmp_path: Path):
    # another checkout's portal holds the ports: fail at once and say so, instead of
    # talking to the other portal's PostgreSQL or dying in Redis' log
    import os
    import subprocess

    from tests.ckan_portal import PORTAL_SCRIPT

    env = {**os.environ, "OPENDATA_CKAN_LAB": str(tmp_path / "other-lab")}
    done = subprocess.run(["bash", str(PORTAL_SCRIPT), "up"], env=env, capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode == 1
    assert "port 55432 (PostgreSQL) is in use by another program" in done.stderr
    assert not (tmp_path / "other-lab" / "venv").exists()  # nothing installed
    assert ckan_portal.anonymous().action.status_show()["site_url"] == ckan_portal.url
