"""Exports for people: an XLSX workbook and printable HTML itineraries, in the reader's language.

Both are made from one plain frame, the *people frame* (`PEOPLE_COLUMNS`, one row per interview with the
names people read), so that the command line (from a `TimetableResult`, `people_frame`) and the service
(from the stored interviews) print the same documents.

The XLSX file has the sheets: the timetable for people (every interview with names, times, and for those
not scheduled the reason, in words), the graduates' itineraries and the booth lists — headers and values in
the reader's language — and last `timetable`, the machine-readable CSV contract (codes such as
`booth_full`, `true`/`false`; `reschedule --previous` reads it). It is written by the app's one table
writer (`matching.csvfiles.write_xlsx`): no cell is ever stored as a formula and formula-like text carries
Excel's quote prefix.

The HTML is UTF-8, for A4 with the system's CJK fonts (nothing is fetched), no QR code: for a `Selection`
of all (a page per graduate, then a page per booth), one booth or every booth (for the enterprise's
interviewers), one graduate or every graduate, one university or every university (for its employment
office: its graduates' interviews). Every piece of data in it is HTML-escaped, control characters replaced.
"""

from __future__ import annotations

import enum
import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import numpy as np
import pandas as pd

from matching import csvfiles
from matching.jobfair.timetable.problem import format_clock
from matching.jobfair.timetable.result import TimetableResult, UnscheduledReason
from matching.messages import render

FONT_STACK = (
    '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Microsoft YaHei", '
    '"PingFang SC", sans-serif'
)
CODES_SHEET = "timetable"  # the CSV contract, read back by `reschedule --previous`

PEOPLE_COLUMNS = (
    "graduate_id",
    "graduate_name",
    "university",  # the graduate's university (empty when unknown, e.g. from CSV files)
    "booth",
    "enterprise_id",
    "enterprise_name",
    "interviewers",  # the booth's
    "position_id",
    "position_title",
    "start",  # HH:MM, empty when not scheduled
    "end",
    "interviewer",  # 1 … n, 0 when not scheduled
    "moved",  # bool
    "reason",  # UnscheduledReason value, empty when scheduled
)
LEFT_OUT_SILENTLY = (UnscheduledReason.NO_SHOW.value, UnscheduledReason.CANCELLED.value)

STYLE = f"""
body {{ font-family: {FONT_STACK}; color: #111; margin: 0; }}
.page {{ padding: 12mm 14mm; break-after: page; page-break-after: always; }}
.page:last-child {{ break-after: auto; page-break-after: auto; }}
h1 {{ font-size: 20pt; margin: 0 0 4mm; }}
h2 {{ font-size: 14pt; margin: 6mm 0 2mm; }}
h3 {{ font-size: 12pt; margin: 4mm 0 1mm; break-after: avoid; }}
p.who {{ font-size: 13pt; margin: 0 0 5mm; }}
table {{ border-collapse: collapse; width: 100%; font-size: 12pt; }}
tr {{ break-inside: avoid; }}
th, td {{ border: 1px solid #555; padding: 2mm 3mm; text-align: left; vertical-align: top; }}
th {{ background: #eee; }}
td.time {{ white-space: nowrap; font-weight: bold; }}
.note {{ color: #555; font-size: 10pt; }}
@page {{ size: A4; margin: 0; }}
@media screen {{ .page {{ max-width: 210mm; margin: 0 auto; border-bottom: 1px dashed #999; }} }}
"""


class Audience(enum.StrEnum):
    """Who a printout is for."""

    ALL = "all"  # a page per graduate, then a page per booth
    BOOTH = "booth"  # the enterprise's interviewers: a page per booth
    GRADUATE = "graduate"  # a page per graduate
    UNIVERSITY = "university"  # the university's employment office: its graduates' interviews


@dataclass(frozen=True)
class Selection:
    """Which itineraries to print: an audience and, optionally, the one booth (enterprise code or booth
    label), graduate (code) or university (name) to print; None prints every one of that audience."""

    audience: Audience = Audience.ALL
    code: str | None = None

    @classmethod
    def parse(cls, text: str) -> Selection:
        """`all`, `booth`, `booth:E001`, `graduate:G0001`, `university:大连理工大学` (ValueError if not)."""
        kind, _, code = text.strip().partition(":")
        try:
            audience = Audience(kind.strip().lower())
        except ValueError:
            choices = ", ".join(a.value for a in Audience)
            raise ValueError(f"'{text}' is not one of {choices} (optionally followed by :CODE)") from None
        code = code.strip()
        if audience is Audience.ALL and code:
            raise ValueError(f"'{text}': 'all' takes no code")
        return cls(audience, code or None)

    def __str__(self) -> str:
        return self.audience.value + (f":{self.code}" if self.code else "")


