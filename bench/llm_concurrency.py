"""Wall time of a model draft with 1.0 s latency per call: concurrency 6 against one call at a time.

Runs against the OpenAI-compatible test server (tests/fake_openai.py) on 127.0.0.1; nothing leaves the machine.
Target: the 6-call document in <= 1.6 s at concurrency 6, and >= 6 s sequentially.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from fake_openai import FakeOpenAI, grounded  # noqa: E402

from assistant.ingest import read_source  # noqa: E402
from assistant.llm.settings import ModelSettings  # noqa: E402
from assistant.llm.writer import LLMWriter, units_of  # noqa: E402
from assistant.notes import parse_notes  # noqa: E402
from assistant.pipeline import draft, template_draft  # noqa: E402
from assistant.resources import examples_dir  # noqa: E402

LATENCY = 1.0
NOTES = """单位：云溪镇妇联
年度：2026
类型：工作计划
- 开展巾帼大宣讲40场
- 新建妇女微家5个
- 举办电商直播培训6期，培训240人次
- 开展最美家庭寻访，推选最美家庭20户
"""


def timed(text: str, server: FakeOpenAI, concurrency: int) -> tuple[float, LLMWriter, int]:
    """Seconds to draft the notes, the writer (for its usage), and the number of model calls."""
    settings = ModelSettings(_env_file=None, base_url=server.url, model="test-model", api_key="sk-bench",  # type: ignore[call-arg]
                             concurrency=concurrency, stream_usage=True)
    writer = LLMWriter(settings)
    facts = parse_notes(text)
    before = len(server.requests)
    start = time.perf_counter()
    doc = draft(facts, model=writer)
    took = time.perf_counter() - start
    assert all(p.origin != "template" for p in doc.paragraphs() if p.fact_ids), doc.warnings
    return took, writer, len(server.requests) - before


def main() -> None:
    server = FakeOpenAI(grounded, latency=LATENCY).start()
    try:
        doc, ctx, outline = template_draft(parse_notes(NOTES), None, None)
        calls = len(units_of(ctx, doc, outline.sections))
        seq, _, _ = timed(NOTES, server, 1)
        par, writer, n = timed(NOTES, server, 6)
        print(f"test server latency {LATENCY:.1f} s per call; document: {calls} sections, {n} model calls")
        print(f"sequential (concurrency 1): {seq:.2f} s")
        print(f"concurrent (concurrency 6): {par:.2f} s")
        print(f"speed-up: {seq / par:.1f}x")
        print(f"prompt tokens per document: {writer.usage.prompt_tokens} "
              f"(completion {writer.usage.completion_tokens}; as counted by the test server)")
        print("bundled examples at concurrency 6:")
        for path in sorted(examples_dir().glob("*.txt")):
            took, w, n = timed(read_source(path), server, 6)
            print(f"  {path.stem}: {n} calls, {took:.2f} s, {w.usage.prompt_tokens} prompt tokens")
    finally:
        server.stop()


if __name__ == "__main__":
    main()
