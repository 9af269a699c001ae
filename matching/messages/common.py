"""Messages every area shares: where a fault is, solver statuses and names, the command line's own lines.

A solver's English name is the one the command line prints and the stored runs keep (`solver=cp-sat`)."""

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
    "solver.cp-sat": ("CP-SAT 约束规划求解器", "cp-sat"),
    "solver.highs": ("HiGHS 整数规划求解器", "highs"),
    "solver.greedy": ("贪心算法", "greedy"),
    "solver.deferred-acceptance": ("延迟接受算法", "deferred acceptance"),
    "solver.min-cost-flow": ("最小费用流算法", "min-cost flow"),
    "solver.recorded": ("历史记录（未经求解）", "recorded"),
    "solver.with_version": ("{solver}（版本 {version}）", "{solver} ({version})"),
    "number.none": ("无", "nan"),
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
    "cli.command_line": ("命令行", "(command line)"),
    "cli.out_is_folder": ("是一个文件夹；--out 需要文件名", "is a folder; --out needs a file name"),
    "cli.out_folder_missing": ("文件夹 {folder} 不存在", "folder {folder} does not exist"),
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
