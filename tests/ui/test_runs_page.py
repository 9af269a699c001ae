"""The runs page says every stored run in the reader's language: its options by their labels and values
(not `method_options.proposing=graduates`), its solver by name, the demo's recorded runs' summary and
source, blank cells for figures a run does not have, and a refusal to compare without a pseudo-file."""

from __future__ import annotations

import pandas as pd
from streamlit.testing.v1 import AppTest

from matching.aid.pairing import SolveOptions as AidSolveOptions
from matching.aid.run import AidOptions
from matching.jobfair.pipeline import SolveOptions
from matching.services import db
from matching.services.access import Actor
from matching.services.aid import run_aid
from matching.services.jobfair import run_event
from models import Role
from tests.ui.conftest import run_app
from tests.ui.test_matching_pages import event_code

ADMIN = Actor("test-admin", Role.ADMIN)


def runs_table(app: AppTest, header: str) -> pd.DataFrame:
    (frame,) = [d.value for d in app.dataframe if header in d.value.columns]
    return frame.set_index(frame.columns[0])  # by run number


def test_every_run_is_said_with_labelled_options_in_both_languages(demo_env: str) -> None:
    sessions = db.sessions(demo_env)
    stable, _ = run_event(
        sessions, event_code(demo_env), SolveOptions.for_method("stable", seed=1), actor=ADMIN
    )
    aid, _ = run_aid(sessions, options=AidOptions(solve=AidSolveOptions(time_limit=5, seed=1)), actor=ADMIN)

    app = run_app("runs")
    table = runs_table(app, "运行参数")
    options = table["运行参数"]
    assert not any("=" in text or "method_options" in text or "weights." in text for text in options)
    assert "提出方：毕业生提出（对毕业生最优）" in options[stable.run_id]
    assert "权重·" in options[stable.run_id] and "随机种子（留空则随机）：1" in options[stable.run_id]
    assert "最远结对距离：" in options[aid.run_id] and "parameters." not in options[aid.run_id]
    solver = table.loc[aid.run_id, "求解器"]  # CP-SAT or HiGHS, whichever finished first, by its name
    assert solver.split("（版本 ")[0] in {"CP-SAT 约束规划求解器", "HiGHS 整数规划求解器"}, solver
    recorded = table[table["方法"] == "历史记录"] if "历史记录" in set(table["方法"]) else table.iloc[-1:]
    assert set(recorded["说明"]) == {"使用本系统之前记录的配对"}
    assert all(text.startswith("来源：演示数据：") for text in recorded["运行参数"])
    assert not table.drop(columns=["运行参数"]).isna().to_numpy().any()  # no figure shown as None
    assert "" in set(table["目标值"].astype(str))  # a recorded run has no objective: blank

    app.selectbox(key="runs.first").select(aid.run_id).run()
    app.selectbox(key="runs.second").select(stable.run_id).run()
    (refusal,) = [w.value for w in app.warning]
    assert refusal == "只能比较同一项目的两次运行"  # no "(runs)：" before it: there is no file

    app.selectbox(key="lang").select("en").run()
    options = runs_table(app, "Options")["Options"]
    assert "Proposing side: graduates propose (graduate-optimal)" in options[stable.run_id]
    assert not any("method_options" in text or "weights." in text for text in options)
