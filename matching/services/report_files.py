"""The report and the aid ledger as files: CSV, XLSX, printable HTML (A4, charts as inline SVG) and PDF.

CSV holds the figures as rows (figure, definition, value, previous, change), or the ledger's rows; XLSX one
sheet per table. The HTML is one self-contained page: the summary paragraph, the figures, and every chart
with its table beside it, drawn by matplotlib as SVG paths in the system's Noto Sans CJK font (nothing is
fetched from outside). The PDF is WeasyPrint's rendering of that HTML, so the two never differ. Every file
leaves through `disclosure.release` (aggregates and pairs of enterprises and villages: no personal data).
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pandas as pd
from sqlalchemy.orm import Session, sessionmaker

from matching.messages import Message
from matching.services.access import Action, Actor, require
from matching.services.disclosure import check_release, release
from matching.services.report import AID_KINDS, Period, Report, ledger, report
from matching.services.tabular import csv_bytes, xlsx_bytes

FORMATS = (".xlsx", ".csv", ".html", ".pdf")
FONT_FAMILIES = ["Noto Sans CJK SC", "Noto Sans CJK JP", "DejaVu Sans"]
CSS_FONTS = "'Noto Sans CJK SC', 'Noto Sans CJK JP', 'Noto Sans SC', sans-serif"
CHART_ROWS = 15  # the longest list a chart shows (the full table follows)


def _say(code: str, lang: str, **params: object) -> str:
    return Message(code, params).text(lang)


def _column(name: str, lang: str) -> str:
    return _say(f"report.col.{name}", lang)


def figures_frame(rep: Report, lang: str = "en") -> pd.DataFrame:
    """The figures as rows: figure (its code), definition, value, previous, change (empty without a
    previous period)."""
    return pd.DataFrame(
        [
            {
                "figure": f.code,
                "definition": f.definition.text(lang),
                "value": _plain(f.value),
                "previous": _plain(f.previous),
                "change": _plain(f.change),
            }
            for f in rep.figures
        ],
        columns=["figure", "definition", "value", "previous", "change"],
        dtype=object,  # counts stay whole numbers (143, not 143.0) beside the shares
    )


def _plain(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else round(float(value), 4)


def labelled(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A table with its column names and status/role words in the reader's language."""
    out = frame.copy()
    if "status" in out.columns:
        out["status"] = out["status"].map(lambda s: _say(f"report.status.{s}", lang))
    if "role" in out.columns:
        out["role"] = out["role"].map(lambda r: _say(f"report.role.{r}", lang))
    return out.rename(columns={c: _column(c, lang) for c in out.columns})


# ------------------------------------------------------------------------------------------- charts


@dataclass(frozen=True)
class Chart:
    """A chart of the report and the table it draws."""

    key: str  # report.chart.<key>
    frame: pd.DataFrame  # the rows it draws: label column first, value column second
    share: bool = False  # values are shares (0–1), drawn as per cent


def charts(rep: Report) -> list[Chart]:
    """Match rates by university and county, aid by park and month, intents by industry."""
    university = rep.by_university.sort_values("graduates", ascending=False).head(CHART_ROWS)
    county = rep.by_county[rep.by_county["graduates"] > 0]
    return [
        Chart("rate_by_university", university[["university", "intent_rate", "graduates", "intents"]], True),
        Chart("rate_by_county", county[["county", "intent_rate", "graduates", "intents"]], True),
        Chart("aid_by_park", rep.by_park[["park", "yuan", "villages"]]),
        Chart("aid_by_month", rep.by_month[["month", "yuan", *[k for k in AID_KINDS if k != "yuan"]]]),
        Chart("intents_by_industry", rep.by_industry.head(CHART_ROWS)[["industry", "intents", "openings"]]),
    ]


def chart_svg(chart: Chart, lang: str) -> str:
    """One horizontal bar chart as an SVG element (text drawn as paths: no font needed to show it)."""
    from matplotlib import rc_context
    from matplotlib.figure import Figure as PlotFigure

    labels = [str(v) for v in chart.frame.iloc[:, 0]]
    values = [float(v) * (100 if chart.share else 1) for v in chart.frame.iloc[:, 1]]
    height = 0.9 + 0.28 * max(1, len(labels))
    with rc_context({"font.family": FONT_FAMILIES, "svg.fonttype": "path", "axes.unicode_minus": False}):
        figure = PlotFigure(figsize=(4.6, height), dpi=96)
        axes = figure.subplots()
        axes.barh(range(len(labels)), values, color="#2f6f9f")
        axes.set_yticks(range(len(labels)), labels, fontsize=7)
        axes.invert_yaxis()
        axes.tick_params(axis="x", labelsize=7)
        axes.set_title(_say(f"report.chart.{chart.key}", lang), fontsize=9)
        if chart.share:
            axes.set_xlabel("%", fontsize=7)
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        figure.tight_layout()
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    text = buffer.getvalue()
    text = re.sub(r"<metadata>.*?</metadata>", "", text, flags=re.S)  # the tool's RDF, nothing shown
    return text[text.index("<svg") :]