def people_frame(result: TimetableResult) -> pd.DataFrame:
    """The people frame of a result: one row per interview, in the order of interviews.csv."""
    problem = result.problem
    interviews = problem.interviews
    booths = problem.booths
    length = problem.fair.slot_minutes
    scheduled = result.scheduled
    begin = problem.fair.opens + result.slot * length
    return pd.DataFrame(
        {
            "graduate_id": problem.graduates.ids[interviews.graduate],
            "graduate_name": [_text(n) for n in problem.graduates.names[interviews.graduate]],
            "university": "",
            "booth": booths.labels[interviews.booth],
            "enterprise_id": booths.enterprise_ids[interviews.booth],
            "enterprise_name": [_text(n) for n in booths.names[interviews.booth]],
            "interviewers": booths.interviewers[interviews.booth].astype(int),
            "position_id": [_text(p) for p in interviews.position_ids],
            "position_title": [_text(p) for p in interviews.position_titles],
            "start": [
                format_clock(int(m)) if on else "" for m, on in zip(begin.tolist(), scheduled, strict=True)
            ],
            "end": [
                format_clock(int(m) + length) if on else ""
                for m, on in zip(begin.tolist(), scheduled, strict=True)
            ],
            "interviewer": result.interviewer.astype(int),
            "moved": result.moved.astype(bool),
            "reason": ["" if reason is None else reason.value for reason in result.reason],
        },
        columns=list(PEOPLE_COLUMNS),
    )


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    return str(value)


def _w(code: str, lang: str, **params: object) -> str:
    return render(f"itinerary.{code}", params, lang)


def reason_text(reason: str, lang: str, *, short: bool = False) -> str:
    """Why an interview is not scheduled, in words (empty for a scheduled one): the explanation, or the
    short label printed on itineraries."""
    if not reason:
        return ""
    return render(f"timetable.drop.{'short.' if short else ''}{reason}", None, lang)


# --- XLSX --------------------------------------------------------------------------------------------


def write_xlsx(
    result: TimetableResult, destination: Path | IO[bytes], lang: str = "zh", *, university: bool = False
) -> None:
    """The workbook of a result (see the module's docstring)."""
    write_workbook(people_frame(result), result.timetable_frame(), destination, lang, university=university)


def write_workbook(
    people: pd.DataFrame,
    codes: pd.DataFrame,
    destination: Path | IO[bytes],
    lang: str = "zh",
    *,
    university: bool = True,
) -> None:
    """The workbook from a people frame and the CSV contract frame (`TimetableResult.timetable_frame`)."""
    yes, no = _w("yes", lang), _w("no", lang)
    scheduled = people[people["start"] != ""]
    columns = {
        "graduate_id": _w("col.graduate_id", lang),
        "graduate_name": _w("col.graduate_name", lang),
        "university": _w("col.university", lang),
        "booth": _w("col.booth", lang),
        "enterprise_name": _w("col.enterprise", lang),
        "enterprise_id": _w("col.enterprise_id", lang),
        "position_title": _w("col.position", lang),
        "position_id": _w("col.position_id", lang),
        "start": _w("col.start", lang),
        "end": _w("col.end", lang),
        "interviewer": _w("col.interviewer", lang),
        "moved": _w("col.moved", lang),
        "reason": _w("col.reason", lang),
    }
    if not university:
        del columns["university"]
    table = people.assign(
        interviewer=[n if n else "" for n in people["interviewer"].tolist()],
        moved=[yes if m else no for m in people["moved"].tolist()],
        reason=[reason_text(r, lang) for r in people["reason"].tolist()],
    )
    itinerary_order = ["graduate_id", "start", "booth", "interviewer"]
    booth_order = ["booth", "enterprise_id", "start", "interviewer"]
    itinerary_columns = [c for c in columns if c not in ("moved", "reason")]
    booth_columns = ["booth", "enterprise_name", "enterprise_id", "start", "end", "interviewer"]
    booth_columns += [c for c in ("graduate_id", "graduate_name", "university") if c in columns]
    booth_columns += ["position_title", "position_id"]
    itineraries = table.loc[scheduled.index].sort_values(itinerary_order, kind="stable")
    booth_lists = table.loc[scheduled.index].sort_values(booth_order, kind="stable")
    csvfiles.write_xlsx(
        {
            _w("sheet.timetable", lang): table[list(columns)].rename(columns=columns),
            _w("sheet.itineraries", lang): itineraries[itinerary_columns].rename(columns=columns),
            _w("sheet.booths", lang): booth_lists[booth_columns].rename(columns=columns),
            CODES_SHEET: codes,
        },
        destination,
    )


