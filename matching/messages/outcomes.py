"""Messages of the outcomes area: code → (Chinese, English)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # the job-fair outcome kinds, as a message's parameter
    "outcomes.kind.interviewed": ("已面试", "interviewed"),
    "outcomes.kind.intent": ("达成就业意向", "intent"),
    "outcomes.kind.offer": ("已录用", "offer"),
    "outcomes.kind.signed": ("已签约", "signed"),
    "outcomes.kind.declined": ("已拒绝", "declined"),
    "outcomes.kind.no_show": ("未到场", "no-show"),
    # what a kind needs of the pair (see matching/services/outcomes.py)
    "outcomes.needs.interviewed": (
        "已批准的安置、已批准的面试名单或标记为已面试的面试",
        "an approved placement, an approved shortlist interview or a timetable interview marked held",
    ),
    "outcomes.needs.intent": (
        "已批准的安置、已批准的面试名单或已举行的面试",
        "an approved placement, an approved shortlist interview or a held interview",
    ),
    "outcomes.needs.offer": (
        "已批准的安置、已批准的面试名单或已举行的面试",
        "an approved placement, an approved shortlist interview or a held interview",
    ),
    "outcomes.needs.signed": (
        "已批准的安置、已批准的面试名单或已举行的面试",
        "an approved placement, an approved shortlist interview or a held interview",
    ),
    "outcomes.needs.declined": (
        "已批准的安置、已批准的面试名单或已举行的面试",
        "an approved placement, an approved shortlist interview or a held interview",
    ),
    "outcomes.needs.no_show": (
        "已批准的面试名单或面试安排中标记为未到场的面试",
        "an approved shortlist interview or a timetable interview marked no-show",
    ),
    "outcomes.by_server": ("服务器（命令行或导入）", "the server (command line or import)"),
    # what recording, correcting or withdrawing did
    "outcomes.jobfair.recorded": (
        "已登记。{graduate} · {enterprise}「{position}」（{position_code}）：{kind}，{date}。",
        "recorded {kind} of {graduate} for {position_code} ({position}, {enterprise}) on {date}",
    ),
    "outcomes.jobfair.unchanged": (
        "已登记过：{graduate} · {enterprise}「{position}」（{position_code}）：{kind}，{date}（{by}登记），未作改动。",
        "already recorded: {kind} of {graduate} for {position_code} ({position}, {enterprise}) on {date} (by {by}); nothing changed",
    ),
    "outcomes.jobfair.unchanged_other_date": (
        "已登记过：{graduate} · {enterprise}「{position}」（{position_code}）：{kind}，日期为 {old_date}（{by}登记），未作改动；如需改为 {date}，"
        "请在已登记列表中更正。",
        "already recorded: {kind} of {graduate} for {position_code} ({position}, {enterprise}) on {old_date} (by {by}); nothing changed (to make it "
        "{date}, correct it in the list of recorded outcomes)",
    ),
    "outcomes.jobfair.corrected": (
        "已更正：{graduate} · {enterprise}「{position}」（{position_code}）由 {old_kind}（{old_date}）改为 {kind}（{date}），已记入审计日志。",
        "corrected {graduate} for {position_code} ({position}, {enterprise}): {old_kind} on {old_date} is now {kind} on {date} (logged)",
    ),
    "outcomes.jobfair.withdrawn": (
        "已撤回：{graduate} · {enterprise}「{position}」（{position_code}）：{kind}（{date}），已记入审计日志。",
        "withdrawn: {kind} of {graduate} for {position_code} ({position}, {enterprise}) on {date} (logged)",
    ),
    "outcomes.jobfair.kept": (
        "保留人工登记的结果：{graduate} · {enterprise}「{position}」（{position_code}）已登记为 {kind}（{date}），面试标记不改动它。",
        "kept what an official recorded: {graduate} for {position_code} ({position}, {enterprise}) is recorded as {kind} on {date}; the timetable mark "
        "does not change it",
    ),
    # refusals
    "outcomes.jobfair.not_a_pair": (
        "{graduate} · {enterprise}「{position}」（{position_code}）在 {event} 既不是已批准的安置，也不是已批准的面试名单或已举行的面试，不能登记结果",
        "the pair {graduate} – {position_code} ({position}, {enterprise}) is neither an approved placement, an approved shortlist interview nor a held interview "
        "of {event}: no outcome can be recorded for them",
    ),
    "outcomes.jobfair.kind_not_allowed": (
        "{graduate} · {enterprise}「{position}」（{position_code}）不能登记“{kind}”：它需要{needs}",
        "{kind} cannot be recorded for the pair {graduate} – {position_code} ({position}, {enterprise}): it needs {needs}",
    ),
    "outcomes.jobfair.contradicts": (
        "{graduate} · {enterprise}「{position}」（{position_code}）已登记为“{stored_kind}”（{stored_date}），与“{kind}”矛盾；请先更正或撤回那一条",
        "the pair {graduate} – {position_code} ({position}, {enterprise}) is recorded as {stored_kind} on {stored_date}, which contradicts {kind}: correct or "
        "withdraw that one first",
    ),
    "outcomes.jobfair.twice": (
        "{graduate} · {enterprise}「{position}」（{position_code}）已登记过“{kind}”（{stored_date}）；请撤回其中一条，而不是改成相同的结果",
        "the pair {graduate} – {position_code} ({position}, {enterprise}) already has {kind} on {stored_date}: withdraw one of the two instead",
    ),
    "outcomes.jobfair.stale": (
        "{graduate} 与 {position_code} 的这条结果已被他人改动（现为 {stored_kind}，{stored_date}）；请刷新后再改",
        "this outcome of {graduate} and {position_code} was changed by someone else (now {stored_kind} on "
        "{stored_date}); reload and try again",
    ),
    "outcomes.jobfair.gone": (
        "结果 {outcome} 不存在（可能已被撤回）",
        "outcome {outcome} does not exist (withdrawn?)",
    ),
}
