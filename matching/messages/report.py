"""Messages of the report area: code → (Chinese, English)."""

_FIGURES: dict[str, tuple[str, str, str, str]] = {
    # code: (Chinese name, English name, Chinese definition, English definition)
    "jobfair.fairs": (
        "招聘会场次",
        "Job fairs",
        "本期内举办的“民营企业高校行”招聘会场次（按举办日期；不指定时间段时，截至最近一次记录结果的日期）。",
        "Job fairs of the programme held in the period (by the day they were held; with no period asked for, "
        "up to the latest outcome recorded).",
    ),
    "jobfair.enterprises": (
        "参会民营企业",
        "Private enterprises at the fairs",
        "在本期招聘会上提供岗位的企业数，每家企业只计一次。",
        "Enterprises offering positions at the period's fairs, each counted once.",
    ),
    "jobfair.positions": (
        "发布岗位",
        "Positions listed",
        "本期招聘会上发布的岗位条数。",
        "Positions listed at the period's fairs.",
    ),
    "jobfair.openings": (
        "就业岗位（招聘人数）",
        "Positions offered (openings)",
        "本期招聘会上各岗位招聘人数之和，即城市报告中的“就业岗位”数。",
        "The sum of the listed positions' headcounts: what the city's report calls positions offered.",
    ),
    "jobfair.graduates": (
        "报名毕业生",
        "Graduates registered",
        "报名参加本期招聘会的毕业生人数（每人只计一次；园区范围内仍为招聘会的全部报名人数）。",
        "Graduates registered for the period's fairs, each counted once (in a park's report too: the fairs' "
        "registrations).",
    ),
    "jobfair.intents": (
        "达成就业意向的毕业生",
        "Graduates who reached an intent",
        "在本期招聘会上记录了“达成意向”“录用”或“签约”任一结果的毕业生人数；录用和签约都包含意向，"
        "每名毕业生只计一次，无论涉及几个岗位或几种结果。园区报告只计与本园区企业达成的。",
        "Graduates with an outcome of kind intent, offer or signed recorded at the period's fairs (an offer "
        "or a signing implies an intent); each graduate counts once, however many positions or kinds. A "
        "park's report counts intents with its own enterprises.",
    ),
    "jobfair.offers": (
        "获得录用的毕业生",
        "Graduates with an offer",
        "记录了“录用”或“签约”结果的毕业生人数，每人只计一次。",
        "Graduates with an outcome of kind offer or signed, each counted once.",
    ),
    "jobfair.signed": (
        "已签约的毕业生",
        "Graduates who signed",
        "记录了“签约”结果的毕业生人数，每人只计一次。",
        "Graduates with an outcome of kind signed, each counted once.",
    ),
    "jobfair.intent_rate": (
        "意向达成率",
        "Intent rate",
        "达成就业意向的毕业生人数除以报名毕业生人数。",
        "Graduates who reached an intent divided by graduates registered.",
    ),
    "aid.enterprises": (
        "结对帮扶企业",
        "Enterprises paired with villages",
        "本期任一年度内有结对关系的企业数（牵头结对：当年批准或锁定，或在结对期限内；协助结对：当年批准）。",
        "Enterprises with a pair standing in any year of the period (lead pairs approved or pinned that year "
        "or within their term; helper pairs approved that year).",
    ),
    "aid.villages": (
        "结对村",
        "Villages paired",
        "本期任一年度内有结对企业的村数，每村只计一次。",
        "Villages with a pair standing in any year of the period, each counted once.",
    ),
    "aid.yuan": (
        "投入帮扶资金（元）",
        "Aid invested (yuan)",
        "本期内（按记录日期）各结对记录的帮扶资金之和；所跨年度见摘要。",
        "The yuan the pairs recorded with a date in the period; the years the total spans are stated in the "
        "summary.",
    ),
    "aid.jobs": (
        "带动就业（人）",
        "Jobs created",
        "本期内记录的带动就业人数之和。",
        "Jobs the pairs recorded with a date in the period.",
    ),
    "aid.medical": (
        "公益医疗（次）",
        "Free medical services",
        "本期内记录的义诊、公益医疗次数之和。",
        "Free medical services the pairs recorded with a date in the period.",
    ),
    "aid.legal": (
        "法律咨询（次）",
        "Legal consultations",
        "本期内记录的法律咨询次数之和。",
        "Legal consultations the pairs recorded with a date in the period.",
    ),
}