# --- HTML --------------------------------------------------------------------------------------------


def _e(value: object) -> str:
    return html.escape(csvfiles.scrub_control_characters(_text(value)), quote=True)


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


def _joined(name: object, identifier: object) -> str:
    """'name（id）', or whichever of the two is given."""
    name_text, id_text = _text(name), _text(identifier)
    if name_text and id_text:
        return f"{name_text}（{id_text}）"
    return name_text or id_text


def _who(name: object, identifier: object) -> str:
    return _e(_joined(name, identifier))


def render_html(
    result: TimetableResult, title: str | None = None, selection: Selection | None = None, lang: str = "zh"
) -> str:
    """The printable itineraries of a result (see `render_itineraries`)."""
    empty_note = result.summary(lang) if not result.has_timetable else None
    return render_itineraries(people_frame(result), title, selection, lang, empty_note=empty_note)


def render_itineraries(
    people: pd.DataFrame,
    title: str | None = None,
    selection: Selection | None = None,
    lang: str = "zh",
    *,
    empty_note: str | None = None,
) -> str:
    """The printable page for `selection` (all by default): one A4 page per graduate, booth or university.
    A selection naming a booth, graduate or university that has no interview gives a page that says so."""
    selection = selection or Selection()
    title = title or _w("title", lang)
    chosen = select_people(people, selection)
    pages: list[str] = []
    audience = selection.audience
    if audience in (Audience.ALL, Audience.GRADUATE):
        for _, group in chosen.groupby("graduate_id", sort=True):
            pages.append(_graduate_page(group, title, lang))
    if audience in (Audience.ALL, Audience.BOOTH):
        for _, group in chosen.groupby(["booth", "enterprise_id"], sort=True):
            pages.append(_booth_page(group, title, lang))
    if audience is Audience.UNIVERSITY:
        for _, group in chosen.groupby("university", sort=True):
            pages.append(_university_page(group, title, lang))
    note = ""
    if not pages:
        text = empty_note or _w("nothing", lang, selection=str(selection))
        note = f'<section class="page"><h1>{_e(title)}</h1><p class="note">{_e(text)}</p></section>'
    html_lang = "zh-CN" if lang == "zh" else "en"
    return (
        f'<!DOCTYPE html>\n<html lang="{html_lang}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{_e(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        + note
        + "\n".join(pages)
        + "\n</body>\n</html>\n"
    )


def select_people(people: pd.DataFrame, selection: Selection) -> pd.DataFrame:
    """The rows of the people frame a selection prints (no-shows and cancellations are left out)."""
    in_play = people[~people["reason"].isin(LEFT_OUT_SILENTLY)]
    code = selection.code
    if code is None or selection.audience is Audience.ALL:
        if selection.audience is Audience.UNIVERSITY:
            return in_play[in_play["university"] != ""]
        return in_play
    if selection.audience is Audience.GRADUATE:
        return in_play[in_play["graduate_id"] == code]
    if selection.audience is Audience.BOOTH:
        return in_play[(in_play["enterprise_id"] == code) | (in_play["booth"] == code)]
    return in_play[in_play["university"] == code]


