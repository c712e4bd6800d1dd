"""Figures are found with their units and approximation markers; idioms are not figures."""

import pytest

from assistant.numbers import find_figures, same_unit


@pytest.mark.parametrize(("text", "expected"), [
    ("巾帼大宣讲30场", [("30场", 30, "场", "")]),
    ("覆盖妇女1200余人次", [("1200余人次", 1200, "人次", "余")]),
    ("筹集资金近5万元", [("近5万元", 50000, "万元", "近")]),
    ("走访三十余户", [("三十余户", 30, "户", "余")]),
    ("两千三百人以上", [("两千三百人以上", 2300, "人", "以上")]),
    ("成功率95%", [("95%", 95, "%", "")]),
    ("筛查2.2万人", [("2.2万人", 22000, "万人", "")]),
    ("约200名志愿者", [("约200名", 200, "名", "约")]),
])
def test_counts(text: str, expected: list[tuple[str, float, str, str]]) -> None:
    got = [(f.text, f.number, f.unit, f.approx) for f in find_figures(text) if f.kind == "number"]
    assert got == expected


@pytest.mark.parametrize("text", ["一是加强领导", "进一步提升", "“十五五”开局之年", "两癌筛查", "一批典型",
                                  "二十届四中全会", "一老一小", "统一部署"])
def test_idioms_are_not_figures(text: str) -> None:
    assert find_figures(text) == []


def test_years_dates_titles() -> None:
    kinds = {f.kind: f.text for f in find_figures("2026年3月8日学习《家庭教育促进法》，2025年底完成")}
    assert kinds == {"date": "2026年3月8日", "title": "《家庭教育促进法》", "year": "2025年"}


def test_same_unit() -> None:
    assert same_unit("场", "场次") and same_unit("人", "名") and same_unit("万人", "人")
    assert not same_unit("人", "户")


def test_numbering_numerals_read_back_for_every_mark_below_1000() -> None:
    """The checker reads 一、…九百九十九、 without loading cn2an; cn2an is the reference."""
    import cn2an

    from assistant.vocab import cn_int

    assert all(cn_int(str(cn2an.an2cn(n))) == n for n in range(1, 1000))


def test_a_days_name_and_an_age_are_read_as_such() -> None:
    from assistant.numbers import find_figures

    found = [f.text for f in find_figures("结合“12·4”国家宪法日，组织35至64周岁妇女1200人参加检查，增收3.5万元")]
    assert found == ["35", "64周岁", "1200人", "3.5万元"]  # “12·4” names a day; 周岁 is not 周 + 岁
