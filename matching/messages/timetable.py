"""Messages of the timetable area: code → (Chinese, English).

`timetable.drop.<reason>` says why an interview is not scheduled (`UnscheduledReason`); `itinerary.…` are
the words of the printouts (XLSX sheets and the HTML itineraries); `timetable.option.…` label options.
"""

MESSAGES: dict[str, tuple[str, str]] = {
    "timetable.option.gap_limit": ("足够好的差距", "Gap limit"),
    "timetable.option.gap_limit.help": (
        "日程与上界的相对差距不超过此值时停止搜索（0 = 搜索到时间上限）",
        "stop the search once the timetable is within this share of the bound (0 = search to the time limit)",
    ),
    # why an interview is not scheduled (the timetable's `reason` codes)
    "timetable.drop.no_show": ("毕业生未到场", "the graduate did not come (status no_show)"),
    "timetable.drop.cancelled": ("面试已取消", "the interview was cancelled (status cancelled)"),
    "timetable.drop.no_common_slot": (
        "在计划时段内展位和毕业生没有共同的空闲时间（到场、离场、休息、不可用时间、固定面试前后的间隔）",
        "the booth and the graduate are never free at the same time in the planned hours (arrival, leaving, "
        "breaks, unavailable times, walking gap around fixed interviews)",
    ),
    "timetable.drop.graduate_limit": (
        "毕业生已达面试次数上限（max_interviews）",
        "the graduate already has max_interviews interviews",
    ),
    "timetable.drop.booth_full": (
        "毕业生能来的每个时段，展位的面试官都已排满",
        "all the booth's interviewers are busy whenever the graduate could come",
    ),
    "timetable.drop.graduate_busy": (
        "毕业生的其他面试（含间隔）占满了展位开放的每个时段",
        "the graduate's other interviews (with the walking gap) take every slot the booth is open",
    ),
    "timetable.drop.booth_and_graduate_busy": (
        "每个共同时段里，要么展位已满，要么毕业生在别处面试",
        "in every common slot either the booth is full or the graduate is at another interview",
    ),
    "timetable.drop.no_timetable": (
        "未能生成日程（见状态和预检）",
        "no timetable was made (see the status and the pre-check)",
    ),
    "timetable.drops": ("未安排的原因：{reasons}", "not scheduled: {reasons}"),
    "timetable.drops.item": ("{reason} {count:,} 场", "{count:,} {reason}"),
    "timetable.drop.short.no_show": ("未到场", "no-show"),
    "timetable.drop.short.cancelled": ("已取消", "cancelled"),
    "timetable.drop.short.no_common_slot": ("没有共同空闲时段", "no common slot"),
    "timetable.drop.short.graduate_limit": ("已达面试次数上限", "at the graduate's limit"),
    "timetable.drop.short.booth_full": ("展位已排满", "booth full"),
    "timetable.drop.short.graduate_busy": ("毕业生时段已满", "graduate busy"),
    "timetable.drop.short.booth_and_graduate_busy": ("展位已满或时间冲突", "booth full or times clash"),
    "timetable.drop.short.no_timetable": ("未生成日程", "no timetable"),
    # the solver's word on the timetable it returned
    "timetable.solved.optimal": ("已证明最优", "proven optimal"),
    "timetable.solved.gap_limit": ("已达到足够好的差距", "within the gap limit of the bound"),
    "timetable.solved.time_limit": ("到达时间上限时停止", "stopped at the time limit"),
    "timetable.solved.first": (
        "求解器在时间上限内没有找到更好的日程，返回初始日程",
        "the solver found nothing better in the time limit; the first timetable is returned",
    ),
    # printouts
    "itinerary.title": ("招聘会面试日程", "Job-fair interview timetable"),
    "itinerary.graduate_heading": ("面试行程", "Interview itinerary"),
    "itinerary.booth_heading": ("展位面试名单", "Booth interview list"),
    "itinerary.university_heading": ("本校毕业生面试安排", "Interviews of our graduates"),
    "itinerary.graduate": ("毕业生", "Graduate"),
    "itinerary.booth_line": (
        "展位 {booth} · 企业：{enterprise} · 面试官 {interviewers} 位",
        "Booth {booth} · enterprise: {enterprise} · {interviewers} interviewer(s)",
    ),
    "itinerary.university_line": (
        "{university}：{graduates:,} 名毕业生，已安排 {interviews:,} 场面试",
        "{university}: {graduates:,} graduates, {interviews:,} interviews scheduled",
    ),
    "itinerary.none_scheduled": ("暂无已安排的面试。", "No interview scheduled yet."),
    "itinerary.left_out": ("未能安排", "Could not be scheduled"),
    "itinerary.nothing": ("没有可打印的行程（{selection}）。", "Nothing to print ({selection})."),
    "itinerary.yes": ("是", "yes"),
    "itinerary.no": ("否", "no"),
    "itinerary.sheet.timetable": ("面试日程", "Schedule"),
    "itinerary.sheet.itineraries": ("毕业生行程", "Itineraries"),
    "itinerary.sheet.booths": ("展位名单", "Booth lists"),
    "itinerary.col.time": ("时间", "Time"),
    "itinerary.col.start": ("开始", "Start"),
    "itinerary.col.end": ("结束", "End"),
    "itinerary.col.booth": ("展位", "Booth"),
    "itinerary.col.enterprise": ("企业", "Enterprise"),
    "itinerary.col.enterprise_id": ("统一社会信用代码", "Credit code"),
    "itinerary.col.position": ("岗位", "Position"),
    "itinerary.col.position_id": ("岗位编号", "Position code"),
    "itinerary.col.interviewer": ("面试官", "Interviewer"),
    "itinerary.col.graduate": ("毕业生", "Graduate"),
    "itinerary.col.graduate_id": ("毕业生编号", "Graduate code"),
    "itinerary.col.graduate_name": ("姓名", "Name"),
    "itinerary.col.university": ("高校", "University"),
    "itinerary.col.moved": ("已调整", "Moved"),
    "itinerary.col.reason": ("未安排原因", "Why not scheduled"),
}
