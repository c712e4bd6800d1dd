"""Exit codes that do not hide failure: a draft whose every part timed out exits 3 and says so; a polish that
times out on some paragraphs keeps the ones that succeeded and names the others."""

from __future__ import annotations

from pathlib import Path

from fake_openai import FakeOpenAI, grounded

from hostile.test_input_doors import fulian

NOTES = "石桥镇妇联2026年工作计划\n- 开展巾帼宣讲30场，覆盖妇女1000人次\n- 新建妇女微家5个\n- 组织两癌筛查800人\n"


def test_a_draft_whose_every_part_timed_out_exits_3(tmp_path: Path) -> None:
    (tmp_path / "n.txt").write_text(NOTES, encoding="utf-8")
    server = FakeOpenAI(grounded, latency=3.0).start()
    try:
        proc = fulian("draft", "n.txt", "-o", "n.md", "--backend", "llm", cwd=tmp_path,
                      env={"FULIAN_BASE_URL": server.url, "FULIAN_MODEL": "test-model", "FULIAN_TIMEOUT": "0.5",
                           "FULIAN_RETRIES": "0"})
    finally:
        server.stop()
    assert proc.returncode == 3, (proc.returncode, proc.stderr[-1500:])
    assert "一部分也没有写成" in proc.stderr and "Traceback" not in proc.stderr
    assert "30场" in (tmp_path / "n.md").read_text(encoding="utf-8")  # the template's text is kept, not lost


def test_a_polish_that_times_out_on_one_line_keeps_the_others(tmp_path: Path) -> None:
    from fake_openai import ORIGINAL, Reply

    text = ("今年活动搞得挺好,妇女参与热情很高。\n第二段：全年开展巾帼宣讲活动效果挺好。\n"
            "第三段：妇女微家建设搞得不错。\n")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    calls = []

    def slow_second(body: dict[str, object]) -> Reply:
        calls.append(1)
        found = ORIGINAL.search(str(body["messages"][-1]["content"]))  # type: ignore[index]
        reply = (found.group(1) if found else "").replace("搞得", "开展得")
        return Reply(reply, delay=3.0) if len(calls) == 2 else Reply(reply)

    server = FakeOpenAI(slow_second).start()
    try:
        proc = fulian("polish", "a.txt", "-o", "b.txt", "--backend", "llm", "--allow-personal", cwd=tmp_path,
                      env={"FULIAN_BASE_URL": server.url, "FULIAN_MODEL": "test-model", "FULIAN_TIMEOUT": "0.5",
                           "FULIAN_RETRIES": "0"})
    finally:
        server.stop()
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr[-1500:]
    assert "第2行模型没有润色成" in proc.stderr, proc.stderr
    lines = (tmp_path / "b.txt").read_text(encoding="utf-8").splitlines()
    assert lines[1] == text.splitlines()[1]  # kept as it was
    assert len(calls) == 3  # the third line was still sent after the second timed out
