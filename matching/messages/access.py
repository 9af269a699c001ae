"""Messages about who may do what, personal data and the app's own errors."""

MESSAGES: dict[str, tuple[str, str]] = {
    "role.admin": ("管理员", "administrator"),
    "role.organiser": ("招聘会组织者", "event organiser"),
    "role.park_official": ("园区干部", "park official"),
    "role.viewer": ("访客", "viewer"),
    "access.denied": ("{user}（{role}）无权{action}", "{user} ({role}) may not {action}"),
    "access.denied_park": (
        "{user} 只能对本园区的企业{action}",
        "{user} may {action} only for their own park's enterprises",
    ),
    "access.purpose_required": (
        "该文件含毕业生个人信息，请填写下载用途",
        "this file holds graduates' personal data; state the purpose of the download",
    ),
    "action.view_data": ("查看数据", "view the data"),
    "action.view_graduates": ("查看毕业生名单", "view the graduates"),
    "action.view_reports": ("查看统计", "view the reports"),
    "action.import_data": ("导入数据", "import data"),
    "action.export_data": ("导出或下载数据", "export or download data"),
    "action.reveal_personal": ("查看个人信息原文", "reveal personal data"),
    "action.export_personal": ("导出含个人信息的文件", "export files with personal data"),
    "action.run_jobfair": ("运行招聘会匹配", "run job-fair matching"),
    "action.decide_jobfair": ("审核招聘会匹配建议", "decide job-fair proposals"),
    "action.schedule_jobfair": ("排面试日程", "schedule the interviews"),
    "action.record_jobfair_outcome": ("登记招聘会结果", "record job-fair outcomes"),
    "action.run_aid": ("运行帮扶结对", "run the aid pairing"),
    "action.decide_aid": ("审核帮扶结对", "decide aid pairs"),
    "action.record_aid_outcome": ("登记帮扶成效", "record aid outcomes"),
    "action.manage_users": ("管理用户", "manage users"),
    "action.maintain": ("维护系统", "maintain the system"),
    "error.internal": (
        "出现了内部错误，已记录。请把编号 {reference} 告诉管理员。",
        "An internal error happened and was logged. Give the administrator the reference {reference}.",
    ),
}