def _graduate_page(group: pd.DataFrame, title: str, lang: str) -> str:
    first = group.iloc[0]
    who = _who(first["graduate_name"], first["graduate_id"])
    if first["university"]:
        who += " · " + _e(first["university"])
    parts = [
        f"<h1>{_e(title)} · {_e(_w('graduate_heading', lang))}</h1>",
        f'<p class="who">{_e(_w("graduate", lang))}：{who}</p>',
    ]
    placed = group[group["start"] != ""].sort_values(["start", "booth"], kind="stable")
    if len(placed):
        rows = [
            (
                f"{r.start}–{r.end}",
                r.booth,
                _joined(r.enterprise_name, r.enterprise_id),
                _joined(r.position_title, r.position_id),
                r.interviewer,
            )
            for r in placed.itertuples(index=False)
        ]
        headers = [_w(f"col.{c}", lang) for c in ("time", "booth", "enterprise", "position", "interviewer")]
        parts.append(_table(headers, rows))
    else:
        parts.append(f"<p>{_e(_w('none_scheduled', lang))}</p>")
    left = group[group["start"] == ""]
    if len(left):
        left_rows = [
            (
                _joined(r.enterprise_name, r.enterprise_id),
                _joined(r.position_title, r.position_id),
                reason_text(r.reason, lang, short=True),
            )
            for r in left.itertuples(index=False)
        ]
        headers = [_w(f"col.{c}", lang) for c in ("enterprise", "position", "reason")]
        parts.append(f"<h2>{_e(_w('left_out', lang))}</h2>" + _table(headers, left_rows, time_columns=0))
    return '<section class="page graduate">' + "".join(parts) + "</section>"


def _booth_page(group: pd.DataFrame, title: str, lang: str) -> str:
    first = group.iloc[0]
    who = _e(
        _w(
            "booth_line",
            lang,
            booth=_text(first["booth"]),
            enterprise=_joined(first["enterprise_name"], first["enterprise_id"]),
            interviewers=int(first["interviewers"]),
        )
    )
    parts = [f"<h1>{_e(title)} · {_e(_w('booth_heading', lang))}</h1>", f'<p class="who">{who}</p>']
    placed = group[group["start"] != ""].sort_values(["start", "interviewer"], kind="stable")
    if len(placed):
        rows = [
            (
                f"{r.start}–{r.end}",
                r.interviewer,
                _joined(r.graduate_name, r.graduate_id),
                _joined(r.position_title, r.position_id),
            )
            for r in placed.itertuples(index=False)
        ]
        headers = [_w(f"col.{c}", lang) for c in ("time", "interviewer", "graduate", "position")]
        parts.append(_table(headers, rows))
    else:
        parts.append(f"<p>{_e(_w('none_scheduled', lang))}</p>")
    return '<section class="page booth">' + "".join(parts) + "</section>"


def _university_page(group: pd.DataFrame, title: str, lang: str) -> str:
    university = _text(group.iloc[0]["university"])
    graduates = group["graduate_id"].nunique()
    placed = group[group["start"] != ""].sort_values(["graduate_id", "start"], kind="stable")
    parts = [
        f"<h1>{_e(title)} · {_e(_w('university_heading', lang))}</h1>",
        f'<p class="who">{_e(_w("university_line", lang, university=university, graduates=graduates, interviews=len(placed)))}</p>',
    ]
    if len(placed):
        rows = [
            (
                f"{r.start}–{r.end}",
                _joined(r.graduate_name, r.graduate_id),
                r.booth,
                _joined(r.enterprise_name, r.enterprise_id),
                _joined(r.position_title, r.position_id),
            )
            for r in placed.itertuples(index=False)
        ]
        headers = [_w(f"col.{c}", lang) for c in ("time", "graduate", "booth", "enterprise", "position")]
        parts.append(_table(headers, rows))
    else:
        parts.append(f"<p>{_e(_w('none_scheduled', lang))}</p>")
    left = group[group["start"] == ""].sort_values(["graduate_id"], kind="stable")
    if len(left):
        left_rows = [
            (
                _joined(r.graduate_name, r.graduate_id),
                _joined(r.enterprise_name, r.enterprise_id),
                _joined(r.position_title, r.position_id),
                reason_text(r.reason, lang, short=True),
            )
            for r in left.itertuples(index=False)
        ]
        headers = [_w(f"col.{c}", lang) for c in ("graduate", "enterprise", "position", "reason")]
        parts.append(f"<h2>{_e(_w('left_out', lang))}</h2>" + _table(headers, left_rows, time_columns=0))
    return '<section class="page university">' + "".join(parts) + "</section>"
