"""The timetable pages' strings: key → (Chinese, English)."""

STRINGS: dict[str, tuple[str, str]] = {
    "timetable.print_for": ("打印行程单给", "Print the itineraries for"),
    "timetable.print_for.all": (
        "全部（每名毕业生一页，再每个展位一页）",
        "Everyone (a page per graduate, then per booth)",
    ),
    "timetable.print_for.booth": ("展位（企业面试官）", "Booths (the enterprise's interviewers)"),
    "timetable.print_for.graduate": ("毕业生", "Graduates"),
    "timetable.print_for.university": ("高校（就业指导部门）", "Universities (their employment office)"),
    "timetable.print_which.booth": ("哪个展位", "Which booth"),
    "timetable.print_which.graduate": ("哪名毕业生", "Which graduate"),
    "timetable.print_which.university": ("哪所高校", "Which university"),
    "timetable.print_every": ("全部", "All of them"),
    "timetable.yes": ("是", "yes"),
    "timetable.no": ("否", "no"),
}
