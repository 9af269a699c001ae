"""Exports for people: an XLSX workbook and a printable HTML page with itineraries and booth lists.

The XLSX file has the sheets `timetable` (the CSV contract), `itineraries` (per graduate, by time) and
`booths` (per booth, by time and interviewer), written by the app's one table writer
(`matching.csvfiles.write_xlsx`): no cell is ever stored as a formula and formula-like text carries Excel's
quote prefix. The HTML page is UTF-8 with a CJK font stack and prints one page per graduate, then one page
per booth; every piece of data in it is HTML-escaped, its control characters replaced.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO

import numpy as np

from matching import csvfiles
from matching.jobfair.timetable.result import TimetableResult, UnscheduledReason

FONT_STACK = '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif'
DEFAULT_TITLE = "招聘会面试日程"  # job-fair interview timetable

REASON_ZH = {
    UnscheduledReason.NO_SHOW: "未到场",
    UnscheduledReason.CANCELLED: "已取消",
    UnscheduledReason.NO_COMMON_SLOT: "双方没有共同的空闲时段",
    UnscheduledReason.GRADUATE_LIMIT: "已达面试次数上限",
    UnscheduledReason.BOOTH_FULL: "展位面试官已排满",
    UnscheduledReason.GRADUATE_BUSY: "其他面试已占满可用时段",
    UnscheduledReason.BOOTH_AND_GRADUATE_BUSY: "展位已满或时间冲突",
    UnscheduledReason.NO_TIMETABLE: "未能生成日程",
}

STYLE = f"""
body {{ font-family: {FONT_STACK}; color: #111; margin: 0; }}
.page {{ padding: 12mm 14mm; break-after: page; page-break-after: always; }}
.page:last-child {{ break-after: auto; page-break-after: auto; }}
h1 {{ font-size: 20pt; margin: 0 0 4mm; }}
h2 {{ font-size: 14pt; margin: 6mm 0 2mm; }}
p.who {{ font-size: 13pt; margin: 0 0 5mm; }}
table {{ border-collapse: collapse; width: 100%; font-size: 12pt; }}
th, td {{ border: 1px solid #555; padding: 2mm 3mm; text-align: left; vertical-align: top; }}
th {{ background: #eee; }}
td.time {{ white-space: nowrap; font-weight: bold; }}
.note {{ color: #555; font-size: 10pt; }}
@page {{ size: A4; margin: 0; }}
"""


def write_xlsx(result: TimetableResult, destination: Path | IO[bytes]) -> None:
    csvfiles.write_xlsx(
        {
            "timetable": result.timetable_frame(),
            "itineraries": result.itineraries_frame(),
            "booths": result.booth_lists_frame(),
        },
        destination,
    )


def _e(value: object) -> str:
    text = "" if value is None else str(value)
    return html.escape(csvfiles.scrub_control_characters(text), quote=True)


def _table(headers: Sequence[str], rows: Iterable[Sequence[object]], time_columns: int = 1) -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = []
    for row in rows:
        cells = [
            f'<td class="time">{_e(v)}</td>' if i < time_columns else f"<td>{_e(v)}</td>"
            for i, v in enumerate(row)
        ]
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _who(name: object, identifier: object) -> str:
    return f"{_e(name)}（{_e(identifier)}）" if name else _e(identifier)


def render_html(result: TimetableResult, title: str | None = None) -> str:
    """The printable page: a page per graduate (itinerary, then what could not be scheduled), then per booth."""
    title = title or DEFAULT_TITLE
    problem = result.problem
    interviews = problem.interviews
    graduates = problem.graduates
    booths = problem.booths
    itineraries = result.itineraries_frame()
    booth_lists = result.booth_lists_frame()
    pages: list[str] = []

    by_graduate = {key: group for key, group in itineraries.groupby("graduate_id", sort=False)}
    left_out: dict[int, list[int]] = {}
    for index, reason in enumerate(result.reason):
        if reason is not None and reason not in (UnscheduledReason.NO_SHOW, UnscheduledReason.CANCELLED):
            left_out.setdefault(int(interviews.graduate[index]), []).append(index)
    graduate_order = np.unique(interviews.graduate[~result.plan.dropped])
    for graduate in graduate_order.tolist():
        identifier = graduates.ids[graduate]
        group = by_graduate.get(identifier)
        parts = [
            f"<h1>{_e(title)} · 面试行程</h1>",
            f'<p class="who">毕业生：{_who(graduates.names[graduate], identifier)}</p>',
        ]
        if group is not None:
            rows: list[tuple[object, ...]] = [
                (
                    f"{r.start}–{r.end}",
                    r.booth,
                    _joined(r.enterprise_name, r.enterprise_id),
                    _joined(r.position_title, r.position_id),
                    r.interviewer,
                )
                for r in group.itertuples(index=False)
            ]
            parts.append(_table(["时间", "展位", "企业", "岗位", "面试官"], rows))
        else:
            parts.append("<p>暂无已安排的面试。</p>")
        if graduate in left_out:
            left_rows: list[tuple[object, ...]] = [
                (
                    _joined(booths.names[interviews.booth[i]], booths.enterprise_ids[interviews.booth[i]]),
                    _joined(interviews.position_titles[i], interviews.position_ids[i]),
                    REASON_ZH[result.reason[i]],  # type: ignore[index]
                )
                for i in left_out[graduate]
            ]
            parts.append("<h2>未能安排</h2>" + _table(["企业", "岗位", "原因"], left_rows, time_columns=0))
        pages.append('<section class="page graduate">' + "".join(parts) + "</section>")

    by_booth = {key: group for key, group in booth_lists.groupby("enterprise_id", sort=False)}
    requested_booths = np.unique(interviews.booth[~result.plan.dropped])
    for booth in requested_booths.tolist():
        identifier = booths.enterprise_ids[booth]
        group = by_booth.get(identifier)
        parts = [
            f"<h1>{_e(title)} · 展位面试名单</h1>",
            f'<p class="who">展位 {_e(booths.labels[booth])} · 企业：{_who(booths.names[booth], identifier)} · '
            f"面试官 {_e(int(booths.interviewers[booth]))} 位</p>",
        ]
        if group is not None:
            booth_rows: list[tuple[object, ...]] = [
                (
                    f"{r.start}–{r.end}",
                    r.interviewer,
                    _joined(r.graduate_name, r.graduate_id),
                    _joined(r.position_title, r.position_id),
                )
                for r in group.itertuples(index=False)
            ]
            parts.append(_table(["时间", "面试官", "毕业生", "岗位"], booth_rows))
        else:
            parts.append("<p>暂无已安排的面试。</p>")
        pages.append('<section class="page booth">' + "".join(parts) + "</section>")

    note = f'<p class="note">{_e(result.summary())}</p>' if not pages else ""
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{_e(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        + note
        + "\n".join(pages)
        + "\n</body>\n</html>\n"
    )


def _joined(name: object, identifier: object) -> str:
    """'name (id)', or whichever of the two is given."""
    name_text = "" if name is None or (isinstance(name, float) and np.isnan(name)) else str(name)
    id_text = "" if identifier is None else str(identifier)
    if name_text and id_text:
        return f"{name_text}（{id_text}）"
    return name_text or id_text
