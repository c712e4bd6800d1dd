"""A downloaded .docx edited as WPS or Word would (python-docx: a paragraph changed, one inserted, one deleted, a
figure changed, a locked paragraph touched), imported back: a new version, the paragraph diff, the grounding."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import docx
import pytest

from assistant.errors import InputError
from assistant.grounding import USER_EDIT
from assistant.layout import blocks
from assistant.service.session import Session
from assistant.store import Store
from tests.conftest import EXAMPLES
from tests.test_cli import fulian


def _session(tmp_path: Path) -> Session:
    s = Session(Store(tmp_path / "docs.sqlite3"), owner="")
    s.draft_notes(EXAMPLES[0].read_text(encoding="utf-8"), None)
    return s


def _body(d: docx.document.Document, text: str) -> docx.text.paragraph.Paragraph:
    return next(p for p in d.paragraphs if p.text == text)


def _edited(s: Session, tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """The open document exported, then edited the way a colleague does it in WPS."""
    assert s.doc is not None
    own_line = {b.id for b in blocks(s.doc) if b.kind == "paragraph"}  # not a run-in heading's paragraph
    plain = [p for p in s.doc.paragraphs() if p.id in own_line and len(p.text) > 20 and "【" not in p.text]
    figure = next(p for p in plain if re.search(r"\d", p.text))
    changed, deleted, locked = [p for p in plain if p is not figure][:3]
    s.lock(locked.id, True)
    path = s.export(tmp_path, "docx")
    d = docx.Document(str(path))
    _body(d, changed.text).text = "这一段在WPS里整段重写了，新增走访困难妇女2000户。"
    fig = _body(d, figure.text)
    old_number = re.findall(r"\d+", figure.text)[-1]
    fig.text = "987".join(figure.text.rsplit(old_number, 1))
    gone = _body(d, deleted.text)
    gone._element.getparent().remove(gone._element)
    anchor = _body(d, locked.text)
    new = copy.deepcopy(anchor._element)
    anchor._element.addnext(new)
    inserted = docx.text.paragraph.Paragraph(new, anchor._parent)
    inserted.text = "这是同事在WPS里插入的一段，组织巾帼志愿者开展清洁家园行动5次。"
    anchor.text = locked.text + "领导审定后又加了一句。"
    out = tmp_path / "改过的.docx"
    d.save(str(out))
    return out, {"changed": changed.id, "figure": figure.id, "deleted": deleted.id, "locked": locked.id,
                 "number": old_number}


def test_an_edited_copy_comes_back_as_a_new_version(tmp_path: Path) -> None:
    s = _session(tmp_path)
    assert s.doc is not None and s.doc_id is not None
    before = s.doc.model_copy(deep=True)
    versions = len(s.store.versions(s.doc_id))
    path, ids = _edited(s, tmp_path)
    done = s.import_edit(path)

    assert done.version_id is not None and len(s.store.versions(s.doc_id)) == versions + 2  # lock + import
    kinds = {(c.kind, c.where) for c in done.changes}
    assert ("changed", ids["changed"]) in kinds and ("changed", ids["figure"]) in kinds
    assert ("removed", ids["deleted"]) in kinds and ("changed", ids["locked"]) in kinds
    added = [c for c in done.changes if c.kind == "added"]
    assert len(added) == 1 and "同事在WPS里插入" in added[0].new
    assert [c.where for c in done.locked_changed] == [ids["locked"]]
    assert len(done.changes) == 5  # nothing else moved

    doc = s.store.latest(s.doc_id)
    texts = [p.text for p in doc.paragraphs()]
    assert "这一段在WPS里整段重写了，新增走访困难妇女2000户。" in texts
    assert ids["deleted"] not in {p.id for p in doc.paragraphs()}
    where = [p.id for p in doc.paragraphs()].index(ids["locked"])
    assert "同事在WPS里插入" in doc.paragraphs()[where + 1].text  # inserted where it was typed
    assert doc.paragraphs()[where].locked and doc.paragraphs()[where].text.endswith("领导审定后又加了一句。")
    assert all(p.origin == "user" for p in doc.paragraphs() if p.id in (ids["changed"], ids["figure"]))

    own = {(t.paragraph_id, re.sub(r"\D", "", t.figure)) for t in done.by_hand}
    assert own == {(ids["changed"], "2000"), (ids["figure"], "987"), (added[0].where, "5")}, done.by_hand
    assert all(t.fact_id != USER_EDIT for t in done.grounding.traces
               if t.paragraph_id not in {ids["changed"], ids["figure"], added[0].where})

    old = s.store.version(s.store.versions(s.doc_id)[1].id)  # the history is all there
    assert old.paragraphs()[0].text == before.paragraphs()[0].text
    assert ids["deleted"] in {p.id for p in old.paragraphs()}
    s.undo(ids["changed"])
    assert s.paragraph(ids["changed"]).text == next(p.text for p in before.paragraphs() if p.id == ids["changed"])


def test_an_unchanged_copy_saves_nothing_and_a_wrong_file_is_refused(tmp_path: Path) -> None:
    s = _session(tmp_path)
    assert s.doc_id is not None
    versions = len(s.store.versions(s.doc_id))
    done = s.import_edit(s.export(tmp_path, "docx"))
    assert done.changes == [] and done.version_id is None and len(s.store.versions(s.doc_id)) == versions
    text = tmp_path / "改过的.txt"
    text.write_text("随便一段", encoding="utf-8")
    with pytest.raises(InputError, match=r"\.docx"):
        s.import_edit(text)


def test_import_edit_on_the_command_line(tmp_path: Path) -> None:
    s = _session(tmp_path)
    assert s.doc_id is not None
    path, _ = _edited(s, tmp_path)
    proc = fulian("import-edit", str(s.doc_id), str(path), "--data", str(tmp_path / "docs.sqlite3"),
                  "-o", str(tmp_path / "新版本.md"))
    assert proc.returncode == 0, proc.stderr
    assert "已导入修改稿" in proc.stdout and "锁定" in proc.stdout and "手工加入的数据" in proc.stdout
    assert "同事在WPS里插入" in (tmp_path / "新版本.md").read_text(encoding="utf-8")
    missing = fulian("import-edit", "999", str(path), "--data", str(tmp_path / "docs.sqlite3"))
    assert missing.returncode == 2 and "没有编号为 999 的文稿" in missing.stderr
