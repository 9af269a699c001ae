"""Timetable: the fair day by booth and by graduate, same-day changes, and the printouts."""

from collections.abc import Callable

import streamlit as st

from matching.errors import ConflictError, NotFoundError
from matching.messages import Message
from matching.services import jobfair as jobfair_service
from matching.services import timetable as service
from matching.services.access import PermissionDenied
from matching.services.timetable import Audience, Selection, TimetableResult, drops_text
from matching.ui import jobs
from matching.ui.auth import current_actor
from matching.ui.common import guarded_download, may_download, purpose_input, sessions
from matching.ui.i18n import language, number, say, say_error, t
from matching.ui.options import option_controls

actor = current_actor()
st.title(t("timetable.title"))
with sessions()() as session:
    events = [(e.code, e.name, e.id) for e in jobfair_service.events(session, actor)]
if not events:
    st.info(t("jobfair.no_events"))
    st.stop()
labels = {code: name for code, name, _ in events}
event_code = st.selectbox(t("jobfair.event"), list(labels), format_func=labels.__getitem__, key="tt.event")
event_id = next(i for code, _, i in events if code == event_code)

left, middle, right = st.columns(3)
time_limit = left.slider(t("option.time_limit"), 2, 60, 10, key="tt.time_limit")
day_options = option_controls(
    service.SolveOptions, "tt", container=middle, skip=("time_limit", "seed", "workers")
)
busy = jobs.running("timetable")  # one plan at a time: a second click would throw the first one's moves away
if right.button(
    t("timetable.build"), type="primary", icon=":material/calendar_month:", key="tt.build", disabled=busy
):
    jobs.start(
        "timetable",
        service.schedule_event,
        sessions(),
        event_code,
        service.SolveOptions(time_limit=float(time_limit), **day_options),
        actor=actor,
    )


def done(outcome: tuple[service.TimetableSummary, TimetableResult]) -> None:
    summary, result = outcome
    source = t(f"timetable.source.{summary.source_kind}", run=summary.source_run)
    st.success(
        t(
            "timetable.done",
            scheduled=number(summary.scheduled),
            requested=number(summary.requested),
            source=source,
        )
    )
    if summary.moved:
        st.info(t("timetable.moved", moved=number(summary.moved)))
    st.caption(say(result.summary_message()))


jobs.show("timetable", done)

EVERY = "*"  # the choice "every booth / graduate / university" of the printouts


def printout(run_id: int, name: str, selection: Selection) -> Callable[[str | None], bytes]:
    lang = language()
    return lambda purpose: service.document(
        sessions(), run_id, name, actor, purpose, selection=selection, lang=lang
    )


with sessions()() as session:
    run = service.latest_timetable(session, event_id, actor)
    if run is None:
        st.info(t("timetable.none"))
        st.stop()
    frame = service.interviews_frame(session, run.id, actor)
    files = service.document_types(session, run.id, actor)
stored_summary = Message.from_json(run.summary) if run.summary else None
st.caption(
    t("timetable.run", run=run.id, message=say(stored_summary) if stored_summary else run.message or "")
)
drops = drops_text(frame["reason"].tolist(), language())
if drops:
    st.caption(drops)


# The printouts name every graduate: made from the stored run, handed out with a purpose, and logged,
# when clicked. The itineraries print for everyone, a booth (its interviewers), a graduate or a
# university (its employment office).
if may_download(actor, personal=True):
    purpose_input("tt.purpose")
selection = Selection()
if files:
    with sessions()() as session:
        choices = service.printout_choices(session, run.id, actor)
    who_column, which_column = st.columns(2)
    audiences = {a: t(f"timetable.print_for.{a.value}") for a in Audience}  # said now, in this language
    picked_for = who_column.selectbox(
        t("timetable.print_for"),
        list(Audience),
        format_func=audiences.__getitem__,
        key="tt.print_for",
    )
    audience = picked_for or Audience.ALL
    code: str | None = None
    if audience is not Audience.ALL:
        named = {EVERY: t("timetable.print_every"), **dict(choices[audience])}
        picked = which_column.selectbox(
            t(f"timetable.print_which.{audience.value}"),
            list(named),
            format_func=named.__getitem__,
            key=f"tt.print_which.{audience.value}",
        )
        code = None if picked == EVERY else picked
    selection = Selection(audience, code)
downloads = st.columns(2)
for slot, (name, label) in zip(
    downloads,
    [("timetable.xlsx", "timetable.xlsx_label"), ("itineraries.html", "timetable.html_label")],
    strict=True,
):
    if name in files:
        chosen_for = selection if name == "itineraries.html" else Selection()
        suffix = "" if chosen_for.audience is Audience.ALL else "-" + str(chosen_for).replace(":", "-")
        stem, _, extension = name.partition(".")
        with slot:
            guarded_download(
                actor,
                t(label),
                key=f"tt.dl.{name}",
                personal=True,
                make=printout(run.id, name, chosen_for),
                file_name=f"{event_code}-{stem}{suffix}.{extension}",
                mime=files[name],
                purpose_key="tt.purpose",
            )

