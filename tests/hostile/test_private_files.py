"""Where the drafts and the workbench's copies live: owner-only; a mistyped ID number is still an ID; a model
switched on by a .env file says so."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from assistant.service.privacy import anonymise, personal_data
from assistant.store import Store
from hostile.test_input_doors import fulian


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_drafts_file_and_its_folder_are_owner_only(tmp_path: Path) -> None:
    from assistant.service.drafting import Notes, draft

    store = Store(tmp_path / "new" / "drafts.sqlite3")
    store.create(draft(Notes(text="石桥镇妇联2026年工作计划\n- 开展巾帼宣讲30场\n")).document, "owner")
    assert {f.name for f in (tmp_path / "new").iterdir()} >= {"drafts.sqlite3"}
    assert _mode(tmp_path / "new") == 0o700
    for f in (tmp_path / "new").iterdir():
        assert _mode(f) & 0o077 == 0, (f.name, oct(_mode(f)))


def test_the_workbench_keeps_its_copies_in_an_owner_only_folder(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from assistant.ui.app import serve

    monkeypatch.setenv("GRADIO_TEMP_DIR", "unset")  # so that what serve() sets is undone after the test
    monkeypatch.delenv("GRADIO_TEMP_DIR")
    demo = serve("127.0.0.1", None, None, Store(tmp_path / "data" / "drafts.sqlite3"), block=False)
    try:
        uploads = Path(os.environ["GRADIO_TEMP_DIR"])
        assert uploads == tmp_path / "data" / "uploads" and _mode(uploads) == 0o700
        assert demo.delete_cache == (600, 3600)
    finally:
        demo.close()


def test_a_mistyped_id_number_is_still_an_id() -> None:
    text = "申请人身份证号110105194912310021，联系电话13800138000。"  # the check digit should be 9
    assert "110105194912310021" in personal_data(text)
    assert "110105194912310021" not in anonymise(text)
    assert personal_data("订单编号123456789012345678") == []  # not shaped like an ID (no birth date)


def test_a_model_switched_on_by_a_dotenv_file_says_so(tmp_path: Path, llm_server: object) -> None:
    (tmp_path / ".env").write_text(f"FULIAN_BASE_URL={llm_server.url}\nFULIAN_MODEL=test-model\n",  # type: ignore[attr-defined]
                                   encoding="utf-8")
    (tmp_path / "n.txt").write_text("石桥镇妇联2026年工作计划\n- 开展巾帼宣讲30场\n", encoding="utf-8")
    proc = fulian("draft", "n.txt", "-o", "n.md", cwd=tmp_path)
    assert ".env" in proc.stderr and "--backend template" in proc.stderr, proc.stderr
