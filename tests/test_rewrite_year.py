"""Rewriting for a new year without false year facts: year-bound phrases are recomputed or marked, outdated
wording is marked and listed, a plan states tasks (not results) and turns each problem into its own measure."""

from __future__ import annotations

import re

import pytest

from assistant.export.markdown import to_markdown
from assistant.rewrite.clean import clean
from assistant.rewrite.figures import statistics
from assistant.rewrite.modes import Rewritten, rewrite
from assistant.rewrite.parse import parse
from assistant.rewrite.tense import as_plan
from assistant.schemas import section_paragraphs
from assistant.yearbound import misfits

OLD = """石桥镇妇联2025年工作总结
2025年是“十四五”规划收官之年。一年来，镇妇联牢固树立和落实科学发展观，组织开展“双学双比”活动，隆重庆祝新中国成立76周年。
一、组织建设
通过培训，进一步提升了执委的政治素质，全年开展巾帼宣讲30场，受到群众一致好评。已建成妇女微家12个。
二、存在的问题
虽然取得了一定成绩，但也存在一些问题：一是活动形式比较单一；二是经费保障不足；三是部分村妇联执委作用发挥不够充分。
三、下一步工作打算
2026年是“十五五”开局之年，镇妇联将继续推进社会主义新农村建设，宣传好2021年1月1日起施行的《中华人民共和国民法典》。
"""


def _rewrite(mode: str, text: str = OLD) -> Rewritten:
    return rewrite(parse(clean(text))[0], 2026, mode)  # type: ignore[arg-type]


@pytest.mark.parametrize("mode", ["summary", "plan"])
def test_no_year_bound_phrase_is_moved_into_a_false_fact(mode: str) -> None:
    r = _rewrite(mode)
    md = to_markdown(r.document)
    assert "2027年是“十五五”开局之年" not in md and "“十四五”规划收官之年" not in md.replace("【", "\n【")
    assert not misfits(md, 2026, mode)
    assert "新中国成立【待补" not in md  # an anniversary is checked for its year, not asked for a new value
    assert "2021年1月1日起施行" in md  # a law's date is history: not moved with the years


def test_summary_opening_takes_the_target_year_own_phrase() -> None:
    md = to_markdown(_rewrite("summary").document)
    assert md.splitlines()[2].startswith("2026年是“十五五”开局之年")


@pytest.mark.parametrize("mode", ["summary", "plan"])
def test_outdated_wording_is_marked_and_listed(mode: str) -> None:
    r = _rewrite(mode)
    md = to_markdown(r.document)
    for phrase in ("牢固树立和落实科学发展观", "双学双比", "社会主义新农村建设"):
        assert f"【待核：原为{phrase}】" in md or phrase not in md, phrase
        assert phrase in r.to_verify or phrase not in md, phrase
    assert not re.search(r"【待核：原为[^】]*【", md)  # overlapping findings are marked once


def test_a_plan_states_tasks_not_results() -> None:
    doc = _rewrite("plan").document
    work = "".join(p.text for s in doc.sections if s.role == "work" for p in section_paragraphs(s))
    assert "提升了" not in work and "受到群众一致好评" not in work and "已建成" not in work
    assert "进一步提升执委的政治素质" in work and "力争建成妇女微家" in work
    opening = "".join(p.text for p in doc.preamble)
    assert opening.count("“十五五”开局之年") == 1
    later = "".join(p.text for s in doc.sections for p in section_paragraphs(s))
    assert "2026年是“十五五”开局之年" not in later  # the old 下一步 does not repeat the plan's opening


def test_each_problem_becomes_its_own_measure() -> None:
    doc = _rewrite("plan").document
    measures = [p.text for s in doc.sections if s.role == "measures" for p in s.paragraphs][:3]
    assert measures[0].startswith("丰富活动形式") and measures[1].startswith("加强经费保障")
    assert measures[2].startswith("充分发挥村妇联执委作用")
    assert not any("存在一些问题" in m for m in measures)  # the section's intro is not a problem
    grams = [{m[i:i + 12] for i in range(len(m) - 11)} for m in measures]
    assert not (grams[0] & grams[1]) and not (grams[1] & grams[2])  # no shared formula


def test_evaluation_clauses_leave_the_plan_but_figures_stay() -> None:
    assert as_plan("活动反响良好，覆盖妇女300人次，受到群众好评。") == "将覆盖妇女300人次。"
    assert "好评" not in as_plan("开展宣讲10场，受到群众好评。")
    assert as_plan("为了解妇女需求，走访了困难家庭。") == "为了解妇女需求，走访困难家庭。"  # 为了解 keeps its 了


