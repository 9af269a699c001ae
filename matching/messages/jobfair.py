"""Messages of the job fair: methods, their options and the solve's summary: code → (Chinese, English)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "method.stable": ("稳定匹配", "stable"),
    "method.welfare": ("总匹配度最大", "welfare"),
    "method.shortlist": ("推荐名单", "shortlist"),
    "method.recorded": ("历史记录", "recorded"),
    "method.pairing": ("结对优化", "pairing"),
    "method.timetable": ("面试日程", "timetable"),
    "method.stable.help": (
        "延迟接受算法：没有一对毕业生和岗位会都更愿意彼此配对（稳定）。",
        "Deferred acceptance: no graduate and position would both rather be together (stable).",
    ),
    "method.welfare.help": (
        "在招聘人数内使总匹配度最大（最小费用流）。",
        "Maximise total fit within every headcount (min-cost flow).",
    ),
    "method.shortlist.help": (
        "为每位毕业生推荐若干展位，不超过本人当天可参加的面试数和各展位当天的面试能力；先让尽量多的毕业生"
        "至少获得一个推荐，再使总匹配度最大。",
        "Recommend a few booths per graduate within what the day holds (the graduate's interviews, each "
        "booth's interviewers and hours): as many graduates as possible get one first, then total fit.",
    ),
    "jobfair.option.method": ("方法", "Method"),
    "jobfair.option.method.help": (
        "稳定匹配、总匹配度最大或推荐名单",
        "stable: deferred acceptance; welfare: maximise total fit; shortlist: K recommendations each",
    ),
    "jobfair.option.proposing": ("提出方", "Proposing side"),
    "jobfair.option.proposing.help": (
        "稳定匹配中由哪一方提出（默认毕业生，对毕业生最优）",
        "which side proposes (default graduates, the graduate-optimal matching)",
    ),
    "jobfair.option.proposing.graduates": (
        "毕业生提出（对毕业生最优）",
        "graduates propose (graduate-optimal)",
    ),
    "jobfair.option.proposing.positions": (
        "岗位提出（对企业最优）",
        "positions propose (enterprise-optimal)",
    ),
    "jobfair.option.maximise_matches": ("先使匹配人数最多", "Match as many graduates as possible first"),
    "jobfair.option.maximise_matches.help": (
        "先使匹配人数最多，再使总匹配度最大",
        "match as many graduates as possible first, then maximise total fit",
    ),
    "jobfair.option.per_graduate": ("每位毕业生推荐数", "Recommendations per graduate"),
    "jobfair.option.per_graduate.help": (
        "每位毕业生最多推荐的展位数",
        "recommendations per graduate (one booth each)",
    ),
    "jobfair.option.keep_tolerance": ("保留上次结果的容差", "Keep tolerance"),
    "jobfair.option.keep_tolerance.help": (
        "重新运行时，为保留上次同方法运行的配对，最多可放弃的最优总匹配度比例（0.01 即百分之一）",
        "on a re-run, the share of the best total fit that may be given up to keep the previous run's "
        "pairs (0.01 = one per cent)",
    ),
    "jobfair.option.candidates_per_graduate": ("未填志愿者的候选岗位数", "Positions considered per graduate"),
    "jobfair.option.candidates_per_graduate.help": (
        "没有志愿表的毕业生按匹配度考虑的岗位数",
        "positions considered, by fit, for each graduate without a wish list",
    ),
    "option.seed": ("随机种子（留空则随机）", "Seed (empty = drawn)"),
    "option.seed.help": (
        "同分时用抽签决定先后；记录种子即可复现结果。",
        "random seed; when not given one is drawn and reported, so the run can be repeated",
    ),
    "option.time_limit": ("求解时限（秒）", "Time limit (seconds)"),
    "option.time_limit.help": ("整个求解可用的秒数", "seconds for the whole solve"),
    "option.workers": ("求解线程数", "Solver threads"),
    "option.workers.help": (
        "求解器使用的线程数（默认每个 CPU 一个）",
        "solver threads (default: one per CPU)",
    ),
    "jobfair.summary.proposing": ("（提出方：{side}）", " ({side} proposing)"),
    "jobfair.side.graduates": ("毕业生", "graduates"),
    "jobfair.side.positions": ("岗位", "positions"),
    "jobfair.summary.refused": (
        "招聘会{method}{proposing}：{status}：{first}{more}［种子 {seed}］",
        "jobfair {method}{proposing}: {status}: {first}{more} [seed {seed}]",
    ),
    "jobfair.summary.more_findings": ("（另有 {count} 项）", " (and {count} more)"),
    "jobfair.summary.placement": (
        "招聘会{method}{proposing}：{status}：{graduates:,} 名毕业生中 {matched:,} 人匹配成功，总匹配度 "
        "{objective:,.4f}{blocking}{previous}{notes}；种子 {seed}；求解器 {solver}；{seconds:.2f} 秒",
        "jobfair {method}{proposing}: {status}: {matched:,} of {graduates:,} graduates matched, total fit "
        "{objective:,.4f}{blocking}{previous}{notes}; seed {seed}; {solver}; {seconds:.2f} s",
    ),
    "jobfair.summary.shortlist": (
        "招聘会{method}：{status}：为 {graduates:,} 名毕业生中的 {matched:,} 人推荐 {recommendations:,} 个展位，"
        "总匹配度 {objective:,.4f}{previous}{notes}；种子 {seed}；求解器 {solver}；{seconds:.2f} 秒",
        "jobfair {method}: {status}: {recommendations:,} recommendations for {matched:,} of {graduates:,} "
        "graduates, total fit {objective:,.4f}{previous}{notes}; seed {seed}; {solver}; {seconds:.2f} s",
    ),
    "jobfair.summary.kept": (
        "，保留上次 {previous:,} 个配对中的 {kept:,} 个，{moved:,} 名毕业生变动",
        ", kept {kept:,} of {previous:,} previous pairs, {moved:,} graduates moved",
    ),
    "jobfair.summary.kept_gave_up": (
        "，保留上次 {previous:,} 个配对中的 {kept:,} 个，为此放弃最优总匹配度 {best:,.4f} 中的 {given_up:,.4f}"
        "（至多 {tolerance:.1%}），{moved:,} 名毕业生变动",
        ", kept {kept:,} of {previous:,} previous pairs, giving up {given_up:,.4f} of the best total fit "
        "{best:,.4f} (at most {tolerance:.1%}), {moved:,} graduates moved",
    ),
    "jobfair.move": (
        "{graduate}：由 {before} 改为 {after}（{reason}）",
        "{graduate}: {before} → {after} ({reason})",
    ),
    "jobfair.move.none": ("未匹配", "unmatched"),
    "jobfair.move.rejected": ("上次的配对已被否决", "the previous pair was rejected"),
    "jobfair.move.fixed_elsewhere": (
        "已被固定到另一个岗位",
        "an official fixed the graduate to another position",
    ),
    "jobfair.move.not_acceptable": (
        "上次的配对已不可接受（志愿、资料或岗位有变）",
        "the previous pair is no longer acceptable (wishes, profiles or the position changed)",
    ),
    "jobfair.move.position_full": (
        "上次的岗位已被固定配对占满",
        "fixed pairs now take all of the previous position's headcount",
    ),
    "jobfair.move.new_seed": (
        "使用了新的随机种子，同分者重新抽签",
        "a new seed: ties are broken by a new lottery",
    ),
    "jobfair.move.stability": (
        "随其他人的变动，稳定匹配随之改变",
        "the stable matching changed with the others' changes",
    ),
    "jobfair.move.tolerance": (
        "保留它的代价超过容差（损失的总匹配度），或会让另一名毕业生一个推荐也没有",
        "keeping it would cost more total fit than the keep tolerance allows, or leave another graduate "
        "without any recommendation",
    ),
    "jobfair.move.gained": ("新获得匹配或推荐", "newly matched or recommended where there is room"),
    "jobfair.graduate_fixed_twice": (
        "毕业生“{graduate}”已在第 {first_row} 行固定到一个岗位；一名毕业生只能占一个岗位",
        "graduate '{graduate}' is already fixed to a position at row {first_row}; a graduate takes one "
        "position",
    ),
    "jobfair.graduate_fixed_twice.stored": (
        "毕业生“{graduate}”已经批准或锁定到两个岗位；一名毕业生只能占一个岗位：请撤回其中一项决定",
        "graduate '{graduate}' is approved or pinned to two positions; a graduate takes one position: reset "
        "one of those decisions",
    ),
    "jobfair.summary.blocking_pairs": ("，阻塞对 {count:,} 个", ", {count:,} blocking pairs"),
    "jobfair.summary.note": ("，提示 1 条", ", 1 note"),
    "jobfair.summary.notes": ("，提示 {count} 条", ", {count} notes"),
    "timetable.option.require_all": ("必须安排全部面试", "Every interview must be placed"),
    "timetable.option.require_all.help": (
        "每场面试都必须安排，否则不出日程（退出码 3）并说明原因",
        "every interview must be placed; otherwise no timetable (exit 3) with the reason",
    ),
    "option.log_search": ("输出求解日志", "Log the search"),
    "option.log_search.help": ("输出求解器的搜索日志", "print the solver's search log"),
    "timetable.summary": (
        "{status}：{requested} 场面试中已安排 {scheduled} 场，调整 {moved} 场，空等时段 {idle_slots} 个；"
        "目标值 {objective}，上界 {bound}，差距 {gap}；用时 {seconds:.2f} 秒；种子 {seed}",
        "status={status} scheduled={scheduled}/{requested} objective={objective} bound={bound} gap={gap} "
        "moved={moved} idle_slots={idle_slots} time={seconds:.2f}s seed={seed}",
    ),
}
