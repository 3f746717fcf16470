"""Hypothesis strategies built from the AST side.

A strategy here draws a :class:`~govinfo_parse.nodes.Report` as the parser should read it:
the blocks a writer of an annual report would print (title, date line, the six sections with
their prose and the three statistics tables, or a legacy report's free sections) together with
the metadata the format's rules derive from that text (title → agency and year, 发布时间 →
published, 统计期限 → period).  Properties render such a report in a layout, parse the text, and
compare with the report they started from.

What is drawn comes from the format (:mod:`govinfo_parse.formats.labels`, ``../shared/spec/formats.md``)
and from what real reports print:

- cells: counts (small, large, comma-grouped), signed 本年增/减 values, amounts in 元 and 万元,
  blanks and placeholders ("/", "—", "无" …);
- labels: the printed variants of the official row labels (numbering 1. / 1、/ （1）, full- or
  half-width brackets, 、 or ，, curly, straight or no quotes, the parenthetical note of
  （二）部分公开 kept, cut or left out);
- prose: sentences as reports write them, including ones that quote figures ("全年共受理…申请212件。");
- noise (:func:`noisy`): what copy-paste and scraping do to a rendered report and must not change
  a single parsed value.

Expected metadata is computed from the drawn blocks by the rules the format documents (see
:func:`expected_metadata`), not by calling the parser.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

import attrs
from hypothesis import strategies as st

from govinfo_parse.formats import labels as L
from govinfo_parse.formats import legacy as LG
from govinfo_parse.formats.cells import cell_kind
from govinfo_parse.nodes import (
    ApplicationTable,
    Block,
    Cell,
    CellState,
    Chrome,
    DateLine,
    Heading,
    ItemTable,
    LegacyColumn,
    LegacyGroup,
    LegacyRow,
    LegacyTable,
    Metadata,
    Paragraph,
    ProactiveTable2019,
    ProactiveTable2021,
    Report,
    ReportFormat,
    ReviewTable,
    Row,
    Section,
    Title,
    Unrecognised,
)
from govinfo_parse.tables.legacy_prose import with_prose_facts

# ------------------------------------------------------------------------------------------
# cells
# ------------------------------------------------------------------------------------------

PLACEHOLDERS = ("/", "／", "—", "——", "-", "－", "无", "空", "*", "N/A")
"""Placeholders printed in value cells (the format's "no figure" marks)."""


def blank_cells() -> st.SearchStrategy[Cell]:
    return st.just(Cell("", CellState.BLANK))


def placeholder_cells() -> st.SearchStrategy[Cell]:
    return st.sampled_from(PLACEHOLDERS).map(lambda p: Cell(p, CellState.PLACEHOLDER))


def _group(n: int) -> str:
    return f"{n:,}"


_magnitudes = st.one_of(
    st.integers(0, 9), st.integers(0, 999), st.integers(1000, 999_999), st.integers(10**6, 10**12)
)


CELL_NOTES = ("其中修订{n}件", "含转办{n}件", "已全部办结", "含退费", "其中依申请{n}件", "其中网上申请",
              "均已按时答复", "含上年结转{n}件")
"""Texts of the notes real reports print after a value ("12（其中修订3件）"), ``{n}`` a figure."""


NOTED_TABLES = st.integers(0, 3).map(lambda k: k == 0)
"""Whether a drawn table prints notes after some of its values (one table in four)."""


@st.composite
def cell_notes(draw: st.DrawFn) -> str | None:
    """Mostly no note; sometimes a bracketed note as printed after a value, full- or half-width
    brackets: "（其中修订3件）", "(含退费)"."""
    if draw(st.integers(0, 7)) > 0:
        return None
    o, c = draw(st.sampled_from(_PAREN))
    return o + draw(st.sampled_from(CELL_NOTES)).format(n=draw(st.integers(0, 99))) + c


def _with_note(cell: Cell, note: str | None) -> Cell:
    """``cell`` printed with ``note`` after its number (the note is the end of ``raw``)."""
    return cell if note is None else attrs.evolve(cell, raw=cell.raw + note, note=note)


@st.composite
def count_cells(draw: st.DrawFn, *, signed: bool = False, notes: bool = False) -> Cell:
    """A count: "0", "127", "587944", "1,234,567"; with ``signed``, also "-3" and "+2"; with
    ``notes``, sometimes a note after it ("12（其中修订3件）")."""
    n = draw(_magnitudes)
    raw = _group(n) if n >= 1000 and draw(st.integers(0, 3)) == 0 else str(n)
    value = n
    if signed and n and draw(st.booleans()):
        if draw(st.integers(0, 4)) == 0:
            raw = "+" + raw
        else:
            raw, value = "-" + raw, -n
    return _with_note(Cell(raw, CellState.NUMBER, value), draw(cell_notes()) if notes else None)


@st.composite
def amount_cells(draw: st.DrawFn, *, unit_in_header: bool = False, notes: bool = False) -> Cell:
    """An amount: "6716.7630万元", "283070.76元", "251000元", "3909.30万元", "12.5" …; sometimes
    with a note after it ("216.5万元（含退费）")."""
    whole = draw(_magnitudes)
    frac = draw(st.one_of(st.just(""), st.integers(1, 4).flatmap(
        lambda k: st.integers(0, 10**k - 1).map(lambda f: "." + str(f).zfill(k)))))
    units = ("",) if unit_in_header else ("元", "万元", "")
    unit = draw(st.sampled_from(units))
    digits = str(whole) + frac
    return _with_note(Cell(digits + unit, CellState.NUMBER, Decimal(digits), unit or None),
                      draw(cell_notes()) if notes else None)


def value_cells(*, signed: bool = False, amount: bool = False, unit_in_header: bool = False,
                blanks: bool = True, notes: bool = False) -> st.SearchStrategy[Cell]:
    """Any value cell of a column: mostly numbers (with ``notes``, some printed with a note),
    sometimes blank or a placeholder."""
    num = (amount_cells(unit_in_header=unit_in_header, notes=notes) if amount
           else count_cells(signed=signed, notes=notes))
    others = [placeholder_cells()] + ([blank_cells()] if blanks else [])
    return st.one_of(num, num, num, *others)


# ------------------------------------------------------------------------------------------
# labels as printed
# ------------------------------------------------------------------------------------------

_PAREN = (("（", "）"), ("(", ")"))
_SUB_STYLES = ("{n}.", "{n}、", "{n}．", "{n}. ", "（{n}）", "({n})", "{n}")
_TOP_SEPS = ("、", ".", "，", "．", "")
_QUOTES = (("“", "”"), ('"', '"'), ("‘", "’"), ("", ""))
_PARTLY_NOTES = ("（区分处理的，只计这一情形，不计其他情形）", "(区分处理的,只计这一情形,不计其他情形)",
                 "（区分处理的，只计这一情形", "")


@st.composite
def app_labels(draw: st.DrawFn, spec: L.RowSpec) -> str:
    """A printed variant of an application-table row label (the grammar must accept it)."""
    label = spec.label
    m = re.match(r"^([一二三四五六七八九十]+)、(.*)$", label)
    if m:  # 一、本年新收…  (the numeral may be left out, the separator varies)
        sep = draw(st.sampled_from(_TOP_SEPS))
        return (m.group(1) + sep if sep or draw(st.booleans()) else "") + m.group(2)
    m = re.match(r"^（([一二三四五六七八九十]+)）(.*)$", label)
    if m:
        o, c = draw(st.sampled_from(_PAREN))
        body = m.group(2)
        if spec.key == "partly_granted":
            note = draw(st.sampled_from(_PARTLY_NOTES))
            body = "部分公开" + note
        keep = spec.key == "total" or draw(st.integers(0, 5)) > 0
        return (f"{o}{m.group(1)}{c}" if keep else "") + body
    m = re.match(r"^(\d+)\.(.*)$", label)
    assert m, label
    style = draw(st.sampled_from(_SUB_STYLES if spec.key != "other.other" else _SUB_STYLES[:-1]))
    body = m.group(2)
    if "“" in body:
        o, c = draw(st.sampled_from(_QUOTES))
        body = body.replace("“", o).replace("”", c)
    if "、" in body and draw(st.booleans()):
        body = body.replace("、", "，")
    number = m.group(1)
    if "．" in style and draw(st.booleans()):
        number = number.translate(_FULLWIDTH_DIGITS)
    return style.format(n=number) + body


_FULLWIDTH_DIGITS = {ord(d): ord(d) + 0xFEE0 for d in "0123456789"}


# ------------------------------------------------------------------------------------------
# tables
# ------------------------------------------------------------------------------------------


@st.composite
def item_tables(draw: st.DrawFn, spec: L.ItemSpec, fmt: str) -> ItemTable:
    rows = []
    notes = draw(NOTED_TABLES)
    for rs in _some(draw, spec.rows, complete=6):
        label = rs.label
        if rs.key == "normative_documents" and draw(st.integers(0, 4)) == 0:
            label = "规范性文件" if label == "行政规范性文件" else "行政规范性文件"
        cells = tuple(draw(value_cells(signed=c.signed, amount=c.amount, unit_in_header=c.unit is not None,
                                       notes=notes))
                      for c in spec.columns)
        rows.append(Row(rs.key, label, cells))
    return ItemTable(spec.key, tuple(rows))


def _some(draw: st.DrawFn, xs: Sequence[Any], *, complete: int = 3) -> list[Any]:
    """All of ``xs`` most of the time; otherwise a non-empty subsequence (a report that leaves
    out rows or sub-tables)."""
    if draw(st.integers(0, complete)) > 0:
        return list(xs)
    keep = draw(st.lists(st.booleans(), min_size=len(xs), max_size=len(xs)))
    out = [x for x, k in zip(xs, keep, strict=True) if k]
    return out or [xs[draw(st.integers(0, len(xs) - 1))]]


@st.composite
def proactive_tables(draw: st.DrawFn, fmt: str) -> ProactiveTable2019 | ProactiveTable2021:
    items = tuple(draw(item_tables(spec, fmt)) for spec in _some(draw, L.proactive_items(fmt), complete=6))
    return ProactiveTable2019(items) if fmt == "2019" else ProactiveTable2021(items)


def _row_cells(n: int, mode: str, notes: bool = False) -> st.SearchStrategy[tuple[Cell, ...]]:
    """The ``n`` cells of a row in a table's ``mode`` (mostly zeros, zeros left blank, or mixed);
    with ``notes``, some counts printed with a note."""
    if mode == "zeros":  # most real tables are mostly zeros
        return st.lists(st.one_of(st.just(Cell("0", CellState.NUMBER, 0)), count_cells(notes=notes)),
                        min_size=n, max_size=n).map(tuple)
    if mode == "blank":  # zeros left blank, as many web pages print them
        return st.lists(st.one_of(blank_cells(), blank_cells(), count_cells(notes=notes)),
                        min_size=n, max_size=n).map(tuple)
    return st.lists(value_cells(notes=notes), min_size=n, max_size=n).map(tuple)


_ROW_MODES = st.sampled_from(("zeros", "blank", "mixed"))


@st.composite
def application_tables(draw: st.DrawFn, fmt: str) -> ApplicationTable:
    mode, notes = draw(_ROW_MODES), draw(NOTED_TABLES)
    rows = tuple(Row(spec.key, draw(app_labels(spec)), draw(_row_cells(len(L.APPLICATION_COLUMNS), mode, notes)))
                 for spec in _some(draw, L.application_rows(fmt), complete=4))
    return ApplicationTable(ReportFormat(fmt), rows)


@st.composite
def review_tables(draw: st.DrawFn) -> ReviewTable:
    mode, notes = draw(_ROW_MODES), draw(NOTED_TABLES)
    return ReviewTable(draw(_row_cells(len(L.REVIEW_COLUMNS), mode, notes)))


# ------------------------------------------------------------------------------------------
# prose
# ------------------------------------------------------------------------------------------

PLACES = ("北京市", "天津市", "绵阳市", "鹿城区", "江苏省", "四川省", "沭阳县", "淮安市洪泽区", "平潭综合实验区",
          "上海市", "杭州市西湖区", "广州市", "重庆市渝中区", "国家", "呼和浩特市", "乌鲁木齐市")
DEPARTMENTS = ("人民政府", "人民政府办公厅", "人民政府办公室", "人力资源和社会保障局", "人力资源和社会保障厅",
               "教育局", "财政局", "生态环境局", "交通运输局", "市场监督管理局", "卫生健康委员会", "统计局",
               "住房和城乡建设局", "自然资源和规划局", "民政局", "司法局")


def agencies() -> st.SearchStrategy[str]:
    return st.builds(lambda p, d: p + d, st.sampled_from(PLACES), st.sampled_from(DEPARTMENTS))


_OPENERS = ("我局", "我厅", "我委", "我办", "本机关", "市政府", "区政府", "全年", "一是", "二是", "三是",
            "下一步", "同时", "此外", "当前", "今年以来", "围绕", "严格", "持续", "进一步")
_PHRASES = (
    "坚持以公开为常态、不公开为例外", "认真贯彻落实《中华人民共和国政府信息公开条例》", "加强政策解读",
    "推进决策、执行、管理、服务、结果“五公开”", "规范依申请公开办理流程", "完善政府信息公开源头审查机制",
    "及时更新门户网站栏目", "强化政务新媒体管理", "做好建议提案办理结果公开", "加大重点领域信息公开力度",
    "开展业务培训", "落实保密审查制度", "回应社会关切", "提升公开质量", "优化政务服务",
    "按照\"谁公开、谁审查、谁负责\"的原则", "在信息发布格式、政策解读质量等方面仍存在一定差距",
    "对照新时代政务公开新要求", "信息公开意识有待继续提高", "政府网站、政务新媒体运行平稳",
    "依法保障人民群众的知情权、参与权和监督权", "统筹推进平台建设", "涉及人社领域的热点问题",
    "围绕“保障劳动者合法权益 构建和谐劳动关系”等主题组织在线访谈", "累计阅读量近36万人次",
)
_FIGURES = (
    "全年共主动公开政府信息{n}条", "收到政府信息公开申请{n}件", "全年共受理政府信息公开申请{n}件",
    "召开新闻发布会{n}场", "发布政策解读{n}篇", "门户网站访问量{n}人次", "办理人大代表建议{n}件",
    "本年新收政府信息公开申请{n}件", "答复申请{n}件，其中予以公开{m}件", "未收取信息处理费",
    "行政复议{n}件", "结转下年度继续办理{n}件",
)


@st.composite
def sentences(draw: st.DrawFn, *, years: Sequence[int] = ()) -> str:
    parts: list[str] = []
    start = draw(st.sampled_from(_OPENERS + tuple(f"{y}年" for y in years)))
    parts.append(start + ("，" if start.endswith("年") or start in ("同时", "此外", "下一步") else ""))
    for _ in range(draw(st.integers(1, 3))):
        if draw(st.integers(0, 2)) == 0:
            f = draw(st.sampled_from(_FIGURES))
            parts.append(f.format(n=draw(st.integers(0, 5000)), m=draw(st.integers(0, 50))))
        else:
            parts.append(draw(st.sampled_from(_PHRASES)))
        parts.append(draw(st.sampled_from(("，", "，", "；", "、"))))
    parts[-1] = "。"
    return "".join(parts)


@st.composite
def paragraph_texts(draw: st.DrawFn, *, years: Sequence[int] = ()) -> str:
    n = draw(st.integers(1, 3))
    if n == 1 and draw(st.integers(0, 7)) == 0:
        # a paragraph that is one sentence quoting a figure, as prose often is
        f = draw(st.sampled_from(_FIGURES))
        return f.format(n=draw(st.integers(0, 5000)), m=draw(st.integers(0, 50))) + "。"
    return "".join(draw(sentences(years=years)) for _ in range(n))


_HEADING2_TITLES = ("主动公开", "依申请公开", "政府信息管理", "政府信息公开平台建设", "监督保障", "公开内容",
                    "公开形式", "高度重视依申请公开", "着力强化平台建设", "政策解读方面", "政府信息管理方面",
                    "扎实做好建议提案及预决算公开工作", "积极回应社会关切", "主动公开信息情况", "信息公开管理情况")
_HEADING3_TITLES = ("互联网", "新闻媒体", "微信平台", "办事指南", "电话服务", "加强组织领导", "完善工作制度",
                    "强化监督考核", "注重政策解读")


@st.composite
def headings(draw: st.DrawFn, level: int, number: int) -> Heading:
    titles = _HEADING2_TITLES if level == 2 else _HEADING3_TITLES
    return Heading(level, number, draw(st.sampled_from(titles)))


@st.composite
def prose_blocks(draw: st.DrawFn, *, years: Sequence[int], min_size: int = 1) -> list[Block]:
    """Paragraphs, optionally under numbered headings （一）… with sub-headings 1. …"""
    blocks: list[Block] = [Paragraph(draw(paragraph_texts(years=years))) for _ in range(draw(st.integers(0, 2)))]
    for n2 in range(1, draw(st.integers(0, 3)) + 1):
        blocks.append(draw(headings(2, n2)))
        if draw(st.booleans()):
            blocks.append(Paragraph(draw(paragraph_texts(years=years))))
        for n3 in range(1, draw(st.integers(0, 2)) + 1):
            blocks.append(draw(headings(3, n3)))
            blocks.append(Paragraph(draw(paragraph_texts(years=years))))
    while len(blocks) < min_size:
        blocks.append(Paragraph(draw(paragraph_texts(years=years))))
    return blocks


CHROME_LINES = ("分享到：", "- 分享到:", "上一篇：", "下一篇：", "打印本页", "【打印】", "【关闭】", "关闭窗口",
                "返回顶部", "扫一扫在手机打开当前页", "相关链接：")


def chrome_blocks() -> st.SearchStrategy[Chrome]:
    return st.sampled_from(CHROME_LINES).map(Chrome)


# ------------------------------------------------------------------------------------------
# whole reports
# ------------------------------------------------------------------------------------------

SECTION_TITLE_VARIANTS: dict[int, tuple[str, ...]] = {
    1: ("总体情况",),
    2: ("主动公开政府信息情况",),
    3: ("收到和处理政府信息公开申请情况",),
    4: ("政府信息公开行政复议、行政诉讼情况", "政府信息公开行政复议和行政诉讼情况"),
    5: ("存在的主要问题及改进情况", "政府信息公开工作存在的主要问题及改进情况", "存在问题及改进情况"),
    6: ("其他需要报告的事项",),
}
LEGACY_TITLES = ("概述", "政府信息公开工作概述", "主动公开政府信息情况", "依申请公开政府信息情况",
                 "政府信息公开的收费及减免情况", "因政府信息公开申请行政复议、提起行政诉讼的情况",
                 "存在的主要问题及改进措施", "其他需要报告的事项", "政府信息公开工作概述和政府信息主动公开情况",
                 "依申请公开、相关行政复议和行政诉讼情况", "存在的主要问题及下步工作打算")

_DATE_FORMATS = ("发布时间：{d:%Y-%m-%d}", "发布时间:{d:%Y-%m-%d}", "发布日期：{y}年{m}月{day}日",
                 "成文日期：{y}年{m}月{day}日", "发布日期：{d:%Y-%m-%d}")


def _date_text(fmt: str, d: dt.date) -> str:
    return fmt.format(d=d, y=d.year, m=d.month, day=d.day)


_YEAR_RE = re.compile(r"(?<!\d)(20[0-3]\d|199\d)\s*年")


def expected_metadata(preamble: Sequence[Block], sections: Sequence[Section], *,
                      agency: str | None, year: int, period: tuple[dt.date, dt.date] | None,
                      signature: dt.date | None) -> Metadata:
    """Metadata by the format's rules: title → agency and year; else a self-naming first
    paragraph; year else from the statistical period, else the year the text names most often
    (the later one on a tie); published from the 发布时间 line, else a dated signature that ends
    the report."""
    title = next((b.text for b in preamble if isinstance(b, Title)), None)
    first_paragraph = next((b.text for b in preamble if isinstance(b, Paragraph)), "")
    named = title is not None or bool(agency and first_paragraph.startswith(f"{agency}{year}年"))
    published = next((b.date for b in preamble if isinstance(b, DateLine) and b.date), None) or signature
    if named:
        return Metadata(title, agency, year, published, *(period or (None, None)))
    y: int | None = period[0].year if period else None
    if y is None:
        years = [int(m) for t in _texts(preamble, sections) for m in _YEAR_RE.findall(t)]
        if years:
            y = max(set(years), key=lambda v: (years.count(v), v))
    return Metadata(None, None, y, published, *(period or (None, None)))


def _texts(preamble: Sequence[Block], sections: Sequence[Section]) -> list[str]:
    out: list[str] = []
    for b in [*preamble, *(x for s in sections for x in s.blocks)]:
        for attr in ("text", "title"):
            v = getattr(b, attr, None)
            if isinstance(v, str):
                out.append(v)
    out.extend(s.title for s in sections)
    return out


@st.composite
def reports(draw: st.DrawFn, formats: Sequence[str] = ("2019", "2021", "legacy")) -> Report:
    """A whole report as the parser should read it (see the module docstring)."""
    fmt = draw(st.sampled_from(tuple(formats)))
    year = draw({"2019": st.integers(2019, 2020), "2021": st.integers(2021, 2025),
                 "legacy": st.integers(2008, 2018)}[fmt])
    agency = draw(agencies())
    years = (year, year + 1)
    preamble: list[Block] = []
    title_kind = draw(st.sampled_from(("title", "title", "title", "naming", "none")))
    if title_kind == "title":
        dur = draw(st.sampled_from(("年", "年度")))
        kind = draw(st.sampled_from(("政府信息公开工作年度报告", "政府信息公开工作年度报告", "政务公开工作年度报告",
                                     "信息公开年报")))
        preamble.append(Title(f"{agency}{year}{dur}{kind}"))
    published = None
    if draw(st.booleans()):
        published = dt.date(year + 1, draw(st.integers(1, 3)), draw(st.integers(1, 28)))
        preamble.append(DateLine(_date_text(draw(st.sampled_from(_DATE_FORMATS)), published), published))
    if title_kind == "naming":
        preamble.append(Paragraph(f"{agency}{year}年政府信息公开工作年度报告，主要包括"
                                  + draw(st.sampled_from(("总体情况、主动公开政府信息情况等内容。",
                                                          "政府信息公开工作概述、依申请公开情况等。")))))
    period = None
    if draw(st.booleans()):
        period = (dt.date(year, 1, 1), dt.date(year, 12, 31))
        preamble.append(Paragraph(f"本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"))
    if draw(st.integers(0, 3)) == 0:
        preamble.append(Paragraph(draw(paragraph_texts(years=()))))

    sections: list[Section] = []
    if fmt == "legacy":
        titles = draw(st.lists(st.sampled_from(LEGACY_TITLES), min_size=1, max_size=6, unique=True))
        for i, t in enumerate(titles, 1):
            sections.append(Section(i, t, tuple(draw(prose_blocks(years=years)))))
        if draw(st.booleans()):  # from 2014 many reports append a statistics table
            table = draw(legacy_tables(year=year))
            sections.append(Section(len(sections) + 1, draw(st.sampled_from(LEGACY_TABLE_TITLES)), (table,)))
    else:
        numbers = [1, 2, 3, 4, 5, 6]
        for n in numbers:
            title = draw(st.sampled_from(SECTION_TITLE_VARIANTS[n]))
            blocks: list[Block] = []
            if n in (2, 3, 4):
                if draw(st.integers(0, 3)) == 0:
                    blocks.append(Paragraph(draw(paragraph_texts(years=years))))
                table = draw({2: proactive_tables(fmt), 3: application_tables(fmt), 4: review_tables()}[n])
                blocks.append(table)
                if draw(st.integers(0, 5)) == 0:
                    blocks.append(Paragraph(draw(paragraph_texts(years=years))))
            else:
                blocks.extend(draw(prose_blocks(years=years)))
            sections.append(Section(n, title, tuple(blocks)))

    # the end of the report: an orphan header cell kept as unrecognised text, a dated
    # signature, page chrome
    last = list(sections[-1].blocks)
    if draw(st.integers(0, 7)) == 0:
        last.append(Unrecognised(draw(st.sampled_from(("信息内容", "申请人情况", "行政复议"))),
                                 "table header cell without a table"))
        last.append(Paragraph(draw(paragraph_texts(years=years))))
    signature = None
    if draw(st.integers(0, 3)) == 0:
        signature = dt.date(year + 1, draw(st.integers(1, 3)), draw(st.integers(1, 28)))
        last.append(DateLine(f"{signature.year}年{signature.month}月{signature.day}日", signature))
    if draw(st.integers(0, 3)) == 0:
        last.extend(draw(st.lists(chrome_blocks(), min_size=1, max_size=3)))
        signature = None  # the date no longer ends the report
    sections[-1] = Section(sections[-1].number, sections[-1].title, tuple(last))

    meta = expected_metadata(preamble, sections, agency=agency, year=year, period=period,
                             signature=signature)
    report_format = ReportFormat.LEGACY if fmt == "legacy" else ReportFormat(fmt)
    # a legacy report's prose figures are derived from its paragraphs, as the parser derives them
    return with_prose_facts(Report(report_format, meta, tuple(preamble), tuple(sections)))


# ------------------------------------------------------------------------------------------
# legacy statistics tables (2008–2018)
# ------------------------------------------------------------------------------------------

LEGACY_TABLE_TITLES = ("政府信息公开情况统计表", "政府信息公开工作统计表", "附表")
_LEGACY_COLUMNS = (("本年",), ("统计数",), ("本年", "累计"), ("{y}年度", "历年累计"), ("上年", "本年"),
                   ("{p}年", "{y}年"), ("上年", "本年", "累计"), ("本年度", "累计数"))
_LEGACY_UNKNOWN = ("召开政府信息公开工作会议数", "举办培训班次数", "公开栏更新次数", "政府信息查阅点数",
                   "接受行政诉讼、举报数")
_GROUP_NUMBERS = "一二三四五六七八"
_LEGACY_PLACEHOLDERS = tuple(p for p in PLACEHOLDERS if cell_kind(p.replace("／", "/").replace("－", "-"))
                             == "PLACEHOLDER")


@st.composite
def legacy_cells(draw: st.DrawFn) -> Cell:
    """A legacy value cell: a count, 0, a blank or a placeholder."""
    kind = draw(st.sampled_from(("count", "count", "count", "zero", "blank", "placeholder")))
    if kind == "blank":
        return Cell("", CellState.BLANK)
    if kind == "placeholder":
        return Cell(draw(st.sampled_from(_LEGACY_PLACEHOLDERS)), CellState.PLACEHOLDER)
    n = 0 if kind == "zero" else draw(st.integers(1, 99999))
    return Cell(str(n), CellState.NUMBER, n)


@st.composite
def legacy_labels(draw: st.DrawFn, ind: LG.Indicator, number: int, part: bool, first_part: bool) -> str:
    """A printed label of an indicator: one of its variants, numbered as tables number them."""
    body = draw(st.sampled_from(ind.variants))
    if body.startswith("其中"):
        body = body.split("：", 1)[-1]
    if part:
        pre = draw(st.sampled_from(("{n}.", "{n}、", "{n}."))).format(n=number)
        return ("其中：" if first_part and draw(st.booleans()) else "") + pre + body
    style = draw(st.sampled_from(("", "（{c}）", "({c})")))
    return style.format(c=L.numeral_text(number)) + body


@st.composite
def legacy_tables(draw: st.DrawFn, *, year: int = 2016) -> LegacyTable:
    """A legacy 《政府信息公开情况统计表》: a random subset of the common indicators (printed
    variants, their numbering, 其中 parts), a few indicators outside the vocabulary, units (the
    usual one, another, or none), one to three columns, and count / 0 / blank / "/" cells."""
    heads = draw(st.sampled_from(_LEGACY_COLUMNS))
    printed = [h.format(y=year, p=year - 1) for h in heads]
    years = tuple(int(h[:4]) for h in printed if LG.is_year_heading(h))
    columns = tuple(LegacyColumn(h, LG.column_key(h, years)) for h in printed)
    has_unit = draw(st.integers(0, 4)) > 0
    groups: list[LegacyGroup] = []
    group_specs = draw(st.lists(st.sampled_from(LG.GROUPS), min_size=1, max_size=4, unique=True))
    untitled = draw(st.integers(0, 3)) == 0
    for gi, g in enumerate(group_specs):
        inds = [i for i in LG.INDICATORS if i.group == g.key or (g.key == "review" and i.group in
                                                                   ("review", "litigation", "complaint"))]
        chosen = draw(st.lists(st.sampled_from(inds), min_size=1, max_size=5, unique=True))
        chosen.sort(key=LG.INDICATORS.index)
        rows: list[LegacyRow] = []
        top = 0
        sub = 0
        for ind in chosen:
            part = ind.parent is not None and any(r.key == ind.parent for r in rows)
            if part:
                sub += 1
            else:
                top += 1
                sub = 0
            label = draw(legacy_labels(ind, sub if part else top, part, sub == 1))
            rows.append(_legacy_row(draw, label, ind.key, ind.unit, len(columns), has_unit))
        if draw(st.integers(0, 3)) == 0:
            label = draw(st.sampled_from(_LEGACY_UNKNOWN))
            rows.append(_legacy_row(draw, label, None, draw(st.sampled_from(("个", "次", "人次"))), len(columns),
                                    has_unit))
        if gi == 0 and untitled:
            groups.append(LegacyGroup(None, None, tuple(rows)))
        else:
            title = _GROUP_NUMBERS[gi] + "、" + draw(st.sampled_from(g.variants))
            groups.append(LegacyGroup(title, g.key, tuple(rows)))
    return LegacyTable(draw(st.sampled_from(("指标名称", "统计指标", "指标名称"))),
                       draw(st.sampled_from(("计量单位", "单位"))) if has_unit else None, columns, tuple(groups))


def _legacy_row(draw: st.DrawFn, label: str, key: str | None, unit: str, n: int, has_unit: bool) -> LegacyRow:
    u: str | None = None
    if has_unit:
        u = draw(st.sampled_from((unit, unit, unit, "件", "条", None)))
    cells = tuple(draw(legacy_cells()) for _ in range(n))
    return LegacyRow(label, key, u, cells)


def legacy_cell_values(report: Report) -> list[tuple[Any, ...]]:
    """Every legacy cell as (group, indicator key, printed label, unit, column, state, value)."""
    out: list[tuple[Any, ...]] = []
    for t in report.tables():
        if isinstance(t, LegacyTable):
            for g in t.groups:
                for r in g.rows:
                    for c, col in zip(r.cells, t.columns, strict=False):
                        out.append((g.title, r.key, r.label, r.unit, col.heading, c.state.value, c.value))
    return out


# ------------------------------------------------------------------------------------------
# values: what the invariance properties compare
# ------------------------------------------------------------------------------------------


def table_values(report: Report) -> dict[str, Any]:
    """Every value cell of the report's tables as (state, value, unit), keyed by table and row."""
    out: dict[str, Any] = {"format": report.format.value}
    pro = report.proactive
    if pro is not None:
        out["proactive"] = (pro.FORMAT, [(it.item, [(r.key, [_v(c) for c in r.cells]) for r in it.rows])
                                         for it in pro.items])
    app = report.applications
    if app is not None:
        out["applications"] = (app.format.value, [(r.key, [_v(c) for c in r.cells]) for r in app.rows])
    rev = report.reviews
    if rev is not None:
        out["reviews"] = [_v(c) for c in rev.cells]
    return out


def _v(c: Cell) -> tuple[str, Any, str | None]:
    return (c.state.value, c.value, c.unit)


# ------------------------------------------------------------------------------------------
# noise: what copy-paste and scraping do to a rendered report
# ------------------------------------------------------------------------------------------

NOISE_LAYOUTS = ("text", "lines", "tabs", "pipes", "markdown")
"""The text layouts the noise transforms apply to (HTML has its own reader)."""

_FW_PUNCT = {ord("("): "（", ord(")"): "）", ord(","): "，", ord(":"): "：", ord("."): "．", ord(";"): "；",
             ord("|"): "｜", ord("/"): "／", ord("-"): "－"}
_SPLITS = {"本年新制作数量": ("本年新", "制作数量"), "本年新公开数量": ("本年新", "公开数量"),
           "对外公开总数量": ("对外公开", "总数量"), "商业企业": ("商业", "企业"), "科研机构": ("科研", "机构"),
           "法律服务机构": ("法律服务", "机构"), "社会公益组织": ("社会公益", "组织"),
           "未经复议直接起诉": ("未经复议", "直接起诉"), "上一年项目数量": ("上一年", "项目数量"),
           "本年制发件数": ("本年制发", "件数"), "本年处理决定数量": ("本年处理", "决定数量"),
           "现行有效件数": ("现行有效", "件数"), "本年收费金额（单位：万元）": ("本年收费金额", "（单位：万元）")}
_TRUNCATIONS = {"本年新制作数量": "本年新", "本年新公开数量": "本年新", "结果维持": "结果", "结果纠正": "结果",
                "其他结果": "其他", "尚未审结": "尚未", "对外公开总数量": "对外公开总数"}
PAGE_HEAD = ("首页 > 政务公开 > 政府信息公开年报", "索引号：000014349/2021-00012", "发布机构：办公室",
             "【字体：大 中 小】", "来源：本站", "浏览次数：1024")
PAGE_TAIL = ("分享到：", "【打印本页】【关闭窗口】", "扫一扫在手机打开当前页", "上一篇：关于印发…的通知",
             "下一篇：2020年工作总结", "关闭窗口", "返回顶部")


def _on_lines(text: str, fn: Callable[[str], str], pick: Callable[[int], bool]) -> str:
    lines = text.split("\n")
    return "\n".join(fn(line) if pick(i) else line for i, line in enumerate(lines))


NOISE_KINDS = ("space", "fullwidth", "crlf", "blank", "split", "truncate", "break", "punct", "quotes", "chrome")


@st.composite
def noisy(draw: st.DrawFn, text: str, layout: str, kinds: Sequence[str] | None = None) -> str:
    """Apply a random selection of real-world noise to ``text`` rendered in ``layout``.

    None of it may change a parsed value: white space variants, full-width digits and
    punctuation, CRLF, extra blank lines, header cells split across lines or truncated as in
    the seeds, a long pipe row broken across two lines (seed 004), label punctuation variants
    (、/，, curly/straight quotes), page chrome before and after."""
    rate = draw(st.sampled_from((0.05, 0.2, 0.5, 1.0)))
    rnd = draw(st.randoms(use_true_random=False))

    def pick(i: int) -> bool:
        return rnd.random() < rate

    if kinds is None:
        kinds = draw(st.sets(st.sampled_from(NOISE_KINDS), min_size=1))
    if "truncate" in kinds:
        text = _on_lines(text, lambda s: _replace_cells(s, _TRUNCATIONS), pick)
    if "split" in kinds:
        text = _on_lines(text, lambda s: _split_header(s, layout), pick)
    if "break" in kinds and layout == "pipes":
        k = draw(st.integers(1, 12))
        text = _on_lines(text, lambda s: _break_row(s, k), pick)
    if "space" in kinds:
        sp = draw(st.sampled_from(("\u00a0", "\u3000", "  ", "\u00a0 ")))
        text = _on_lines(text, lambda s: s.replace(" ", sp), pick)
        text = _on_lines(text, lambda s: ("\u3000" + s) if s and not s.startswith(("|", "#")) else s, pick)
    if "fullwidth" in kinds:
        text = _on_lines(text, lambda s: s.translate(_FULLWIDTH_DIGITS), pick)
        text = _on_lines(text, lambda s: s.translate(_FW_PUNCT), pick)
    if "punct" in kinds:
        text = _on_lines(text, lambda s: s.replace("、", "，"), pick)
    if "quotes" in kinds:
        q = draw(st.sampled_from((('"', '"'), ("‘", "’"), ("", ""))))
        text = _on_lines(text, lambda s: s.replace("“", q[0]).replace("”", q[1]), pick)
    if "blank" in kinds:
        text = _on_lines(text, lambda s: s + "\n", pick)
    if "chrome" in kinds:
        head = draw(st.lists(st.sampled_from(PAGE_HEAD), max_size=3))
        tail = draw(st.lists(st.sampled_from(PAGE_TAIL), max_size=3))
        text = "\n".join([*head, text, *tail])
    if "crlf" in kinds:
        text = text.replace("\n", "\r\n")
    return text


def _cells_of(line: str) -> list[str]:
    return line.split("|")


def _replace_cells(line: str, table: dict[str, str]) -> str:
    """Replace whole cells (a whole line, or a whole pipe cell) by their truncated form."""
    if "|" in line:
        return "|".join(_replace_one(c, table) for c in _cells_of(line))
    return _replace_one(line, table)


def _replace_one(cell: str, table: dict[str, str]) -> str:
    body = cell.strip()
    if body in table:
        return cell.replace(body, table[body])
    return cell


def _split_header(line: str, layout: str) -> str:
    body = line.strip()
    if "|" in line:  # inside a pipe cell the parts stay on the line (seed 004: "商业 企业")
        return "|".join(c.replace(c.strip(), " ".join(_SPLITS[c.strip()])) if c.strip() in _SPLITS else c
                        for c in _cells_of(line))
    if body in _SPLITS:
        a, b = _SPLITS[body]
        lead = line[: len(line) - len(line.lstrip())]
        return f"{lead}{a}\n{b}"  # seed 002: "\t本年新" then "制作数量" on the next line
    return line


def _break_row(line: str, k: int) -> str:
    """Break a pipe row after its k-th cell (seed 004: "… | 0 |" then "0 | |")."""
    if line.count("|") < 4 or line.lstrip().startswith("|"):
        return line
    parts = line.split(" | ")
    if len(parts) <= k + 1:
        return line
    return " | ".join(parts[: k + 1]) + " |\n" + " | ".join(parts[k + 1:])


# ------------------------------------------------------------------------------------------
# comparing reports
# ------------------------------------------------------------------------------------------


def first_difference(a: object, b: object, path: str = "report") -> str | None:
    """Where two ASTs differ semantically (fields compared by ``==``), or None if they do not."""
    import attrs

    if type(a) is not type(b):
        return f"{path}: {type(a).__name__} != {type(b).__name__}: {_short(a)} != {_short(b)}"
    if attrs.has(type(a)):
        for f in attrs.fields(type(a)):
            if not f.eq:
                continue
            d = first_difference(getattr(a, f.name), getattr(b, f.name), f"{path}.{f.name}")
            if d:
                return d
        return None
    if isinstance(a, tuple) and isinstance(b, tuple):
        for i, (x, y) in enumerate(zip(a, b, strict=False)):
            d = first_difference(x, y, f"{path}[{i}]")
            if d:
                return d
        if len(a) != len(b):
            extra = a[len(b):] or b[len(a):]
            return f"{path}: {len(a)} != {len(b)} items; extra: {_short(extra)}"
        return None
    return None if a == b else f"{path}: {a!r} != {b!r}"


def _short(x: object) -> str:
    s = repr(x)
    return s if len(s) < 300 else s[:300] + "…"


_CJK = "[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]"
_CJK_SPACE = re.compile(f"(?<={_CJK})[^\\S\u00a0]+(?={_CJK})")


def without_cjk_spaces(report: Report) -> Report:
    """The report with white space between two CJK characters removed from its prose and labels.

    The HTML reader's documented white-space rule (``govinfo_parse.readers.html.scan._collapse``: "none
    between two CJK characters") drops such a space, which the plain-text readers keep; HTML
    round trips are compared modulo that rule (reported to the lead as a cross-reader
    inconsistency)."""
    import attrs

    def fix(x: Any) -> Any:
        if type(x) is str:  # not the str-valued enums
            return _CJK_SPACE.sub("", x)
        if isinstance(x, tuple):
            return tuple(fix(v) for v in x)
        if attrs.has(type(x)):
            changes = {f.name: fix(getattr(x, f.name)) for f in attrs.fields(type(x))
                       if f.eq and f.name not in ("raw",)}
            return attrs.evolve(x, **{k.lstrip("_"): v for k, v in changes.items()})
        return x

    return fix(report)  # type: ignore[no-any-return]


# ------------------------------------------------------------------------------------------
# damage: what PDF converters, OCR and scrapers do to a table (issue 14)
# ------------------------------------------------------------------------------------------
#
# A damage operator takes the lines of a report rendered in a pipe layout (``markdown``,
# ``pipes``, ``text``) and breaks the tables as converters do.  The rows are found from the
# report itself (its application rows' printed labels, section 四's row of values), so the
# operators need no parser.  The property (tests/test_damage.py): the cells come back equal to
# the report's, or the parse carries a diagnostic; never a wrong value without one.

DAMAGE_LAYOUTS = ("markdown", "pipes", "text")
"""The layouts the damage operators apply to (rows are pipe rows)."""

DAMAGE_OPERATORS = ("detach", "split_label", "drop_label", "split_row", "scramble_header",
                    "collapse_review", "loose_notes", "furniture", "separators")
"""The damage operators, each named after what a converter does (see :func:`damaged`)."""

_NOTES = ("（其中修订3件）", "（含转办2件）", "(其中依申请1件)", "（其中网上申请）")


def _pipe_cells(line: str, n: int | None = None) -> list[str]:
    """The stripped cells of a pipe row, borders and trailing padding dropped; with ``n``, the
    first ``n`` cells (a row of ``n`` cells whose last ones are empty keeps them)."""
    s = line.strip()
    if s.startswith("|"):
        s = s[1:]
    cells = [c.strip() for c in s.split("|")]
    if n is not None:
        return (cells + [""] * n)[:n]
    while cells and not cells[-1]:
        cells.pop()
    return cells


def _pipe_line(cells: Sequence[str], layout: str) -> str:
    body = " | ".join(c if c else " " for c in cells)
    return f"| {body} |" if layout == "markdown" else f"{body} |"


def _app_row_lines(lines: Sequence[str], report: Report) -> dict[int, int]:
    """The lines that print the application table's value rows, in order, each with the index of
    its label among the line's cells (the pipes layout prints merged group labels before it)."""
    app = report.applications
    if app is None:
        return {}
    labels = [r.label.strip() for r in app.rows]
    out: dict[int, int] = {}
    k = 0
    for i, line in enumerate(lines):
        if k >= len(labels) or "|" not in line:
            continue
        cells = _pipe_cells(line)
        if labels[k] in cells[:3] and len(cells) > 1:
            out[i] = cells.index(labels[k])
            k += 1
    return out


def _review_line(lines: Sequence[str], report: Report) -> int | None:
    """Index of the line that prints section 四's row of values."""
    if report.reviews is None:
        return None
    want = [c.raw for c in report.reviews.cells]
    for i in range(len(lines) - 1, -1, -1):
        if "|" in lines[i] and _pipe_cells(lines[i], len(want)) == want:
            return i
    return None


def _header_lines(lines: Sequence[str], first_row: int) -> list[int]:
    """The header lines right above a table's first row (pipe lines, GFM delimiter included)."""
    out: list[int] = []
    i = first_row - 1
    while i >= 0 and "|" in lines[i]:
        out.append(i)
        i -= 1
    return out[::-1]


def _fragments(words: Sequence[str], rnd: Any) -> list[str]:
    """Header words broken into pieces of one to three characters and interleaved over two to
    five lines, as a PDF converter reads a multi-line header column by column."""
    pieces = []
    for w in words:
        w = w.strip()
        if not w:
            continue
        cut, parts = 0, []
        while cut < len(w):
            n = rnd.randint(1, 3)
            parts.append(w[cut : cut + n])
            cut += n
        pieces.append(parts)
    nlines = rnd.randint(2, 5)
    out: list[list[str]] = [[] for _ in range(nlines)]
    for parts in pieces:
        for j, p in enumerate(parts):
            out[min(j, nlines - 1)].append(p)
    return [" ".join(x) for x in out if x]


@st.composite
def damaged(draw: st.DrawFn, report: Report, layout: str, ops: Sequence[str] | None = None) -> str:
    """``report`` rendered in ``layout`` (one of :data:`DAMAGE_LAYOUTS`), then damaged by the
    operators ``ops`` (a random non-empty selection of :data:`DAMAGE_OPERATORS` when None):

    ``detach``
        the labels of one to four consecutive rows printed on the lines before (or after) their
        rows, in print or in another order, their label cells left empty;
    ``split_label``
        a detached label broken over two lines;
    ``drop_label``
        a row's label not printed at all;
    ``split_row``
        a row's cells split across two pipe tables (the second one's first row taken for a
        header row in Markdown);
    ``scramble_header``
        the application table's header replaced by fragments of its column names interleaved
        over several lines;
    ``collapse_review``
        section 四's three-level header reduced to interleaved fragments, its 15 values on one
        line, or three lines of five;
    ``loose_notes``
        a value printed with a note: "12（其中修订3件）" in its cell, or pulled out of the row as
        two loose lines ("12", then the note);
    ``furniture``
        page numbers between dashes ("- 3 -") between the rows of a table;
    ``separators``
        the separators between a row's cells single-spaced (a blank cell disappears), or the
        label glued to the first value.
    """
    from govinfo_parse.render import render

    rnd = draw(st.randoms(use_true_random=False))
    if ops is None:
        ops = sorted(draw(st.sets(st.sampled_from(DAMAGE_OPERATORS), min_size=1, max_size=3)))
    lines = render(report, layout).split("\n")
    at = _app_row_lines(lines, report)
    rows = list(at)
    rev = _review_line(lines, report)
    # edits are collected per line (replacement lines, lines to insert before/after) and applied
    # at the end, so that line numbers stay valid while operators combine
    repl: dict[int, list[str]] = {}
    before: dict[int, list[str]] = {}
    after: dict[int, list[str]] = {}

    def cells_at(i: int) -> list[str]:
        # every cell of the row, padding and the merged label columns of the pipes layout included
        line = (repl[i][0] if repl.get(i) else lines[i]).strip()
        if line.startswith("|"):
            line = line[1:]
        if line.endswith("|"):
            line = line[:-1]
        return [c.strip() for c in line.split("|")]

    def set_cells(i: int, cells: Sequence[str]) -> None:
        repl[i] = [_pipe_line(cells, layout)]

    if rows and "loose_notes" in ops:
        i = rnd.choice(rows)
        cells = cells_at(i)
        nums = [j for j in range(at[i] + 1, len(cells)) if re.fullmatch(r"\d+", cells[j])]
        if nums:
            j = rnd.choice(nums)
            note = rnd.choice(_NOTES)
            if rnd.random() < 0.5:
                cells[j] = cells[j] + note
                set_cells(i, cells)
            else:
                head, tail = cells[:j], cells[j + 1 :]
                repl[i] = [_pipe_line(head, layout), cells[j], note] + ([_pipe_line(tail, layout)] if tail else [])
    if rows and "split_row" in ops:
        i = rnd.choice(rows)
        if i not in repl:
            cells = cells_at(i)
            k = rnd.randint(at[i] + 2, len(cells) - 1)
            second = [_pipe_line(cells[k:], layout)]
            if layout == "markdown":
                second.append("|" + "---|" * (len(cells) - k))
            repl[i] = [_pipe_line(cells[:k], layout), "", *second]
    if rows and ("detach" in ops or "split_label" in ops or "drop_label" in ops):
        free = [i for i in rows if i not in repl]
        if free:
            n = rnd.randint(1, min(4, len(free)))
            s = rnd.randint(0, len(free) - n)
            group = free[s : s + n]
            labels = []
            for i in group:
                cells = cells_at(i)
                labels.append(cells[at[i]])
                cells[at[i]] = ""
                set_cells(i, cells)
            if "drop_label" in ops and not ("detach" in ops or "split_label" in ops):
                labels = []
            elif "drop_label" in ops and len(labels) > 1:
                labels.pop(rnd.randrange(len(labels)))
            if "detach" in ops and rnd.random() < 0.5:
                rnd.shuffle(labels)
            printed: list[str] = []
            for lab in labels:
                if "split_label" in ops and len(lab) >= 4 and rnd.random() < 0.7:
                    k = rnd.randint(2, len(lab) - 2)
                    printed += [lab[:k], lab[k:]]
                else:
                    printed.append(lab)
            if printed:
                if rnd.random() < 0.7:
                    before.setdefault(group[0], []).extend(printed)
                else:
                    after.setdefault(group[-1], []).extend(printed)
    if rows and "scramble_header" in ops:
        hdr = _header_lines(lines, rows[0])
        if hdr:
            words = [c for i in hdr for c in _pipe_cells(lines[i]) if not set(c) <= set("-:")]
            words = [w for w in words if "勾稽" not in w]
            frags = _fragments(words, rnd)
            for i in hdr:
                repl[i] = []
            repl[hdr[0]] = frags
    if rev is not None and "collapse_review" in ops:
        hdr = _header_lines(lines, rev)
        words = [c for i in hdr for c in _pipe_cells(lines[i]) if not set(c) <= set("-:")]
        for i in hdr:
            repl[i] = []
        values = _pipe_cells(lines[rev], len(L.REVIEW_COLUMNS))
        shown = values
        frags = _fragments(words, rnd)
        if rnd.random() < 0.5:
            body = [" ".join(v for v in shown if v)] if all(shown) else [_pipe_line(shown, layout)]
        else:
            body = [_pipe_line(shown[k : k + 5], layout) for k in (0, 5, 10)]
        repl[rev] = [*frags, *body]
    if "separators" in ops:
        targets = [i for i in rows if i not in repl]
        for i in rnd.sample(targets, min(len(targets), rnd.randint(1, 4))):
            cells = [c for c in cells_at(i)[at[i] :] if c]
            if rnd.random() < 0.5 or len(cells) < 2:
                repl[i] = [" ".join(cells)]
            else:
                repl[i] = [cells[0] + cells[1] + " " + " ".join(cells[2:])]
    if "furniture" in ops:
        targets = rows + ([rev] if rev is not None else [])
        for i in rnd.sample(targets, min(len(targets), rnd.randint(1, 3))):
            after.setdefault(i, []).append(f"- {rnd.randint(1, 40)} -")
    out: list[str] = []
    for i, line in enumerate(lines):
        out += before.get(i, [])
        out += repl.get(i, [line])
        out += after.get(i, [])
    return "\n".join(out)
