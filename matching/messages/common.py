"""Messages every area shares: where a fault is, solver statuses, the command line's own lines."""

MESSAGES: dict[str, tuple[str, str]] = {
    "where.row_column": ("{file}，第 {row} 行，“{column}”列", "{file}, row {row}, column '{column}'"),
    "where.row": ("{file}，第 {row} 行", "{file}, row {row}"),
    "where.column": ("{file}，“{column}”列", "{file}, column '{column}'"),
    "input.one_more_problem": ("（另有 1 处问题）", "(and 1 more problem)"),
    "input.more_problems": ("（另有 {count} 处问题）", "(and {count} more problems)"),
    "solve_status.OPTIMAL": ("已证明最优", "OPTIMAL"),
    "solve_status.FEASIBLE": ("可行（未证明最优）", "FEASIBLE"),
    "solve_status.INFEASIBLE": ("无解", "INFEASIBLE"),
    "solve_status.UNKNOWN": ("未找到解", "UNKNOWN"),
    "solve_status.ERROR": ("求解出错", "ERROR"),
    "review.compare_same": ("请选择两次不同的运行来比较", "pick two different runs to compare"),
    "review.compare_programmes": (
        "只能比较同一项目的两次运行",
        "only runs of the same programme can be compared",
    ),
    "cli.error": ("错误：{text}", "error: {text}"),
    "cli.internal_error": (
        "内部错误（不是输入的问题，请报告）：{text}",
        "internal error (not your input; please report it): {text}",
    ),
    "cli.saved_run": (
        "已保存为运行 {run_id}；保留 {kept} 项决定{moved}",
        "saved as run {run_id}; kept {kept} decisions{moved}",
    ),
    "cli.moved_graduates": (
        "；与上次{method}运行相比 {moved} 名毕业生变动",
        "; {moved} moved since the last {method} run",
    ),
    "cli.moved_villages": (
        "；与上次运行相比 {moved} 个村变动",
        "; {moved} villages moved since the last run",
    ),
}
