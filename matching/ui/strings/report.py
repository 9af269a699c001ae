"""The report pages' strings: key → (Chinese, English)."""

STRINGS: dict[str, tuple[str, str]] = {
    "nav.report": ("工作报告", "Report"),
    "reportpage.title": ("工作报告与帮扶台账", "Report and aid ledger"),
    "reportpage.caption": (
        "按时间段和范围生成城市报告的指标、摘要和图表；每个指标旁有口径说明，并与上一同长时间段比较。",
        "The city's figures, summary and charts for a period and a scope; every figure says what it counts "
        "and is compared with the previous period of the same length.",
    ),
    "reportpage.period": ("时间段", "Period"),
    "reportpage.period.to_date": ("截至最近记录", "As reported so far"),
    "reportpage.period.year": ("年度", "A year"),
    "reportpage.period.range": ("日期范围", "A range of dates"),
    "reportpage.period.event": ("一场招聘会", "One job fair"),
    "reportpage.year": ("年度", "Year"),
    "reportpage.from": ("开始日期", "From"),
    "reportpage.to": ("结束日期", "To"),
    "reportpage.event": ("招聘会", "Job fair"),
    "reportpage.no_events": ("还没有招聘会。", "There is no job fair yet."),
    "reportpage.scope": ("范围", "Scope"),
    "reportpage.scope.city": ("全市", "The whole city"),
    "reportpage.summary": ("摘要", "Summary"),
    "reportpage.figures": ("指标", "Figures"),
    "reportpage.previous": ("上期：{period}", "Previous period: {period}"),
    "reportpage.no_previous": ("没有可比较的上期。", "No previous period to compare with."),
    "reportpage.charts": ("图表", "Charts"),
    "reportpage.tables": ("明细表", "Tables"),
    "reportpage.ledger": ("帮扶台账", "Aid ledger"),
    "reportpage.ledger.caption": (
        "每个结对每年的计划（分配预算、村需求）与落实（资金、就业、医疗、法律）及结对状态。",
        "Per pair and year: what was planned (budget share, the village's needs), what was delivered (yuan, "
        "jobs, medical, legal) and the pair's status.",
    ),
    "reportpage.ledger.empty": ("本期没有结对。", "No pair stood in this period."),
    "reportpage.downloads": ("下载", "Downloads"),
    "reportpage.download.report": ("下载报告（{format}）", "Download the report ({format})"),
    "reportpage.download.ledger": ("下载台账（{format}）", "Download the ledger ({format})"),
}
