"""Autosave in a real SQLite file: documents, versions, restore, and many threads at once."""

from __future__ import annotations

import json
import shutil
import sqlite3
import threading
from pathlib import Path

import pytest
from conftest import EXAMPLES

from assistant import store as store_module
from assistant.errors import InputError
from assistant.service.drafting import Notes, draft
from assistant.store import DOCUMENT_SCHEMA, Store


def test_versions_are_kept_and_restorable(tmp_path: Path) -> None:
    store = Store(tmp_path / "a.sqlite3")
    doc = draft(Notes(source=EXAMPLES[0])).document
    doc_id = store.create(doc, owner="alice")
    first = store.versions(doc_id)[0].id
    edited = doc.model_copy(deep=True)
    edited.preamble[0].text = "用户改过的开头。"
    store.save(doc_id, edited, "编辑开头")
    assert store.latest(doc_id).preamble[0].text == "用户改过的开头。"
    assert [v.note for v in store.versions(doc_id)] == ["编辑开头", "新建"]
    store.restore(doc_id, first)
    assert store.latest(doc_id) == doc and len(store.versions(doc_id)) == 3
    again = Store(tmp_path / "a.sqlite3")  # a restart finds everything
    assert again.recent("alice")[0].id == doc_id and again.recent("bob") == []
    with pytest.raises(KeyError):
        again.latest(999)


def test_concurrent_writers(tmp_path: Path) -> None:
    store = Store(tmp_path / "b.sqlite3")
    doc = draft(Notes(source=EXAMPLES[1])).document
    ids: list[int] = []

    def work(n: int) -> None:
        doc_id = store.create(doc, owner=f"user{n}")
        for k in range(5):
            store.save(doc_id, doc, f"第{k}次")
        ids.append(doc_id)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(ids)) == 10 and all(len(store.versions(i)) == 6 for i in ids)


FIXTURE = Path(__file__).parent / "data" / "store" / "saved_by_v1.sqlite3"  # written by the store before schemas


def _rows(path: Path) -> list[tuple[int, int]]:
    with sqlite3.connect(path) as db:
        return db.execute("SELECT id, schema FROM versions ORDER BY id").fetchall()


def test_a_file_saved_before_schema_versions_opens_and_keeps_working(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    shutil.copy(FIXTURE, path)
    store = Store(path)
    doc = store.latest(1)
    assert doc.preamble[0].text == "用户改过的开头（旧版本保存）。" and doc.title == "云溪镇妇联2026年工作计划"
    assert [v.note for v in store.versions(1)] == ["编辑 p1", "起草"]
    assert store.recent("staff")[0].versions == 2
    doc.preamble[0].text = "新版本里又改了一次。"
    store.save(1, doc, "编辑 p1")
    assert store.latest(1).preamble[0].text == "新版本里又改了一次。"
    assert store.version(_rows(path)[0][0]).preamble[0].text != doc.preamble[0].text  # the first version is intact
    assert _rows(path) == [(1, 1), (2, 1), (3, DOCUMENT_SCHEMA)]


def test_an_old_body_is_upgraded_step_by_step(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A later schema that renames a field: bodies saved before it still open, through the migration step."""
    store = Store(tmp_path / "c.sqlite3")
    doc = draft(Notes(source=EXAMPLES[0])).document
    doc_id = store.create(doc, owner="u")
    body = json.loads(doc.model_dump_json())
    body["heading"] = body.pop("title")  # how the document looked under the imagined schema
    with sqlite3.connect(store.path) as db:
        db.execute("UPDATE versions SET body = ?, schema = ? WHERE document_id = ?",
                   (json.dumps(body, ensure_ascii=False), DOCUMENT_SCHEMA + 1, doc_id))
    monkeypatch.setattr(store_module, "DOCUMENT_SCHEMA", DOCUMENT_SCHEMA + 2)
    monkeypatch.setitem(store_module.MIGRATIONS, DOCUMENT_SCHEMA + 1,
                        lambda b: {**{k: v for k, v in b.items() if k != "heading"}, "title": b["heading"]})
    assert store.latest(doc_id) == doc


def test_a_file_from_a_newer_version_is_refused_in_chinese(tmp_path: Path) -> None:
    store = Store(tmp_path / "d.sqlite3")
    doc_id = store.create(draft(Notes(source=EXAMPLES[0])).document)
    with sqlite3.connect(store.path) as db:
        db.execute("UPDATE versions SET schema = ?", (DOCUMENT_SCHEMA + 1,))
    with pytest.raises(InputError, match="更新版本的文稿助手"):
        store.latest(doc_id)