# --------------------------------------------------------------------------------------------- HTML

CSS = f"""
@page {{ size: A4; margin: 14mm 12mm; }}
body {{ font-family: {CSS_FONTS}; font-size: 9.5pt; color: #111; }}
h1 {{ font-size: 16pt; margin: 0 0 4pt; }}
h2 {{ font-size: 12pt; margin: 14pt 0 4pt; border-bottom: 1px solid #999; }}
p.meta {{ color: #555; font-size: 8.5pt; }}
p.summary {{ font-size: 11pt; line-height: 1.6; }}
table {{ border-collapse: collapse; margin: 4pt 0; }}
th, td {{ border: 1px solid #bbb; padding: 2pt 4pt; text-align: left; vertical-align: top; }}
td.n {{ text-align: right; white-space: nowrap; }}
th {{ background: #eef2f6; }}
.pair {{ display: flex; gap: 8pt; align-items: flex-start; break-inside: avoid; page-break-inside: avoid; }}
.pair .chart {{ flex: 0 0 55%; }}
.pair .chart svg {{ width: 100%; height: auto; }}
.pair table {{ flex: 1 1 auto; font-size: 8pt; }}
"""


PLAIN_COLUMNS = frozenset({"year", "month", "county_code", "village_code", "enterprise_code", "park_code"})


def _cell(value: object, lang: str, share: bool = False, plain: bool = False) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "<td></td>"
    if isinstance(value, bool):
        return f"<td>{value}</td>"
    if isinstance(value, int | float) and plain:
        return f'<td class="n">{value:.0f}</td>'
    if isinstance(value, int | float):
        number = float(value)
        text = f"{number:.1%}" if share else (f"{number:,.0f}" if number.is_integer() else f"{number:,.2f}")
        return f'<td class="n">{text}</td>'
    return f"<td>{html.escape(str(value))}</td>"


