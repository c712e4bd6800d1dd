"""The notes parser reads the ways staff really write, and drops nothing."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.errors import InputError
from assistant.notes import parse_notes


def _texts(facts) -> list[str]:  # type: ignore[no-untyped-def]
    return [i.text for i in facts.all_items()]


def test_headers_and_dash_bullets() -> None:
    facts = parse_notes("单位：清水镇妇联\n年度：2026\n类型：工作计划\n- 巾帼大宣讲 30场\n- 新建妇女微家 4个\n")
    got = (facts.organization, facts.year, facts.doc_type, facts.level)
    assert got == ("清水镇妇联", 2026, "工作计划", "乡镇（街道）")
    assert _texts(facts) == ["巾帼大宣讲30场", "新建妇女微家4个"]
    assert [m.text for m in facts.items[0].metrics] == ["30场"]
    assert all(i.status == "planned" for i in facts.items)


@pytest.mark.parametrize("bullet", ["-", "•", "·", "1.", "1、", "（一）", "一、", "①", "*"])
def test_bullet_styles(bullet: str) -> None:
    facts = parse_notes(f"{bullet} 开展家庭教育讲座10场\n{bullet} 组织两癌筛查700人\n")
    assert _texts(facts) == ["开展家庭教育讲座10场", "组织两癌筛查700人"]


def test_nested_points_become_details() -> None:
    facts = parse_notes("1. 完成村妇联换届16个\n  （1）新增执委48名\n  （2）培训执委2期\n2. 调解纠纷12起\n")
    assert len(facts.items) == 2
    assert facts.items[0].details == ["新增执委48名", "培训执委2期"]
    assert [m.text for m in facts.items[0].metrics] == ["16个", "48名", "2期"]


def test_inline_yishi_and_semicolons_split() -> None:
    facts = parse_notes("- 一是走访慰问困难妇女86户；二是发放慰问金4.3万元\n- 开展读书会6场；开展亲子活动3场\n")
    assert _texts(facts) == ["走访慰问困难妇女86户", "发放慰问金4.3万元", "开展读书会6场", "开展亲子活动3场"]


def test_prose_gives_year_and_unit() -> None:
    facts = parse_notes("2025年，石桥镇妇联在镇党委领导下开展工作。\n开展宣讲三十余场，覆盖妇女1800余人次。\n")
    assert (facts.year, facts.organization, facts.doc_type) == (2025, "石桥镇妇联", "工作计划")
    assert facts.items[0].metrics[0].text == "三十余场"
    assert facts.items[0].metrics[0].approx == "余"


def test_title_line_and_groups() -> None:
    notes = ("青石社区妇联2025年工作总结\n主要工作：\n• 开展读书会6场\n存在问题：\n• 年轻妇女参与不多\n"
             "下一步：\n• 新建妇女微家2个\n保障措施：\n• 加强组织领导，定期调度\n")
    facts = parse_notes(notes)
    got = (facts.organization, facts.year, facts.doc_type, facts.level)
    assert got == ("青石社区妇联", 2025, "工作总结", "村（社区）")
    assert [i.status for i in facts.items] == ["done", "planned"]
    assert _texts(facts) == ["开展读书会6场", "新建妇女微家2个", "年轻妇女参与不多", "加强组织领导，定期调度"]
    assert len(facts.problems) == 1 and len(facts.measures) == 1


def test_area_labels_override_keywords_and_unknown_goes_to_other() -> None:
    facts = parse_notes("维权关爱：\n- 暑期课堂开班8期\n其他：\n- 配合做好人口普查\n")
    assert facts.items[0].area == "rights"
    facts = parse_notes("- 配合做好人口普查工作\n")
    assert facts.items[0].area == "other"


def test_custom_label_becomes_its_own_section() -> None:
    from assistant.outline import make_outline

    facts = parse_notes("【巾帼护河】\n- 组织巡河12次\n")
    assert [g.label for g in facts.groups] == ["巾帼护河"] and facts.items[0].group == facts.groups[0].id
    assert [s.title for s in make_outline(facts).sections if s.role == "work"] == ["巾帼护河"]


def test_tense_prefixes() -> None:
    facts = parse_notes("类型：工作总结\n- 已完成村妇联换届16个\n- 将持续开展家风建设\n")
    assert [(i.status, i.action, i.text) for i in facts.items] == [
        ("done", "完成", "完成村妇联换届16个"), ("planned", "持续开展", "持续开展家风建设")]


def test_full_width_digits_and_half_width_punctuation() -> None:
    facts = parse_notes("- 开展讲座１０场,覆盖家长 500余人\n")
    assert facts.items[0].text == "开展讲座10场，覆盖家长500余人"


@pytest.mark.parametrize("notes", ["单位：某镇妇联\n年度：2026\n", "存在问题：\n", "   \n\n"])
def test_no_items_is_a_clear_error(notes: str) -> None:
    with pytest.raises(InputError, match=r"工作事项|没有"):
        parse_notes(notes)


def test_bad_year_header() -> None:
    with pytest.raises(InputError, match="年度"):
        parse_notes("年度：明年\n- 开展讲座10场\n")


def test_facts_file_is_enriched(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from assistant.service.drafting import Notes, read_facts

    path = tmp_path / "facts.yaml"
    path.write_text("organization: 清水镇妇联\nyear: 2026\ndoc_type: 工作计划\nitems:\n"
                    "  - {id: a, text: 两癌筛查 700人}\n  - {id: b, text: 新建妇女微家4个}\n", encoding="utf-8")
    facts = read_facts(Notes(source=path)).facts
    assert facts.level == "乡镇（街道）"
    assert [(i.area, i.form, [m.text for m in i.metrics]) for i in facts.items] == [
        ("rights", "object", ["700人"]), ("organization", "verb_object", ["4个"])]


NOTE_CHARS = list("单位年度类型：:-•1.、（一）是二三30场人次余近约镇妇联开展宣讲新建微家存在问题下一步\n 　，。；")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(NOTE_CHARS), max_size=300))
def test_any_text_parses_or_fails_with_a_chinese_message(text: str) -> None:
    try:
        facts = parse_notes(text)
    except InputError as e:
        assert re.search(r"[\u4e00-\u9fff]", str(e))
        return
    assert facts.items
