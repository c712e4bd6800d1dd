"""Autosave in a real SQLite file: documents, versions, restore, and many threads at once."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from conftest import EXAMPLES

from assistant.service.drafting import Notes, draft
from assistant.store import Store


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
