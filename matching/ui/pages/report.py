"""The city's report: a period and a scope, the figures with their definitions against the previous period,
the summary paragraph in the city's sentence form, charts each with its table, the aid ledger, downloads."""

from collections.abc import Callable
from datetime import date

import altair as alt
import pandas as pd
import streamlit as st

from matching.errors import InputError
from matching.services import report as reports
from matching.services import report_files
from matching.services.access import Action, park_scope
from matching.ui.auth import current_actor
from matching.ui.common import guarded_download, sessions, show_table
from matching.ui.i18n import day, language, say_error, t

actor = current_actor()
lang = language()
st.title(t("reportpage.title"))
st.caption(t("reportpage.caption"))

with sessions()() as session:
    parks = reports.park_choices(session, actor)
    events = reports.event_choices(session, actor)

# labels said now, in this language (AppTest says a widget's options again outside the script run)
kinds = {k: t(f"reportpage.period.{k}") for k in ("to_date", "year", "range", "event")}
left, middle, right = st.columns([2, 3, 2])
kind = left.radio(t("reportpage.period"), list(kinds), format_func=kinds.__getitem__, key="report.kind")
today = date.today()
period: reports.Period | None = None
try:
    if kind == "year":
        year = middle.number_input(
            t("reportpage.year"), min_value=2000, max_value=2100, value=today.year, step=1, key="report.year"
        )
        period = reports.Period.year(int(year))
    elif kind == "range":
        start = middle.date_input(t("reportpage.from"), value=date(today.year, 1, 1), key="report.from")
        end = middle.date_input(t("reportpage.to"), value=today, key="report.to")
        period = reports.Period.between(start, end)
    elif kind == "event":
        if not events:
            middle.info(t("reportpage.no_events"))
        else:
            codes = [code for code, _, _ in events]
            names = {
                code: f"{name}（{day(held)}）" if lang == "zh" else f"{name} ({day(held)})"
                for code, name, held in events
            }
            chosen = middle.selectbox(
                t("reportpage.event"), codes, format_func=names.__getitem__, key="report.event"
            )
            with sessions()() as session:
                period = reports.event_period(session, actor, chosen)
    else:
        with sessions()() as session:
            period = reports.reported_to_date(session, actor, today)
except InputError as error:
    st.error(say_error(error))
if period is None:
    st.stop()

scopes: list[str | None] = [code for code, _ in parks]
if park_scope(actor) is None:
    scopes = [None, *scopes]  # the whole city first; a park official has their own park only
park_names: dict[str | None, str] = {None: t("reportpage.scope.city"), **dict(parks)}
park = right.selectbox(
    t("reportpage.scope"),
    scopes,
    format_func=park_names.__getitem__,
    key="report.park",
)

with sessions()() as session:
    rep = reports.report(session, actor, period, park)
    ledger = reports.ledger(session, actor, period, park) if actor.may(Action.VIEW_DATA) else None

st.subheader(t("reportpage.summary"))
st.info(rep.summary_text(lang), icon=":material/article:")
if rep.previous_period is not None:
    st.caption(t("reportpage.previous", period=rep.previous_period.label()))
else:
    st.caption(t("reportpage.no_previous"))

st.subheader(t("reportpage.figures"))


def _shown(figure: reports.Figure, value: float | None) -> str:
    if value is None:
        return ""
    if figure.unit == "share":
        return f"{value:.1%}"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


columns = st.columns(5)
for index, figure in enumerate(rep.figures):
    columns[index % 5].metric(
        figure.name.text(lang),
        _shown(figure, figure.value),
        delta=None if figure.change is None else _shown(figure, figure.change),
        help=figure.definition.text(lang),
    )
figures = report_files.figures_frame(rep, lang)
figures["figure"] = [f.name.text(lang) for f in rep.figures]
show_table(figures, labels={c: t(f"report.col.{c}") for c in figures.columns})

st.subheader(t("reportpage.charts"))
charts = report_files.charts(rep)
tabs = st.tabs([t(f"report.chart.{chart.key}") for chart in charts])
for tab, chart in zip(tabs, charts, strict=True):
    with tab:
        label, value = chart.frame.columns[0], chart.frame.columns[1]
        chart_side, table_side = st.columns([3, 2])
        if chart.frame.empty:
            chart_side.caption(t("report.empty"))
        else:
            # the fields are named in the reader's language: tooltips and axes show them as they are
            label_name, value_name = t(f"report.col.{label}"), t(f"report.col.{value}")
            data = chart.frame[[label, value]].rename(columns={label: label_name, value: value_name})
            axis = alt.Axis(format="%") if chart.share else alt.Axis()
            chart_side.altair_chart(
                alt.Chart(data)
                .mark_bar()
                .encode(
                    x=alt.X(value_name, type="quantitative", axis=axis),
                    y=alt.Y(label_name, type="nominal", sort=None, title=None, axis=alt.Axis(labelLimit=260)),
                    tooltip=[
                        alt.Tooltip(label_name, type="nominal"),
                        alt.Tooltip(value_name, type="quantitative", format=".1%" if chart.share else ",.0f"),
                    ],
                ),
                width="stretch",
            )
        with table_side:
            show_table(chart.frame, labels={c: t(f"report.col.{c}") for c in chart.frame.columns})

with st.expander(t("reportpage.tables")):
    for name, frame in rep.frames().items():
        st.markdown(f"**{t(f'report.heading.{name}')}**")
        show_table(frame, labels={c: t(f"report.col.{c}") for c in frame.columns})

if ledger is not None:
    st.subheader(t("reportpage.ledger"))
    st.caption(t("reportpage.ledger.caption"))
    if ledger.empty:
        st.info(t("reportpage.ledger.empty"))
    else:
        shown = ledger.assign(
            status=ledger["status"].map(lambda s: t(f"report.status.{s}")),
            role=ledger["role"].map(lambda r: t(f"report.role.{r}")),
        )
        show_table(
            pd.DataFrame(shown), labels={c: t(f"report.col.{c}") for c in ledger.columns}, key="report.ledger"
        )

st.subheader(t("reportpage.downloads"))
stem = f"report-{period.start.isoformat()}-{period.end.isoformat()}" + (f"-{park}" if park else "")
if period.kind == "to_date":
    stem = f"report-{period.end.isoformat()}" + (f"-{park}" if park else "")


def _maker(file_name: str, with_ledger: bool) -> Callable[[str | None], bytes]:
    """The file, made (checked and logged by the service) only when its button is clicked."""
    assert period is not None

    def make(_purpose: str | None) -> bytes:
        assert period is not None
        made = report_files.export(
            sessions(), actor, period, file_name, park_code=park, lang=lang, with_ledger=with_ledger
        )
        return made.content

    return make


buttons = st.columns(4)
for column, suffix in zip(buttons, report_files.FORMATS, strict=True):
    with column:
        guarded_download(
            actor,
            t("reportpage.download.report", format=suffix.lstrip(".").upper()),
            key=f"report.download{suffix}",
            personal=False,
            make=_maker(f"{stem}{suffix}", False),
            file_name=f"{stem}{suffix}",
            mime=report_files.MEDIA_TYPES[suffix],
        )
        if ledger is not None:
            guarded_download(
                actor,
                t("reportpage.download.ledger", format=suffix.lstrip(".").upper()),
                key=f"report.ledger.download{suffix}",
                personal=False,
                make=_maker(f"ledger-{stem}{suffix}", True),
                file_name=f"ledger-{stem}{suffix}",
                mime=report_files.MEDIA_TYPES[suffix],
            )
