import streamlit as st

from matching.errors import NotFoundError
from matching.services import browse, review
from matching.services.access import Action
from matching.ui.auth import current_actor
from matching.ui.common import data_page, sessions
from matching.ui.i18n import t

actor = current_actor()
data_page("nav.graduates", "graduates", browse.graduates, actor, ("university", "degree", "province"))

if actor.may(Action.REVEAL_PERSONAL):
    with st.expander(t("reveal.title"), icon=":material/visibility:"):
        st.caption(t("reveal.help"))
        code = st.text_input(t("reveal.code"), key="reveal.code")
        if st.button(t("reveal.button"), key="reveal.button", disabled=not code.strip()):
            try:
                with sessions()() as session, session.begin():
                    name, phone = review.reveal_graduate(session, code.strip(), actor)
                st.write(t("reveal.result", name=name, phone=phone or "—"))
            except NotFoundError as error:
                st.error(str(error))