def html_table(frame: pd.DataFrame, lang: str) -> str:
    if frame.empty:
        return f"<p>{html.escape(_say('report.empty', lang))}</p>"
    shares = {c for c in frame.columns if c in ("intent_rate",)}
    shown = labelled(frame, lang)
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in shown.columns)
    body = "".join(
        "<tr>"
        + "".join(
            _cell(v, lang, share=original in shares, plain=original in PLAIN_COLUMNS)
            for v, original in zip(row, frame.columns, strict=True)
        )
        + "</tr>"
        for row in shown.itertuples(index=False)
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


LEDGER_CSS = "@page { size: A4 landscape; } table { font-size: 7.5pt; }"


def _page(title: str, lang: str, body: str, extra_css: str = "") -> str:
    return (
        f'<!DOCTYPE html><html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title><style>{CSS}{extra_css}</style></head><body>{body}</body></html>"
    )


def _meta(rep: Report, lang: str) -> str:
    previous = (
        rep.previous_period.label().text(lang) if rep.previous_period else _say("report.no_previous", lang)
    )
    return _say(
        "report.meta",
        lang,
        period=rep.period.label().text(lang),
        scope=rep.scope.label().text(lang),
        previous=previous,
        made=date.today().isoformat(),
    )


def report_html(rep: Report, lang: str = "zh") -> str:
    """The printable report: summary, figures, each chart beside its table, then the full tables."""
    title = _say("report.title", lang)
    figures = figures_frame(rep, lang)
    figures.insert(0, "name", [f.name.text(lang) for f in rep.figures])
    figures = figures.drop(columns=["figure"]).rename(columns={"name": "figure"})
    for row, figure in enumerate(rep.figures):
        if figure.unit == "share":  # the intent rate as a per cent, the counts as counts
            for column in ("value", "previous", "change"):
                value = figures.at[row, column]
                figures.at[row, column] = None if value is None else f"{float(value):.1%}"
    parts = [
        f"<h1>{html.escape(title)}</h1>",
        f'<p class="meta">{html.escape(_meta(rep, lang))}</p>',
        f"<h2>{html.escape(_say('report.heading.summary', lang))}</h2>",
        f'<p class="summary">{html.escape(rep.summary_text(lang))}</p>',
        f"<h2>{html.escape(_say('report.heading.figures', lang))}</h2>",
        html_table(figures, lang),
    ]
    for chart in charts(rep):
        parts.append(f"<h2>{html.escape(_say(f'report.chart.{chart.key}', lang))}</h2>")
        if chart.frame.empty:
            parts.append(f"<p>{html.escape(_say('report.empty', lang))}</p>")
            continue
        parts.append(
            f'<div class="pair"><div class="chart">{chart_svg(chart, lang)}</div>'
            f"{html_table(chart.frame, lang)}</div>"
        )
    for name, frame in rep.frames().items():
        parts.append(f"<h2>{html.escape(_say(f'report.heading.{name}', lang))}</h2>")
        parts.append(html_table(frame, lang))
    return _page(title, lang, "".join(parts))


def ledger_html(frame: pd.DataFrame, rep: Report, lang: str = "zh") -> str:
    title = _say("report.ledger.title", lang)
    body = [
        f"<h1>{html.escape(title)}</h1>",
        f'<p class="meta">{html.escape(_meta(rep, lang))}</p>',
        f'<p class="summary">{html.escape(rep.summary()[1].text(lang))}</p>',
        html_table(frame, lang),
    ]
    return _page(title, lang, "".join(body), LEDGER_CSS)


def pdf_bytes(page: str) -> bytes:
    """WeasyPrint's A4 rendering of a page of this module (fonts from the system, nothing fetched)."""
    from weasyprint import HTML

    def no_fetch(url: str, *args: object, **kwargs: object) -> dict[str, object]:
        raise ValueError(f"the report fetches nothing: {url}")

    return bytes(HTML(string=page, url_fetcher=no_fetch).write_pdf())


# ------------------------------------------------------------------------------------------- export


@dataclass(frozen=True)
class ReportFile:
    name: str
    content: bytes
    rows: int
    media_type: str


MEDIA_TYPES = {
    ".csv": "text/csv",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".html": "text/html",
    ".pdf": "application/pdf",
}


def render(
    rep: Report, suffix: str, lang: str, ledger_frame: pd.DataFrame | None = None
) -> tuple[bytes, int]:
    """The file's bytes and the rows it holds: the report, or the ledger when `ledger_frame` is given."""
    suffix = suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(Message("report.bad_format", {"suffix": suffix}).text(lang))
    if ledger_frame is not None:
        rows = len(ledger_frame)
        makers: dict[str, Callable[[], bytes]] = {
            ".csv": lambda: csv_bytes(ledger_frame),
            ".xlsx": lambda: xlsx_bytes({"ledger": ledger_frame}),
            ".html": lambda: ledger_html(ledger_frame, rep, lang).encode("utf-8"),
            ".pdf": lambda: pdf_bytes(ledger_html(ledger_frame, rep, lang)),
        }
        return makers[suffix](), rows
    figures = figures_frame(rep, lang)
    rows = len(figures) + sum(len(f) for f in rep.frames().values())
    makers = {
        ".csv": lambda: csv_bytes(figures),
        ".xlsx": lambda: xlsx_bytes({"figures": figures, **rep.frames()}),
        ".html": lambda: report_html(rep, lang).encode("utf-8"),
        ".pdf": lambda: pdf_bytes(report_html(rep, lang)),
    }
    if suffix == ".csv":
        rows = len(figures)
    return makers[suffix](), rows


def export(
    sessions: sessionmaker[Session],
    actor: Actor,
    period: Period,
    file_name: str,
    *,
    park_code: str | None = None,
    lang: str = "en",
    with_ledger: bool = False,
) -> ReportFile:
    """The report (or the ledger) of `period` and scope as the file `file_name` names by its suffix;
    checked and logged by `disclosure.release` in the same transaction that reads the figures."""
    require(actor, Action.VIEW_DATA if with_ledger else Action.VIEW_REPORTS)
    check_release(actor, personal=False, purpose=None)  # refuse before any work
    suffix = "." + file_name.rsplit(".", 1)[-1].lower() if "." in file_name else ""
    if suffix not in FORMATS:
        raise ValueError(Message("report.bad_format", {"suffix": suffix}).text(lang))
    with sessions() as session, session.begin():
        rep = report(session, actor, period, park_code)
        frame = ledger(session, actor, period, park_code) if with_ledger else None
        content, rows = render(rep, suffix, lang, frame)
        release(
            session,
            actor,
            what="report.ledger" if with_ledger else "report",
            file_name=file_name,
            rows=rows,
            personal=False,
        )
    return ReportFile(file_name, content, rows, MEDIA_TYPES[suffix])
