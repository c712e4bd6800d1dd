"""Hand-written facts files (.json/.yaml), and the level an organisation name implies."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from pydantic import ValidationError

from assistant.errors import InputError
from assistant.items import enrich
from assistant.prompts import doctypes, levels, yaml_data
from assistant.schemas import Facts


def level_of(organization: str) -> str:
    """The level (乡镇（街道）, 县（区）…) an organisation name implies, or ''."""
    return levels().match(organization).level


def load_facts(path: Path, text: str) -> Facts:
    """Load a hand-written facts file (.json/.yaml) and fill in what it leaves out."""
    try:
        data = json.loads(text) if path.suffix.lower() == ".json" else yaml_data(text)
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
