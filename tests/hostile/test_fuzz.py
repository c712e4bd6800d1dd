"""Generated notes through draft → export → check → polish → rewrite: no exception that is not the product's
own (an InputError with a Chinese message). FULIAN_FUZZ=5000 runs the full count (bench/hostile.py says how)."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import pytest

from assistant.choices import Mode
from assistant.errors import InputError
from assistant.export.markdown import to_markdown
from assistant.service.checking import check_text, polish
from assistant.service.drafting import Notes, draft
from assistant.service.exporting import export
from assistant.service.rewriting import OldDocument, rewrite
from hostile.inputs import fuzz_notes

COUNT = int(os.environ.get("FULIAN_FUZZ", "150"))


def _through_everything(text: str, folder: Path) -> None:
    try:
        done = draft(Notes(text=text))
    except InputError:
        return
    export(done.document, folder / "a.docx")
    export(done.document, folder / "a.md")
    body = to_markdown(done.document)
    check_text(body, None, do_fix=True)
    polish(body)
    with contextlib.suppress(InputError):  # a draft with no body left to rewrite says so in Chinese
        rewrite(OldDocument(body), 2027, Mode.plan, {}, None)


@pytest.mark.parametrize("block", range(3))
def test_generated_notes_never_raise_anything_but_a_chinese_error(block: int, tmp_path: Path) -> None:
    failures = []
    for seed in range(block, COUNT, 3):
        try:
            _through_everything(fuzz_notes(seed), tmp_path)
        except InputError as e:
            assert any("\u4e00" <= c <= "\u9fff" for c in str(e)), (seed, str(e))
        except Exception as e:  # collecting every crash, not hiding one
            failures.append((seed, f"{type(e).__name__}: {str(e)[:160]}"))
    assert not failures, failures[:10]
