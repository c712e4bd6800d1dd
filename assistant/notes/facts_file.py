"""Hand-written facts files (.json/.yaml), and the level an organisation name implies."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from assistant.errors import InputError
from assistant.ingest import clean
from assistant.items import enrich
from assistant.prompts import doctypes, levels, yaml_data
from assistant.schemas import Facts


def level_of(organization: str) -> str:
    """The level (乡镇（街道）, 县（区）…) an organisation name implies, or ''."""
    return levels().match(organization).level


MAX_DEPTH = 20  # a facts file is four levels deep; far deeper is not a facts file (and would exhaust the stack)


def _depth(text: str) -> int:
    """An upper bound on how deeply the file nests: brackets open at once, or indentation steps."""
    depth = deepest = 0
    for c in text:
        if c in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif c in "]}":
            depth -= 1
    indents = {len(ln) - len(ln.lstrip(" ")) for ln in text.splitlines() if ln.strip()}
    return max(deepest, len(indents))


def _visible(data: Any) -> Any:
    """The parsed data with invisible characters taken out of every string (a JSON file can escape them)."""
    if isinstance(data, str):
        return clean(data)[0]
    if isinstance(data, list):
        return [_visible(v) for v in data]
    if isinstance(data, dict):
        return {_visible(k): _visible(v) for k, v in data.items()}
    return data


def load_facts(path: Path, text: str) -> Facts:
    """Load a hand-written facts file (.json/.yaml) and fill in what it leaves out."""
    if _depth(text) > MAX_DEPTH:
        raise InputError(f"{path.name} 嵌套了 {_depth(text)} 层，不像是事实文件（正常只有三四层），请检查文件内容")
    try:
        data = _visible(json.loads(text) if path.suffix.lower() == ".json" else yaml_data(text))
        facts = Facts.model_validate(data)
    except (json.JSONDecodeError, yaml.YAMLError) as e:
        raise InputError(f"{path.name} 格式有误：{str(e).splitlines()[0]}") from e
    except ValidationError as e:
        err = e.errors()[0]
        where = ".".join(str(x) for x in err["loc"])
        raise InputError(f"{path.name} 的字段“{where}”有误：{err['msg']}") from e
    if facts.doc_type not in (None, *doctypes()):
        raise InputError(f"{path.name}：不支持的文稿类型“{facts.doc_type}”，可选：{'、'.join(doctypes())}")
    if not facts.items:
        raise InputError(f"{path.name} 里没有工作事项（items 为空）")
    update: dict[str, object] = {
        "items": [enrich(i) for i in facts.items],
        "problems": [enrich(i).model_copy(update={"area": "problems"}) for i in facts.problems],
        "measures": [enrich(i).model_copy(update={"area": "measures"}) for i in facts.measures],
    }
    if facts.organization and not facts.level:
        update["level"] = level_of(facts.organization)
    return facts.model_copy(update=update)
