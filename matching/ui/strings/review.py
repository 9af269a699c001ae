"""The review pages' strings: key → (Chinese, English)."""

STRINGS: dict[str, tuple[str, str]] = {
    # a run's changes since the previous run, and the pre-check's notes (review and runs pages)
    "review.changes.title": (
        "自上次运行（#{previous}）以来的变动",
        "Changes since the previous run (#{previous})",
    ),
    "review.changes.count": (
        "{count} 名毕业生的岗位（或推荐名单）有变动；新报名或已退出的毕业生不计在内。",
        "{count} graduates have another position (or set of recommendations); graduates new to the fair "
        "or gone from it are not counted.",
    ),
    "review.changes.none": (
        "与上次运行相比没有毕业生变动。",
        "No graduate moved since the previous run.",
    ),
    "review.changes.unrecorded": (
        "这次运行保存时尚未记录变动及原因。",
        "This run was stored before moves and their reasons were kept.",
    ),
    "review.changes.col.subject": ("毕业生", "Graduate"),
    "review.changes.col.subject_name": ("姓名", "Name"),
    "review.changes.col.before": ("原来", "Before"),
    "review.changes.col.after": ("现在", "Now"),
    "review.changes.col.reason": ("原因", "Why"),
    "review.changes.none_position": ("（无）", "(none)"),
    "review.notes.title": ("预检提示（{count}）", "Pre-check notes ({count})"),
    "runs.changes": ("运行的提示与变动", "A run's notes and changes"),
    "runs.changes_run": ("运行", "Run"),
    "runs.changes.not_allowed": (
        "毕业生的变动只对招聘会审核人员显示。",
        "Graduates' moves are shown to the job fair's reviewers only.",
    ),
    "runs.solver.recorded": ("历史记录", "recorded"),
    "review.history": ("决定记录", "Decision history"),
    # a run's stored options on the runs page (labels the option controls lack)
    "runs.param.pair": ("{label}：{value}", "{label}: {value}"),
    "runs.param.separator": ("；", "; "),
    "runs.param.unset": ("未设定", "not set"),
    "runs.param.weight": ("权重·{part}", "weight of {part}"),
    "runs.param.year": ("年度", "year"),
    "runs.param.locks": ("锁定的配对", "pairs kept as decided"),
    "runs.param.kept_in_term": ("任期内保持的结对", "lead pairs kept within their term"),
    "runs.param.helpers": ("协助企业", "helper enterprises"),
    "runs.param.seed_from_run": ("沿用种子的运行", "seed taken from run"),
    "runs.param.previous_run": ("上次运行", "previous run"),
    "runs.param.source": ("来源", "source"),
    "runs.param.amount_per_need": ("每项需求的金额", "amount per need"),
    "runs.param.amount_per_person": ("每人的金额", "amount per person"),
    "runs.param.poverty_reference_income": ("贫困参考收入", "poverty reference income"),
    "runs.param.candidates_per_village": ("每村候选企业数", "candidates per village"),
    "runs.param.candidates_per_enterprise": ("每企业候选村数", "candidates per enterprise"),
    "runs.param.first_solution": ("初始解", "first solution"),
    "runs.param.first_solution.auto": ("自动", "automatic"),
    "runs.param.first_solution.none": ("无", "none"),
    "runs.param.first_solution.greedy": ("贪心算法", "greedy"),
    "runs.param.first_solution.lp": ("线性规划松弛", "LP relaxation"),
    "runs.param.first_solution_share": ("初始解用时占比", "share of time for the first solution"),
    "runs.param.linearization_level": ("线性化级别", "linearization level"),
    "runs.param.race_highs": ("同时运行 HiGHS", "race HiGHS"),
    "runs.param.lns": ("大邻域搜索", "large neighbourhood search"),
    "runs.param.lns_after": ("大邻域搜索开始时间（秒）", "large neighbourhood search after (seconds)"),
    "runs.source.demo_shortlists": (
        "演示数据：组织方记录的本届推荐展位",
        "demo: the fair's recommended booths as recorded by the organisers",
    ),
    "runs.source.demo_aid_pairs": (
        "演示数据：各园区记录的当年结对",
        "demo: the year's pairs as recorded by the parks",
    ),
    # reasons stored as English text by older runs and by the demo's recorded decisions
    "review.reason.recorded_recommendation": ("历史记录中的推荐", "recorded recommendation"),
    "review.reason.recorded_pair": ("历史记录中的结对", "recorded pair"),
}