_COLUMNS: dict[str, tuple[str, str]] = {
    "figure": ("指标", "Figure"),
    "definition": ("口径", "Definition"),
    "value": ("本期", "This period"),
    "previous": ("上期", "Previous period"),
    "change": ("变化", "Change"),
    "park_code": ("园区代码", "Park code"),
    "park": ("园区", "Park"),
    "fair_enterprises": ("参会企业", "Enterprises at fairs"),
    "openings": ("就业岗位", "Openings"),
    "intents": ("达成意向", "Intents"),
    "aid_enterprises": ("帮扶企业", "Aid enterprises"),
    "villages": ("结对村", "Villages"),
    "yuan": ("帮扶资金（元）", "Yuan"),
    "jobs": ("带动就业", "Jobs"),
    "medical": ("公益医疗", "Medical"),
    "legal": ("法律咨询", "Legal"),
    "county_code": ("县区代码", "County code"),
    "county": ("县区", "County"),
    "graduates": ("报名毕业生", "Graduates"),
    "intent_rate": ("意向达成率", "Intent rate"),
    "university": ("高校", "University"),
    "month": ("月份", "Month"),
    "section": ("门类", "Section"),
    "industry": ("行业", "Industry"),
    "enterprises": ("企业", "Enterprises"),
    "year": ("年度", "Year"),
    "village_code": ("村代码", "Village code"),
    "village": ("村", "Village"),
    "needs": ("村需求", "Village needs"),
    "enterprise_code": ("企业信用代码", "Enterprise code"),
    "enterprise": ("企业", "Enterprise"),
    "role": ("角色", "Role"),
    "status": ("状态", "Status"),
    "term": ("结对期限", "Term"),
    "annual_budget": ("年度帮扶预算（元）", "Annual budget (yuan)"),
    "budget_share": ("分配给本结对的预算（元）", "Budget share (yuan)"),
}

MESSAGES: dict[str, tuple[str, str]] = {
    **{f"report.figure.{code}": (zh, en) for code, (zh, en, _, _) in _FIGURES.items()},
    **{f"report.def.{code}": (zh, en) for code, (_, _, zh, en) in _FIGURES.items()},
    **{f"report.col.{name}": pair for name, pair in _COLUMNS.items()},
    "report.summary.jobfair": (
        "{period}，{scope}举办“民营企业高校行”招聘会{fairs}场，{enterprises}家民营企业参加，提供{openings}个就业岗位，"
        "{intents}名毕业生现场与企业初步达成就业意向。",
        "{period}, {scope} held {fairs} job fair(s) of the programme: {enterprises} private enterprises took "
        "part, offering {openings} positions, and {intents} graduates reached a preliminary employment "
        "intent with an enterprise on site.",
    ),
    "report.summary.aid": (
        "{scope}{enterprises}家园区企业与{villages}个村结对，{span}累计投入帮扶资金{yuan}，提供就业岗位{jobs}个，"
        "开展义诊{medical}次、法律咨询{legal}次。",
        "In {scope}, {enterprises} park enterprises were paired with {villages} villages; {span} they "
        "invested {yuan} in aid, created {jobs} jobs, and held {medical} free medical services and {legal} "
        "legal consultations.",
    ),
    "report.scope.city": ("全市", "the city"),
    "report.period.year": ("{year}年", "In {year}"),
    "report.period.range": ("{start}至{end}", "From {start} to {end}"),
    "report.period.event": ("{event}招聘会（{day}）", "At the fair {event} ({day})"),
    "report.period.to_date": ("截至{end}", "To {end}"),
    "report.bad_period": (
        "时间段的结束日期 {end} 早于开始日期 {start}",
        "the period ends on {end}, before it starts on {start}",
    ),
    "report.title": ("园区人岗匹配与帮扶结对工作报告", "Report on the parks' job fairs and aid pairing"),
    "report.ledger.title": ("爱心帮扶工程台账", "Aid ledger"),
    "report.heading.summary": ("摘要", "Summary"),
    "report.heading.figures": ("主要指标", "Figures"),
    "report.heading.by_park": ("分园区", "Per park"),
    "report.heading.by_county": ("分县区", "Per county"),
    "report.heading.by_university": ("分高校", "Per university"),
    "report.heading.by_month": ("分月份", "Per month"),
    "report.heading.by_industry": ("分行业", "Per industry"),
    "report.heading.ledger": ("帮扶台账", "Aid ledger"),
    "report.chart.rate_by_university": ("各高校意向达成率", "Intent rate by university"),
    "report.chart.rate_by_county": ("各县区生源意向达成率", "Intent rate by home county"),
    "report.chart.aid_by_park": ("各园区投入帮扶资金（元）", "Aid invested by park (yuan)"),
    "report.chart.aid_by_month": ("各月投入帮扶资金（元）", "Aid invested by month (yuan)"),
    "report.chart.intents_by_industry": ("各行业达成意向人数", "Intents by industry"),
    "report.meta": (
        "时间段：{period}；范围：{scope}；对比上期：{previous}；生成日期：{made}",
        "Period: {period}; scope: {scope}; compared with: {previous}; made on {made}",
    ),
    "report.no_previous": ("无", "none"),
    "report.empty": ("（无数据）", "(no data)"),
    "report.status.approved": ("已批准", "approved"),
    "report.status.pinned": ("已锁定", "pinned"),
    "report.status.kept": ("期限内保留", "kept by term"),
    "report.role.lead": ("牵头", "lead"),
    "report.role.helper": ("协助", "helper"),
    "report.written": (
        "报告已写入 {file}（{rows} 行）",
        "report written to {file} ({rows} rows)",
    ),
    "report.bad_format": (
        "不支持的报告格式“{suffix}”；请用 .xlsx、.csv、.html 或 .pdf",
        "unsupported report format '{suffix}'; use .xlsx, .csv, .html or .pdf",
    ),
}
