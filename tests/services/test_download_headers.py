"""A page's table downloads under the headers the page shows, in the reader's language, and is logged."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from matching.services import browse
from matching.services.access import Actor
from models import AuditEntry, Role

ORGANISER = Actor("organiser", Role.ORGANISER)


def test_a_browse_download_takes_the_pages_headers(sessions: sessionmaker[Session]) -> None:
    frame = pd.DataFrame({"code": ["HZQ"], "name": ["=丹东边境经济合作区"]})
    content = browse.download(sessions, "parks", frame, ORGANISER, headers={"code": "代码", "name": "名称"})
    lines = content.decode("utf-8-sig").splitlines()
    assert lines == [
        "代码,名称",
        "HZQ,'=丹东边境经济合作区",
    ]  # headers translated, the cell still neutralised
    assert browse.download(sessions, "parks", frame, ORGANISER).decode("utf-8-sig").startswith("code,name")
    with sessions() as session:
        logged = session.scalars(select(AuditEntry.entity).where(AuditEntry.action == "download")).all()
    assert logged == ["page.parks", "page.parks"]