scheduled = frame[frame["start"] != ""]
# What people read: statuses and reasons in their language (the frames above keep the codes).
readable = frame.assign(
    status=frame["status"].map(lambda code: t(f"timetable.status.{code}")),
    reason=frame["reason"].map(lambda code: t(f"timetable.reason.{code}") if code else ""),
    moved=frame["moved"].map(lambda moved: t("timetable.yes") if moved else t("timetable.no")),
    interviewer=[str(int(n)) if n == n and n is not None else "" for n in frame["interviewer"]],
)
readable_scheduled = readable[readable["start"] != ""]
by_booth, by_graduate, not_placed = st.tabs(
    [
        t("timetable.by_booth"),
        t("timetable.by_graduate"),
        t("timetable.not_placed", count=number(len(frame) - len(scheduled))),
    ]
)
columns = {
    "start": t("timetable.col.start"),
    "end": t("timetable.col.end"),
    "enterprise": t("col.enterprise"),
    "interviewer": t("timetable.col.interviewer"),
    "graduate": t("review.col.subject.jobfair"),
    "graduate_name": t("col.person_name"),
    "position": t("col.title"),
    "status": t("timetable.col.status"),
    "moved": t("timetable.col.moved"),
    "reason": t("timetable.col.reason"),
}
with by_booth:
    booths = sorted(scheduled["enterprise"].unique())
    booth = st.selectbox(t("col.enterprise"), booths, key="tt.booth") if booths else None
    shown = readable_scheduled[readable_scheduled["enterprise"] == booth].sort_values(
        ["start", "interviewer"]
    )
    st.dataframe(shown[list(columns)[:-1]].rename(columns=columns), hide_index=True, width="stretch")
with by_graduate:
    graduate = st.text_input(t("timetable.graduate_code"), key="tt.graduate")
    mine = readable_scheduled[readable_scheduled["graduate"] == graduate.strip()]
    st.dataframe(
        mine.sort_values("start")[list(columns)[:-1]].rename(columns=columns),
        hide_index=True,
        width="stretch",
    )
with not_placed:
    st.dataframe(
        readable[readable["start"] == ""][list(columns)].rename(columns=columns),
        hide_index=True,
        width="stretch",
    )

st.subheader(t("timetable.changes"))
status_tab, walk_in_tab, booth_tab = st.tabs(
    [t("timetable.mark"), t("timetable.walk_in"), t("timetable.booth_change")]
)
with status_tab, st.form("tt.mark"):
    options = {
        int(
            row.interview_id
        ): f"{row.start} · {row.enterprise} · {row.graduate} ({t('timetable.status.' + row.status)})"
        for row in scheduled.itertuples()
    }
    chosen = st.multiselect(
        t("timetable.pick_interviews"),
        list(options),
        format_func=options.__getitem__,
        placeholder=t("table.choose"),
    )
    statuses = {s: t("timetable.status." + s) for s in service.DAY_STATUSES}  # said now, in this language
    status = st.selectbox(t("timetable.col.status"), list(statuses), format_func=statuses.__getitem__)
    if st.form_submit_button(t("timetable.apply")):
        versions = dict(zip(frame["interview_id"], frame["version"], strict=True))
        try:
            with sessions()() as session, session.begin():
                for interview_id in chosen:
                    service.mark_interview(session, interview_id, status, actor, int(versions[interview_id]))
            st.success(t("timetable.marked", count=number(len(chosen))))
        except (ConflictError, ValueError, NotFoundError, PermissionDenied) as error:
            st.error(say_error(error))
with walk_in_tab, st.form("tt.walk_in"):
    graduate_code = st.text_input(t("timetable.graduate_code"))
    enterprise_codes = dict(zip(frame["enterprise"], frame["enterprise_code"], strict=True))
    enterprise_name = st.selectbox(t("col.enterprise"), sorted(enterprise_codes))
    if st.form_submit_button(t("timetable.add_walk_in")):
        try:
            with sessions()() as session, session.begin():
                service.add_walk_in(
                    session, event_code, graduate_code.strip(), enterprise_codes[enterprise_name], actor
                )
            st.success(t("timetable.walk_in_added"))
        except (ValueError, NotFoundError, PermissionDenied) as error:
            st.error(say_error(error))
with booth_tab, st.form("tt.booth_change"):
    enterprise_codes = dict(zip(frame["enterprise"], frame["enterprise_code"], strict=True))
    enterprise_name = st.selectbox(t("col.enterprise"), sorted(enterprise_codes), key="tt.booth_enterprise")
    interviewers = st.number_input(t("timetable.col.interviewers"), 0, 10, 1)
    arrives = st.text_input(t("timetable.arrives"), placeholder="11:00")
    if st.form_submit_button(t("timetable.apply")):
        try:
            with sessions()() as session, session.begin():
                service.change_booth(
                    session,
                    event_code,
                    enterprise_codes[enterprise_name],
                    actor,
                    int(interviewers),
                    arrives.strip(),
                )
            st.success(t("timetable.booth_changed"))
        except (ValueError, NotFoundError, PermissionDenied) as error:
            st.error(say_error(error))

now = st.text_input(t("timetable.now"), value="12:00", key="tt.now")
if st.button(t("timetable.reschedule"), icon=":material/update:", key="tt.reschedule", disabled=busy):
    replan = service.SolveOptions(time_limit=service.DEFAULT_RESCHEDULE_TIME_LIMIT_SECONDS, **day_options)
    jobs.start(
        "timetable", service.reschedule_event, sessions(), event_code, now.strip(), replan, actor=actor
    )
