"""Messages of the pre-checks and diagnoses of the three cores: code → (Chinese, English).

Codes are `jobfair.…` (matching pre-check), `aid.…` (aid pairing pre-check and diagnosis) and
`timetable.…` (interview timetable pre-check). A kind with several wordings has one code per wording
(`timetable.booth_overloaded`, `timetable.booth_overloaded.with_fixed` …). Column and file names
(`max_villages`, `positions.csv`) stay as they are: they are what a person edits. On stored data there is
no file: a `….stored` wording names the kind of record (岗位) and the decisions instead.
"""

MESSAGES: dict[str, tuple[str, str]] = {
    "findings.more": ("…… 另有 {count} 条", "… and {count} more"),
    # --- job fair matching (matching.jobfair.feasibility) ---
    "jobfair.position_over_fixed": (
        "岗位“{name}”已固定 {fixed} 名毕业生，但招聘人数只有 {limit} 人：请在 {file} 中将其招聘人数提高到 "
        "{fixed}，或删除其中 {excess} 条固定记录",
        "position '{name}' has {fixed} fixed graduates but room for {limit}: raise its capacity in {file} to "
        "{fixed} or remove {excess} of its fix rows",
    ),
    "jobfair.enterprise_over_fixed": (
        "企业“{name}”已固定 {fixed} 名毕业生，但面试容量只有 {limit} 人：请在 {file} 中将其各岗位的 "
        "interview_capacity 合计提高到 {fixed}，或删除其中 {excess} 条固定记录",
        "enterprise '{name}' has {fixed} fixed graduates but room for {limit}: give its positions {fixed} "
        "interview_capacity in all in {file} or remove {excess} of its fix rows",
    ),
    "jobfair.headcount_short": (
        "共有 {graduates:,} 名毕业生，但 {file} 中的招聘人数合计只有 {headcount:,} 人：最多可安置 "
        "{headcount:,} 人；如需全部安置，请增加招聘人数",
        "{graduates:,} graduates but only {headcount:,} headcount in {file}: at most {headcount:,} can be "
        "placed; add headcount to place everyone",
    ),
    # the same, on a stored fair: records and decisions instead of files
    "jobfair.position_over_fixed.stored": (
        "岗位“{name}”已有 {fixed} 名毕业生经批准或锁定，但招聘人数只有 {limit} 人：请将该岗位的招聘人数提高到 "
        "{fixed}，或撤回其中 {excess} 项决定",
        "position '{name}' has {fixed} approved or pinned graduates but room for {limit}: raise its headcount "
        "to {fixed} or reset {excess} of those decisions",
    ),
    "jobfair.enterprise_over_fixed.stored": (
        "企业“{name}”已有 {fixed} 场面试经批准或锁定，但其展位当天只能安排 {limit} 场：请增加该展位的面试官或"
        "值守时间，或撤回其中 {excess} 项决定",
        "enterprise '{name}' has {fixed} approved or pinned interviews but its booth holds {limit} on the day: "
        "add interviewers or hours to its booth, or reset {excess} of those decisions",
    ),
    "jobfair.headcount_short.stored": (
        "共有 {graduates:,} 名毕业生，但本场招聘会各岗位的招聘人数合计只有 {headcount:,} 人：最多可安置 "
        "{headcount:,} 人；如需全部安置，请增加岗位的招聘人数",
        "{graduates:,} graduates but only {headcount:,} headcount in the fair's positions: at most "
        "{headcount:,} can be placed; add headcount to place everyone",
    ),
    "jobfair.graduates_without_position": (
        "{count:,} 名毕业生没有可接受的岗位（如 {examples}）：请放宽其志愿，或放宽岗位的专业和最低学历要求，"
        "或将其列入岗位的意向名单",
        "{count:,} graduates have no acceptable position (e.g. {examples}): widen their wish lists, or the "
        "positions' accepted majors and minimum degrees, or add them to positions' lists",
    ),
    "jobfair.positions_without_graduate": (
        "{count:,} 个有招聘人数的岗位没有可接受的毕业生（如 {examples}）：请放宽其专业或最低学历要求",
        "{count:,} positions with headcount have no acceptable graduate (e.g. {examples}): relax their "
        "accepted majors or minimum degree",
    ),
    # --- aid pairing (matching.aid.diagnose); amounts are in yuan ---
    "aid.scope.park": ("园区", "park"),
    "aid.scope.county": ("县（市、区）", "county"),
    "aid.no_acceptable_enterprise": (
        "村 {village} 没有可接受的企业：请为其列出结对，或增加一家能在距离限制内满足其某项需求的企业"
        "（或放宽距离限制）",
        "village {village} has no acceptable enterprise: list a pair for it, or add an enterprise that offers "
        "one of its needs within the distance limit (or widen the limit)",
    ),
    "aid.all_pairs_forbidden": (
        "村 {village}：其全部 {count} 个可接受的结对均被禁止；请取消其中一条禁止设置",
        "village {village}: all {count} of its acceptable pairs are forbidden; lift one of the forbid locks",
    ),
    "aid.no_affordable_enterprise": (
        "村 {village}：其 {count} 家可接受的企业，预算均低于该结对所需，或不承接任何村；请提高其中一家企业的预算",
        "village {village}: each of its {count} acceptable enterprises has a budget smaller than the pair's "
        "load or takes no villages; raise a budget",
    ),
    "aid.fixed_over_budget": (
        "企业 {enterprise}：其固定结对需要 {load} 元，而预算只有 {budget} 元；请解除一个固定结对或提高预算",
        "enterprise {enterprise}: its fixed pairs use {load} of a budget of {budget}; release a fixed pair or "
        "raise the budget",
    ),
    "aid.fixed_over_count": (
        "企业 {enterprise}：已固定 {count} 个村，但最多只能牵头 {limit} 个；请解除一个固定结对或提高 max_villages",
        "enterprise {enterprise}: {count} fixed villages but it takes at most {limit}; release a fixed pair "
        "or raise max_villages",
    ),
    "aid.too_few_places": (
        "各企业合计最多可牵头 {places} 个村，但有 {villages} 个村需要牵头企业；请提高 max_villages、增加企业"
        "或放宽可接受的结对",
        "the enterprises can lead at most {places} villages together, but {villages} need a lead; raise "
        "max_villages, add enterprises or widen the acceptable pairs",
    ),
    "aid.budget_short": (
        "各村合计至少需要 {needed} 元，但各企业预算合计只有 {budget} 元；请提高预算或增加企业",
        "the villages need at least {needed} together, but the budgets add up to {budget}; raise budgets or "
        "add enterprises",
    ),
    "aid.minimum_unreachable": (
        "{scope} {key}：其企业最多可牵头 {most} 个村，而最低要求为 {minimum} 个；请降低最低要求，"
        "或提高这些企业的 max_villages、放宽其可接受的结对",
        "{scope} {key}: its enterprises can lead at most {most} villages, the minimum is {minimum}; lower the "
        "minimum or raise their max_villages or acceptable pairs",
    ),
    "aid.minimums_exceed_villages": (
        "各{scope}的最低村数要求合计 {total} 个，超过村的总数 {villages} 个；请降低这些要求",
        "the {scope} minimums add up to {total}, more than the {villages} villages; lower them",
    ),
    "aid.budget_binding": (
        "企业 {enterprise}：预算 {budget} 元不足，致使 {count} 个村无牵头企业；再增加 {extra} 元即可多牵头一个村",
        "enterprise {enterprise}: budget {budget} is binding for {count} uncovered village(s); {extra} more "
        "would let it take one",
    ),
    "aid.count_binding": (
        "企业 {enterprise}：牵头村数已达上限 {limit} 个（max_villages），致使 {count} 个村无牵头企业",
        "enterprise {enterprise}: max_villages {limit} is binding for {count} uncovered village(s)",
    ),
    "aid.minimum_short": (
        "{scope} {key}：在最佳部分结对方案中，其企业牵头 {count} 个村，未达到最低要求 {minimum} 个",
        "{scope} {key}: its enterprises lead {count} villages in the best partial pairing, the minimum is "
        "{minimum}",
    ),
    "aid.minimum_short.together": (
        "每个村都能有牵头企业，但无法同时满足各园区和县（市、区）的最低村数要求",
        "every village can be covered, but not together with all the park and county minimums",
    ),
    "aid.reason.no_acceptable_enterprise": ("没有可接受的企业", "no acceptable enterprise"),
    "aid.reason.forbidden": ("{enterprise}：该结对已被禁止", "{enterprise}: the pair is forbidden"),
    "aid.reason.over_whole_budget": (
        "{enterprise}：该结对需要 {load} 元，超过其全部预算 {budget} 元",
        "{enterprise}: the pair needs {load}, more than its whole budget {budget}",
    ),
    "aid.reason.count_full": (
        "{enterprise}：已牵头 {count} 个村，达到上限 {limit} 个",
        "{enterprise}: already leads {count} of at most {limit} villages",
    ),
    "aid.reason.budget_left": (
        "{enterprise}：预算 {budget} 元仅剩 {left} 元，该结对需要 {load} 元",
        "{enterprise}: {left} of its budget {budget} left, the pair needs {load}",
    ),
    "aid.reason.displaces": (
        "{enterprise}：尚有余量，但牵头该村会使另一个村失去牵头企业，或达不到最低村数要求",
        "{enterprise}: has room, but taking this village would uncover another or miss a minimum",
    ),
    "aid.reason.more": ("另有 {count} 条原因", "and {count} more"),
    "aid.diagnosis.partial": (
        "最佳部分结对方案：{villages} 个村中有 {uncovered} 个无牵头企业，总价值 {value}",
        "best partial pairing: {uncovered} of {villages} villages uncovered, value {value}",
    ),
    "aid.diagnosis.no_partial": ("无部分结对方案：{reason}", "no partial pairing: {reason}"),
    "aid.diagnosis.uncovered_village": (
        "无牵头企业的村 {village}：{reasons}",
        "uncovered village {village}: {reasons}",
    ),
    "aid.partial.impossible": (
        "连部分结对方案也无法给出：仅固定结对就已超出某家企业的预算或村数上限",
        "even a partial pairing is impossible: the fixed pairs alone break a budget or count",
    ),
    "aid.partial.not_found": ("在时限内未找到部分结对方案", "no partial pairing found within the time limit"),
    "aid.partial.summary": (
        "部分结对方案：{villages} 个村中有 {uncovered} 个无牵头企业",
        "partial pairing: {uncovered} of {villages} villages uncovered",
    ),
    # --- interview timetable (matching.jobfair.timetable.precheck) ---
    "timetable.booth": ("展位“{booth}”（企业“{enterprise}”）", "booth '{booth}' (enterprise '{enterprise}')"),
    "timetable.interviewers.one": ("{count} 名面试官", "{count} interviewer"),
    "timetable.interviewers.many": ("{count} 名面试官", "{count} interviewers"),
    "timetable.fixed_over_capacity": (
        "{booth}在 {time} 有 {count} 场固定面试，但只有 {interviewers}：请将面试官增加到 {count} 名，"
        "或调整其中 {excess} 场的开始时间",
        "{booth} has {count} fixed interviews at {time} but {interviewers}: raise interviewers to {count} or "
        "change the start of {excess} of them",
    ),
    "timetable.fixed_outside_hours": (
        "{time} 的固定面试时段内，{booth}无人值守（尚未到场、已离场或在休息）：请调整其开始时间或该展位的值守时间",
        "the fixed interview at {time} falls when {booth} is not staffed (arrives, leaves, breaks): change its "
        "start or the booth's hours",
    ),
    "timetable.fixed_outside_hours.graduate": (
        "{time} 的固定面试时段内，毕业生“{graduate}”无法参加：请调整其开始时间或该毕业生的不可参加时段",
        "the fixed interview at {time} falls when graduate '{graduate}' is unavailable: change its start or "
        "the graduate's unavailable times",
    ),
    "timetable.fixed_too_close": (
        "毕业生“{graduate}”在 {first} 和 {second} 各有一场固定面试，间隔不足一个时段加 {gap} 分钟：请调整其中"
        "一场的开始时间",
        "graduate '{graduate}' has two fixed interviews at {first} and {second}, closer than one slot plus "
        "{gap} minutes: change one start",
    ),
    "timetable.fixed_over_limit": (
        "毕业生“{graduate}”有 {count} 场固定面试，但 max_interviews 为 {limit}：请将 max_interviews 提高到 {count}",
        "graduate '{graduate}' has {count} fixed interviews but max_interviews {limit}: raise max_interviews "
        "to {count}",
    ),
    "timetable.no_common_slot": (
        "毕业生“{graduate}”与{booth}没有共同的空闲时段：请调整该展位的值守时间或休息时间，或该毕业生的不可参加时段",
        "graduate '{graduate}' and {booth} are never free at the same time: change the booth's hours or "
        "breaks, or the graduate's unavailable times",
    ),
    "timetable.no_common_slot.after_now": (
        "毕业生“{graduate}”与{booth}在 --now 指定的时间之后没有共同的空闲时段：请调整该展位的值守时间或休息时间，"
        "或该毕业生的不可参加时段",
        "graduate '{graduate}' and {booth} are never free at the same time after --now: change the booth's "
        "hours or breaks, or the graduate's unavailable times",
    ),
    "timetable.booth_overloaded": (
        "{booth}有 {wanted} 场面试待安排，但只有 {room} 个面试名额（{opened} 个开放时段 × {interviewers}）："
        "{unplaced} 场无法安排；请将面试官增加到 {needed} 名、延长值守时间或缩短休息时间，或取消部分面试",
        "{booth} has {wanted} interviews to place but {room} places ({opened} open slots × {interviewers}): "
        "{unplaced} cannot be placed; raise interviewers to {needed}, extend its hours or shorten its breaks, "
        "or drop interviews",
    ),
    "timetable.booth_overloaded.with_fixed": (
        "{booth}有 {wanted} 场面试待安排，但只有 {room} 个面试名额（{opened} 个开放时段 × {interviewers}，"
        "扣除 {fixed} 场固定面试）：{unplaced} 场无法安排；请将面试官增加到 {needed} 名、延长值守时间或缩短休息"
        "时间，或取消部分面试",
        "{booth} has {wanted} interviews to place but {room} places ({opened} open slots × {interviewers}, "
        "less {fixed} fixed): {unplaced} cannot be placed; raise interviewers to {needed}, extend its hours "
        "or shorten its breaks, or drop interviews",
    ),
    "timetable.booth_overloaded.no_open_slot": (
        "{booth}有 {wanted} 场面试待安排，但只有 {room} 个面试名额（{opened} 个开放时段 × {interviewers}）："
        "{unplaced} 场无法安排；其值守时间内没有可用时段；请延长值守时间或缩短休息时间，或取消部分面试",
        "{booth} has {wanted} interviews to place but {room} places ({opened} open slots × {interviewers}): "
        "{unplaced} cannot be placed; its hours leave no slot; extend its hours or shorten its breaks, or "
        "drop interviews",
    ),
    "timetable.booth_overloaded.no_open_slot.with_fixed": (
        "{booth}有 {wanted} 场面试待安排，但只有 {room} 个面试名额（{opened} 个开放时段 × {interviewers}，"
        "扣除 {fixed} 场固定面试）：{unplaced} 场无法安排；其值守时间内没有可用时段；请延长值守时间或缩短休息"
        "时间，或取消部分面试",
        "{booth} has {wanted} interviews to place but {room} places ({opened} open slots × {interviewers}, "
        "less {fixed} fixed): {unplaced} cannot be placed; its hours leave no slot; extend its hours or "
        "shorten its breaks, or drop interviews",
    ),
    "timetable.graduate_over_limit": (
        "毕业生“{graduate}”有 {wanted} 场面试待安排，但 max_interviews 为 {limit}：{unplaced} 场无法安排；"
        "请提高 max_interviews 或取消部分面试",
        "graduate '{graduate}' has {wanted} interviews to place but max_interviews {limit}: {unplaced} cannot "
        "be placed; raise max_interviews or drop interviews",
    ),
    "timetable.graduate_over_limit.with_fixed": (
        "毕业生“{graduate}”有 {wanted} 场面试待安排，但 max_interviews 为 {limit}，且已有 {fixed} 场固定面试："
        "{unplaced} 场无法安排；请提高 max_interviews 或取消部分面试",
        "graduate '{graduate}' has {wanted} interviews to place but max_interviews {limit} with {fixed} fixed: "
        "{unplaced} cannot be placed; raise max_interviews or drop interviews",
    ),
    "timetable.graduate_overbooked": (
        "毕业生“{graduate}”有 {wanted} 场面试待安排，但在其本人与各展位均空闲的时段内，按面试间隔 {gap} 分钟"
        "计算只能安排 {fitting} 场：{unplaced} 场无法安排；请取消部分面试、缩短 {file} 中的 min_gap_minutes，"
        "或为该毕业生腾出更多时间",
        "graduate '{graduate}' has {wanted} interviews to place but only {fitting} fit in the slots when the "
        "graduate and the booths are free, with {gap} minutes between interviews: {unplaced} cannot be "
        "placed; drop interviews, shorten min_gap_minutes in {file}, or free more of the graduate's time",
    ),
}