def test_chat_lines_above_the_title_are_not_the_title() -> None:
    pasted = "主任，这是今年总结初稿，您看看\n附件：2025年工作总结.docx\n" + OLD
    cleaned = clean(pasted)
    assert cleaned.text.splitlines()[0] == "石桥镇妇联2025年工作总结"
    assert any(r.why.startswith("标题前") for r in cleaned.removed)
    assert parse(cleaned)[0].title == "石桥镇妇联2025年工作总结"


def test_parts_and_places_are_not_figures() -> None:
    assert [f.text for f in statistics("第二部分存在的问题，第3条。全年开展活动12场。")] == ["12场"]
    doc = parse(clean("石桥镇妇联2025年工作总结\n第一部分 主要工作\n一、组织建设\n开展活动12场。\n"
                      "第二部分 存在的问题\n（一）经费保障不足。\n"))[0]
    assert [s.heading for s in doc.sections] == ["主要工作", "存在的问题"]
    assert doc.sections[1].role == "problems" and doc.sections[0].children[0].heading == "组织建设"


def test_page_metadata_is_debris_not_a_title_or_a_figure() -> None:
    from assistant.choices import Mode
    from assistant.service.rewriting import OldDocument
    from assistant.service.rewriting import rewrite as rewrite_job

    page = ("https://www.fanwen-example.com/jihua/2025/1208.html\n更新时间：2025-12-08 来源：网友投稿 阅读：3021\n"
            "|计划|\n社区妇联工作计划(精选7篇)\n" + OLD)
    done = rewrite_job(OldDocument(page), 2026, Mode.summary, {}, None)
    assert done.document.title == "石桥镇妇联2026年工作总结"
    md = to_markdown(done.document)
    assert "原为2025】" not in md and "3021" not in md and "精选" not in md and "网友投稿" not in md
    said = " ".join(r.text for r in done.imported.cleaned.removed)
    assert "网友投稿" in said and "精选7篇" in said  # listed, not dropped silently


def test_a_two_digit_year_is_written_out_and_moved() -> None:
    old = "石桥镇妇联2025年工作总结\n一、关爱服务\n全年筛查186人，比24年多40人。\n"
    md = to_markdown(_rewrite("summary", old).document)
    assert "比2025年多" in md and "24】" not in md and "原为24" not in md


def test_a_chat_signature_under_the_document_is_debris() -> None:
    cleaned = clean(OLD + "石桥镇妇联\n2025年12月\n——小林 12月20日 下午5:42\n")
    assert "小林" not in cleaned.text and any("小林" in r.text for r in cleaned.removed)


def test_next_year_tasks_join_the_work_part_of_their_kind() -> None:
    old = ("石桥镇妇联2025年工作总结\n一、维护妇女儿童合法权益\n"
           "全年调处婚姻家庭纠纷23件，开展反家暴宣传12场，为困难妇女提供法律援助。\n"
           "二、加强妇联组织建设\n举办执委培训班2期，新建巾帼微家6个，执委联系服务妇女群众。\n"
           "三、下一步工作打算\n（一）深化维权服务。联合司法所调处婚姻家庭纠纷，推进反家暴工作和法律援助。\n"
           "（二）开展一项新的尝试。具体做法待定。\n")
    doc = _rewrite("plan", old).document
    rights = next(s for s in doc.sections if s.heading.startswith("维护妇女儿童"))
    assert any("深化维权服务" in c.heading for c in rights.children)  # moved to the part of its kind
    rest = [s for s in doc.sections if s.role == "next_steps"]
    assert rest and "开展一项新的尝试" in rest[0].children[0].heading  # unsure: stays where it was, plainly


PANDEMIC = """泉口镇妇联2020年工作总结
一、主要工作
（一）闻令而动，在疫情防控中彰显巾帼担当
疫情发生后，镇妇联第一时间向全镇妇女发出倡议书，组建巾帼志愿服务队14支。
（二）深化家庭文明建设
认真学习贯彻党的十九大和十九届四中、五中全会精神，开展家庭教育讲座20场。
"""


def test_a_part_about_work_that_is_over_is_named_as_such() -> None:
    r = _rewrite("summary", PANDEMIC)
    assert r.stale_parts == ["闻令而动，在疫情防控中彰显巾帼担当"]  # 家庭文明建设 is not over


def test_a_plan_does_not_carry_last_years_one_off_event_as_a_task() -> None:
    md = to_markdown(_rewrite("plan", PANDEMIC).document)
    event = next(line for line in md.splitlines() if "发生后" in line)
    assert event.startswith("【待核：这是上一年的具体事情")
    lecture = next(line for line in md.splitlines() if "家庭教育讲座" in line)
    assert "【待核：这是" not in lecture


def test_a_mark_that_takes_in_a_figure_does_not_shift_the_others() -> None:
    md = to_markdown(_rewrite("summary", PANDEMIC).document)
    assert "党的二十大和二十届历次全会精神" in md  # 学习贯彻…精神: a safe current equivalent
    assert "家庭教育讲座【待补：原为20场】" in md and "原为十九届" not in md


