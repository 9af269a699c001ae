"""Messages of the review area: code → (Chinese, English)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # `runs blocking RUN`
    "review.blocking.summary": (
        "运行 {run_id}（{method}）：阻塞对 {count:,} 个（稳定匹配不应有阻塞对，官员固定的配对除外）",
        "run {run_id} ({method}): {count:,} blocking pairs (a stable matching has none but where "
        "officials fixed pairs)",
    ),
    "review.blocking.summary_welfare": (
        "运行 {run_id}（{method}）：阻塞对 {count:,} 个；总匹配度最优的方案不保证稳定，"
        "这些毕业生与岗位都更愿意彼此配对",
        "run {run_id} ({method}): {count:,} blocking pairs; a placement of the best total fit is not "
        "bound to be stable, and these graduates and positions would both rather be together",
    ),
    "review.blocking.data_changed": (
        "运行 {run_id} 之后招聘会的数据或审核决定有变动：阻塞对按当前数据计算",
        "the fair's data or decisions changed since run {run_id}: the blocking pairs are measured against "
        "today's data",
    ),
    "review.blocking.aid": (
        "运行 {run_id} 是帮扶结对：阻塞对只适用于招聘会的岗位安置（稳定或总匹配度方案）",
        "run {run_id} is an aid pairing: blocking pairs apply to a job fair's placement (stable or welfare)",
    ),
    "review.blocking.method": (
        "运行 {run_id} 是{method}，不是岗位安置：阻塞对只适用于稳定或总匹配度方案",
        "run {run_id} is a {method} run, not a placement: blocking pairs apply to stable and welfare runs",
    ),
    # an aid proposal without an enterprise: why, when the run kept no diagnosis (Proposal.reason, as JSON)
    "aid.reason.no_room": ("可接受的企业都已没有余量", "no acceptable enterprise had room left"),
    # the demo's recorded runs (MatchingRun.summary)
    "runs.recorded": ("使用本系统之前记录的配对", "pairs recorded before this service was used"),
}
