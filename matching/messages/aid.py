"""Messages of the aid pairing: its options, the solve's summary, pairing terms and aid outcomes, and the
aid pages' own labels for them: code → (Chinese, English)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "aid.option.objective": ("目标", "Objective"),
    "aid.option.objective.help": (
        "max：使结对总分最大；min：使总成本最小（OR-Library 算例）",
        "max: the pairs' values are gains to maximise; min: costs to minimise (OR-Library instances)",
    ),
    "aid.option.objective.max": ("总分最大", "maximise value"),
    "aid.option.objective.min": ("总成本最小", "minimise cost"),
    "aid.option.distance_limit": ("最远结对距离", "Farthest pairing"),
    "aid.option.distance_limit.same_township": ("同一乡镇（街道）", "same township"),
    "aid.option.distance_limit.same_county": ("同一县区", "same county"),
    "aid.option.distance_limit.same_city": ("丹东市内", "within Dandong"),
    "aid.option.distance_limit.other_city": ("不限", "no limit"),
    "aid.option.distance_limit.help": (
        "企业与村之间允许的最远距离：同一乡镇、同一县区、丹东市内或不限",
        "the farthest an enterprise may be from its village: same_township, same_county, same_city "
        "(anywhere in Dandong) or other_city (no limit)",
    ),
    "aid.option.min_villages_per_park": ("各园区最少结对村数", "Least villages per park"),
    "aid.option.min_villages_per_park.help": (
        "园区代码=村数：该园区的企业合计至少牵头这么多个村",
        "PARK=N: the enterprises of park PARK lead at least N villages between them",
    ),
    "aid.option.min_villages_per_county": ("各县区最少结对村数", "Least villages per county"),
    "aid.option.min_villages_per_county.help": (
        "县区代码=村数：位于该县区的企业合计至少牵头这么多个村",
        "COUNTY=N: the enterprises located in county COUNTY (6-digit code) lead at least N villages",
    ),
    "aid.option.helpers_per_village": ("每村帮扶（协助）企业数", "Helper enterprises per village"),
    "aid.option.helpers_per_village.help": (
        "每个村在牵头企业之外最多再配几家协助企业（0 表示不配）",
        "helper enterprises per village besides its lead (0: none); giving it runs the helper step",
    ),
    "aid.option.helper_load_share": ("协助企业出资比例", "Helper's share of the load"),
    "aid.option.helper_load_share.help": (
        "协助企业承担该结对费用的比例（0 到 1）",
        "share of the pair's load a helper gives, from the budget its own lead villages leave (0 to 1)",
    ),
    "aid.option.helper_max_villages": ("每家企业最多协助村数", "Villages one enterprise may help"),
    "aid.option.helper_max_villages.help": (
        "一家企业最多协助几个村",
        "villages one enterprise may help at most",
    ),
    "aid.cli.no_full_pairing": (
        "没有一种结对能让每个村都有牵头企业：",
        "no pairing gives every village a lead enterprise:",
    ),
    "aid.cli.dir_or_year": ("请给出 DIR 或 --year YEAR 两者之一", "give either DIR or --year YEAR"),
    "aid.cli.term_needs_year": (
        "--term-years 只适用于已存储的年度（--year YEAR）：文件夹中没有往年的结对",
        "--term-years applies to stored years (--year YEAR): a folder has no earlier pairs",
    ),
    "aid.cli.orlib_problems": (
        "包含 {count} 个算例；--problem 须为 1 到 {count}",
        "holds {count} problem(s); --problem must be 1 to {count}",
    ),
    "aid.cli.orlib_exists": (
        "已存在；如要覆盖请加 --force，或换一个文件夹",
        "already exists; use --force to overwrite, or another folder",
    ),
    "aid.cli.orlib_dir_is_file": ("是一个文件；DIR 必须是文件夹", "is a file; DIR must be a folder"),
    "aid.cli.orlib_wrote": (
        "已写入 {target}：{enterprises} 家企业，{villages} 个村",
        "wrote {target}: {enterprises} enterprises, {villages} villages",
    ),
    "aid.summary": (
        "{status}：{villages} 个村中 {paired} 个已有牵头企业{helpers}；目标值 {objective}，上界 {bound}，"
        "差距 {gap}；求解器 {solver}；种子 {seed}",
        "status={status} objective={objective} bound={bound} gap={gap} solver={solver} seed={seed} "
        "paired={paired}/{villages}{helpers}",
    ),
    # the solver's notes (`PairingResult.notes`)
    "aid.precheck.refused": (
        "预检查发现 {count} 条原因，不存在让每个村都有牵头企业的结对",
        "pre-check: {count} reason(s) no full pairing exists",
    ),
    "aid.pairing.infeasible": (
        "在各企业的预算和村数上限内，没有一种结对能让每个村都有牵头企业",
        "no pairing gives every village a lead enterprise within the budgets and counts",
    ),
    "aid.pairing.time_limit": (
        "在时限内未找到结对方案；请延长求解时限",
        "no pairing found within the time limit; raise it",
    ),
    "aid.pairing.failed": ("求解器出错", "the solver failed"),
    "aid.pairing.no_usable_pair": ("没有可用的结对", "no usable pair"),
    "aid.pairing.better_of_race": (
        "{solver} 找到的结对（总分 {value}）更好，采用之",
        "{solver}'s pairing ({value}) was the better one",
    ),
    "aid.pairing.proved_by": (
        "其总分达到 {solver} 已证明的上界，因此最优",
        "its value meets {solver}'s proven bound",
    ),
    "aid.pairing.neighbourhood": (
        "大邻域搜索：总分由 {before} 提高到 {after}，共 {steps} 步",
        "large-neighbourhood search: {before} → {after} in {steps} steps",
    ),
    "aid.pairing.kept_best": (
        "保留总分最优的结对（稳定阶段没有找到更好的）",
        "kept the best-value pairing (the stability phase found nothing better)",
    ),
    "aid.pairing.within_tolerance": (
        "总分在最优值的 {tolerance:.1%} 以内，保留上次的 {kept} 个结对",
        "value within {tolerance:.1%} of the best, keeping {kept} previous pairs",
    ),
    "aid.pairing.gave_up": (
        "为保留上次的 {kept} 个结对，放弃了最优总分 {best} 中的 {given_up}（至多 {tolerance:.1%}）",
        "gave up {given_up} of the best value {best} (at most {tolerance:.1%}) to keep {kept} previous pairs",
    ),
    "aid.pairing.moved": (
        "上次 {previous} 个结对中有 {moved} 个变动",
        "{moved} of {previous} previous pairs moved",
    ),
    "aid.summary.helpers": ("，协助结对 {count} 个", " helpers={count}"),
    "aid.summary.partial": (
        "{status}：没有能让每个村都有牵头企业的结对（目标值 {objective}，上界 {bound}，差距 {gap}）；"
        "最佳部分结对覆盖 {villages} 个村中的 {paired} 个；求解器 {solver}；种子 {seed}",
        "status={status} objective={objective} bound={bound} gap={gap} solver={solver} seed={seed} "
        "best_partial={paired}/{villages}",
    ),
    # pairing terms (an option of a stored run: `aid solve --year Y --term-years N`, the aid page)
    "aid.option.term_years": ("结对期限（年）", "Pairing term (years)"),
    "aid.option.term_years.help": (
        "本次运行新结成（或续签）的结对，经批准或锁定后保持的年数；期限内以后各年的运行保留该结对，除非当年被驳回",
        "years a pair this run begins (or renews) stands once approved or pinned: the runs of the later "
        "years of its term keep it unless an official rejects it that year",
    ),
    "aid.terms.summary": (
        "结对期限 {years} 年：期限内保留 {kept} 对，续签 {renewed} 对，新结对 {new} 对{ended}",
        "term {years} years: {kept} pairs kept within their term, {renewed} renewed, {new} new{ended}",
    ),
    "aid.terms.ended_early": (
        "；{count} 对期限未满但企业今年没有帮扶意向，已结束",
        "; {count} pairs within their term ended: their enterprise made no offer this year",
    ),
    "aid.term.col.term": ("结对期限", "Term"),
    "aid.term.col.kind": ("期限情况", "Term status"),
    "aid.term.kind.kept": ("期限内保留", "kept (within term)"),
    "aid.term.kind.renewed": ("续签", "renewed"),
    "aid.term.kind.new": ("新结对", "new"),
    "aid.term.kept": ("期限内保留", "Kept within term"),
    "aid.term.helper": ("协助企业", "helper"),
    "aid.term.renewed": ("续签", "Renewed"),
    # aid outcomes: only against a pair that stood in the outcome's year; corrections are logged
    "aid.outcome.not_paired": (
        "{year} 年“{enterprise}”与“{village}”没有经批准或锁定的结对（也不在结对期限内），不能登记成效",
        "'{enterprise}' and '{village}' were not an approved or pinned pair in {year} (nor within a pair's "
        "term), so no outcome can be recorded for them",
    ),
    "aid.outcome.not_paired.import": (
        "该企业与该村在 {year} 年没有经批准或锁定的结对（也不在结对期限内），不能登记成效",
        "this enterprise and village were not an approved or pinned pair in {year} (nor within a pair's term)",
    ),
    "aid.outcome.recorded": ("已登记：{new}。", "Recorded: {new}."),
    "aid.outcome.corrected": (
        "已更正：由 {old} 改为 {new}（旧值与新值已记入审计日志）。",
        "Corrected from {old} to {new} (both logged).",
    ),
    "aid.outcome.unchanged": (
        "该成效已登记为 {new}，与本次相同，未作改动。",
        "This outcome is already recorded as {new}; nothing changed.",
    ),
    "aid.outcome.deleted": ("已删除（原值 {old}，已记入审计日志）。", "Deleted (it was {old}; logged)."),
    "aid.outcome.year": ("年度", "Year"),
    "aid.outcome.correct_hint": (
        "同一结对、同一类型、同一日期再次登记即为更正，旧值与新值都记入审计日志",
        "Recording the same pair, kind and date again corrects it; the old and new values are logged",
    ),
    "aid.outcome.delete": ("删除该登记", "Delete this entry"),
    "aid.outcome.recorded_list": ("本年度已登记的成效", "Outcomes recorded this year"),
}
