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
}
