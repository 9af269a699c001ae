import streamlit as st

from matching.services import browse
from matching.ui.common import sessions
from matching.ui.i18n import t

st.title(t("overview.title"))
with sessions()() as session:
    figures = browse.counts(session)

if figures.parks == 0:
    st.info(t("overview.empty"))
else:
    st.subheader(t("overview.jobfair"))
    columns = st.columns(4)
    columns[0].metric(t("metric.fair_enterprises"), f"{figures.fair_enterprises:,}")
    columns[1].metric(t("metric.positions"), f"{figures.positions:,}")
    columns[2].metric(t("metric.openings"), f"{figures.openings:,}")
    columns[3].metric(t("metric.graduates"), f"{figures.graduates:,}")
    st.subheader(t("overview.aid"))
    columns = st.columns(4)
    columns[0].metric(t("metric.villages"), f"{figures.villages:,}")
    columns[1].metric(t("metric.aid_offers", year=figures.aid_year), f"{figures.aid_offers:,}")
    columns[2].metric(t("metric.aid_budget", year=figures.aid_year), f"{figures.aid_budget:,}")
    columns[3].metric(t("metric.aid_delivered"), f"{figures.aid_yuan_delivered:,.0f}")
    st.caption(
        f"{t('metric.parks')}: {figures.parks} · {t('metric.enterprises')}: {figures.enterprises:,} · "
        f"{t('metric.events')}: {figures.events}"
    )