def test_a_formulation_is_replaced_only_once_it_is_outdated() -> None:
    text = "石桥镇妇联2021年工作总结\n一、主要工作\n深入学习贯彻党的十九大精神，开展宣讲8场。\n"
    before_the_congress = to_markdown(rewrite(parse(clean(text))[0], 2022, "plan").document)  # type: ignore[arg-type]
    line = next(x for x in before_the_congress.splitlines() if "宣讲" in x)
    assert "二十大" not in line and "党的十九大" in line  # the 二十大 met in October 2022: kept, to be checked


@pytest.mark.parametrize("mode", ["summary", "plan"])
def test_what_the_old_year_was_is_not_said_of_the_new_one(mode: str) -> None:
    text = ("平安县妇联2014年工作总结\n2014年是全面深化改革的开局之年，也是实施“十二五”规划承上启下的关键一年。"
            "一年来，县妇联开展宣讲30场。\n一、主要工作\n开展“两癌”检查1200人。\n")
    md = to_markdown(rewrite(parse(clean(text))[0], 2026, mode).document)  # type: ignore[arg-type]
    assert "【待核：原为全面深化改革的开局之年】" in md or mode == "plan"  # a plan opens with its own preamble
    assert "2026年是全面深化改革" not in md and "2027年是全面深化改革" not in md


def test_a_year_that_did_not_move_keeps_what_it_was() -> None:
    text = "平安县妇联2025年工作总结\n一、主要工作\n2021年是“十四五”开局之年，当年建成妇女微家12个。\n"
    md = to_markdown(_rewrite("summary", text).document)
    assert "2021年是“十四五”开局之年" in md


def test_a_plan_rewritten_keeps_its_own_measures_and_one_jiang_a_sentence() -> None:
    old = ("柳河镇妇联2025年工作计划\n一、加强自身建设\n"
           "举办村妇联主席培训班2期；建立执委联系妇女群众制度；办好微信公众号。\n二、保障措施\n一是加强组织领导，主动向镇党委汇报妇女工作。二是强化经费保障，整合部门项目资金。\n")
    doc = _rewrite("plan", old).document
    md = to_markdown(doc)
    assert "主动向镇党委汇报妇女工作" in md and "整合部门项目资金" in md  # the user's measures, not a template's
    line = next(x for x in md.splitlines() if "培训班" in x)
    assert line.count("将") <= 1


def test_what_a_moved_year_was_is_listed_as_well_as_marked() -> None:
    text = "平安县妇联2020年工作总结\n2020年是极不平凡的一年。\n一、主要工作\n开展宣讲8场。\n"
    assert "极不平凡的一年" in _rewrite("summary", text).to_verify


def test_a_next_year_paragraph_that_repeats_the_opening_keeps_its_subject() -> None:
    text = ("平安县妇联2025年工作总结\n一、主要工作\n开展宣讲8场。\n二、下一步工作打算\n"
            "2026年是“十五五”开局之年，也是妇联改革深化之年。县妇联将持续推进基层组织建设。\n")
    md = to_markdown(_rewrite("plan", text).document)
    assert "2026年也是妇联改革深化之年" in md and "\n也是" not in md


def test_a_plan_says_no_work_is_already_done() -> None:
    assert as_plan("逐条制定整改措施，目前已整改到位41条，已办结信访案件9件。") == \
        "逐条制定整改措施，力争整改到位41条，力争办结信访案件9件。"
    assert "已有" in as_plan("全县已有妇女微家12个。")  # a standing fact, not a completion


def test_last_years_honour_is_marked_at_its_clause_not_over_the_whole_sentence() -> None:
    out = as_plan("推选县级“最美家庭”100户，其中2户被评为市级“最美家庭”。")
    assert out.startswith("推选县级“最美家庭”100户，【待核：这是上一年的具体事情")


def test_a_measure_does_not_say_a_long_problem_twice() -> None:
    from assistant.rewrite.measures import measure

    assert measure("运用微博等网络新媒体联系服务妇女的能力还不强") == "加强运用微博等网络新媒体联系服务妇女的能力。"
    assert measure("活动形式比较单一") == "丰富活动形式，着力解决活动形式比较单一的问题。"  # a short one is named


def test_a_pasted_table_keeps_its_cells_apart() -> None:
    done = clean("柳营乡妇联2025年工作总结\n序号  工作内容      完成情况\n"
                 "7     家庭教育讲座  12场\n8\t春蕾计划资助女童\t12名\n")
    assert "家庭教育讲座，12场。" in done.text and "春蕾计划资助女童，12名。" in done.text
    assert "7家庭" not in done.text and any("表头" in r.why for r in done.removed)
