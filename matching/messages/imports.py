"""Messages about importing records: concurrent imports, conflicts."""

MESSAGES: dict[str, tuple[str, str]] = {
    # The database turned the import down because another import or change was writing at the same time
    # (or held the database for longer than the import could wait), every time it was tried.
    "import.concurrent_change": (
        "另一项导入同时修改了这些记录，本文件未写入任何内容，请重试",
        "another import was changing these records at the same time; nothing from this file was written; "
        "try again",
    ),
    # A value the database holds unique (a park's name …) that another record has already, or a record the
    # file refers to that was removed meanwhile.
    "import.conflict": (
        "与已存储的记录冲突：某个必须唯一的值（如名称）已被另一条记录使用，或所引用的记录已被删除；"
        "本文件未写入任何内容",
        "conflicts with the stored records: a value that must be unique (a name, for instance) belongs to "
        "another record, or a record the file refers to was removed; nothing from this file was written",
    ),
}

# What a cell of an imported file must be: one message per parser complaint (`services/parsers.py`).
MESSAGES.update(
    {
        "cell.required_empty": ("必填，但为空", "is required but empty"),
        "cell.too_long": (
            "长度为 {length} 个字符，最多允许 {maximum} 个",
            "is {length} characters long; at most {maximum} allowed",
        ),
        "cell.not_integer": ("“{value}”不是整数", "'{value}' is not a whole number"),
        "cell.below_minimum": ("{value} 小于最小值 {minimum}", "{value} is below the minimum {minimum}"),
        "cell.above_maximum": ("{value} 大于最大值 {maximum}", "{value} is above the maximum {maximum}"),
        "cell.not_number": ("“{value}”不是数字", "'{value}' is not a number"),
        "cell.not_finite": ("“{value}”不是有限的数字", "'{value}' is not a finite number"),
        "cell.not_date": (
            "“{value}”不是日期，请写作 年-月-日（如 2026-05-20）",
            "'{value}' is not a date; write it as YYYY-MM-DD",
        ),
        "cell.not_datetime": (
            "“{value}”不是日期时间，请写作 2026-03-01T09:30:00+08:00",
            "'{value}' is not a date and time; write it as YYYY-MM-DDTHH:MM:SS+08:00",
        ),
        "cell.not_a_choice": (
            "“{value}”不是以下之一：{names}（或 {codes}）",
            "'{value}' is not one of: {codes} ({names})",
        ),
        "degree.unknown": (
            "“{value}”不是学历：专科、本科、硕士、博士（或 {codes}）",
            "'{value}' is not a degree: 专科, 本科, 硕士, 博士 (or {codes})",
        ),
        "county.not_six_digits": ("“{value}”不是 6 位区县代码", "'{value}' is not a 6-digit county code"),
        "county.unknown": (
            "“{value}”不是国家统计局 2023 年区划代码中的县级代码",
            "'{value}' is not a county-level code in the NBS 2023 list",
        ),
        "place.unknown": (
            "“{value}”不是已知的省（2 位）、市（4 位）或区县（6 位）代码",
            "'{value}' is not a known province (2-digit), city (4) or county (6) code",
        ),
        "township.unknown": (
            "“{value}”不是丹东市的乡镇/街道代码",
            "'{value}' is not a Dandong township/street (乡镇/街道) code",
        ),
        "village.not_twelve_digits": (
            "“{value}”不是 12 位村级区划代码",
            "'{value}' is not a 12-digit village division code",
        ),
        "village.unknown": (
            "“{value}”不是国家统计局 2023 年区划代码中丹东市的村级代码",
            "'{value}' is not a Dandong village-level code in the NBS 2023 list",
        ),
        "industry.unknown": (
            "“{value}”不是 GB/T 4754-2017 国民经济行业代码",
            "'{value}' is not a GB/T 4754-2017 industry code",
        ),
        "phone.invalid": ("“{value}”不是电话号码", "'{value}' is not a phone number"),
        "credit_code.malformed": (
            "“{value}”不是 18 位统一社会信用代码",
            "'{value}' is not an 18-character unified social credit code (统一社会信用代码)",
        ),
        "credit_code.check_character": (
            "“{value}”的校验位不对，请检查是否有输错的字符",
            "'{value}' has a wrong check character; look for a mistyped character",
        ),
        "clock.invalid": (
            "“{value}”不是时刻，请写作 时:分（24 小时制，如 09:30）",
            "'{value}' is not a time of day; write it as HH:MM, e.g. 09:30",
        ),
        "clock_range.invalid": (
            "“{value}”不是时间段，请写作 时:分-时:分",
            "'{value}' is not a time range; write it as HH:MM-HH:MM",
        ),
        "clock_range.reversed": ("时间段“{value}”的结束早于开始", "'{value}' ends before it starts"),
        # checks across the cells of one row (`services/kinds.py`)
        "salary.max_below_min": (
            "{high} 低于最低月薪 salary_min {low}",
            "{high} is below salary_min {low}",
        ),
        "township.not_in_county": (
            "乡镇/街道 {township} 不在区县 {county}",
            "township {township} is not in county {county}",
        ),
        "village.not_in_township": (
            "村 {village} 不在乡镇/街道 {township}",
            "village {village} does not lie in township {township}",
        ),
        # the header and the file as a whole (`services/data_io.py`)
        "header.missing_required": ("缺少必填列", "required column is missing"),
        "header.unknown_column": ("未知的列；应为：{expected}", "unknown column; expected: {expected}"),
        "header.column_twice": ("该列出现了两次", "column appears twice"),
        "key.duplicate": ("主键重复，与第 {first_row} 行相同", "duplicate key, same as row {first_row}"),
        "wish.rank_repeats": (
            "志愿顺序与第 {first_row} 行的志愿重复",
            "rank repeats the wish in row {first_row}",
        ),
        "reference.unknown.parks": ("没有代码为“{value}”的园区", "unknown park '{value}'"),
        "reference.unknown.universities": ("没有名为“{value}”的高校", "unknown university '{value}'"),
        "reference.unknown.enterprises": (
            "没有统一社会信用代码为“{value}”的企业",
            "unknown enterprise '{value}'",
        ),
        "reference.unknown.jobfair_events": ("没有代码为“{value}”的招聘会", "unknown job fair '{value}'"),
        "reference.unknown.positions": ("没有代码为“{value}”的岗位", "unknown position '{value}'"),
        "reference.unknown.graduates": ("没有编号为“{value}”的毕业生", "unknown graduate '{value}'"),
        "reference.unknown.villages": ("没有区划代码为“{value}”的村", "unknown village '{value}'"),
        "kind.unknown": (
            "未知的数据类别“{name}”；可用：{known}",
            "unknown kind '{name}'; known kinds: {known}",
        ),
        "export.purpose_required": (
            "{kind} 含有个人信息（{columns}），请说明导出用途",
            "{kind} holds personal data ({columns}); state the purpose of the export",
        ),
        "import.summary": (
            "{file}：已导入 {total} 行{kind}：新增 {inserted}，更新 {updated}，不变 {unchanged}",
            "{file}: imported {total} {kind} rows: {inserted} new, {updated} updated, {unchanged} unchanged",
        ),
        "import.summary_dry_run": (
            "{file}：将导入 {total} 行{kind}：新增 {inserted}，更新 {updated}，不变 {unchanged}",
            "{file}: would import {total} {kind} rows: {inserted} new, {updated} updated, {unchanged} unchanged",
        ),
    }
)

# What each format is, for the templates' column guide (a parser's `format`).
MESSAGES.update(
    {
        "format.text": ("文本，最多 {maximum} 个字符", "text, at most {maximum} characters"),
        "format.integer": ("整数", "whole number"),
        "format.integer_from": ("整数，不小于 {minimum}", "whole number, at least {minimum}"),
        "format.integer_between": (
            "整数，{minimum} 至 {maximum}",
            "whole number from {minimum} to {maximum}",
        ),
        "format.number": ("数字", "number"),
        "format.number_from": ("数字，不小于 {minimum}", "number, at least {minimum}"),
        "format.date": ("日期，年-月-日", "date, YYYY-MM-DD"),
        "format.datetime": ("日期时间，年-月-日T时:分:秒+08:00", "date and time, YYYY-MM-DDTHH:MM:SS+08:00"),
        "format.choice": (
            "下列之一（中文名称或代码均可）",
            "one of the values below (the Chinese name or the code)",
        ),
        "format.list": ("以 ; 分隔的列表，每项为：{item}", "list separated by ;, each item: {item}"),
        "format.county_code": ("6 位区县代码（国家统计局 2023）", "6-digit county code (NBS 2023)"),
        "format.place_code": (
            "省（2 位）、市（4 位）或区县（6 位）代码",
            "province (2 digits), city (4) or county (6) code",
        ),
        "format.township_code": ("9 位丹东乡镇/街道代码", "9-digit Dandong township code"),
        "format.village_code": ("12 位丹东村级区划代码", "12-digit Dandong village division code"),
        "format.industry_code": (
            "GB/T 4754-2017 行业代码（门类字母或 2-4 位数字）",
            "GB/T 4754-2017 industry code",
        ),
        "format.major_code": (
            "2024 年本科专业代码（6 位数字，可带 T/K）",
            "2024 major code (6 digits, optional T/K suffix)",
        ),
        "format.major_or_prefix": (
            "专业（6 位）、专业类（4 位）或学科门类（2 位）代码",
            "major (6 digits), major class (4) or discipline (2) code",
        ),
        "format.phone": ("电话号码", "phone number"),
        "format.credit_code": ("18 位统一社会信用代码", "18-character unified social credit code"),
        "format.clock": ("时刻，时:分（24 小时制）", "time of day, HH:MM (24-hour)"),
        "format.clock_ranges": (
            "时间段 时:分-时:分，多个以 ; 分隔",
            "time ranges HH:MM-HH:MM, separated by ;",
        ),
    }
)

# Every column of every kind (`services/kinds.py`): its header in a Chinese export (which imports read back
# as well as the column name) and what it means, for the templates' column guide.
# kind → column → (Chinese header, English header, Chinese meaning, English meaning)
COLUMNS: dict[str, dict[str, tuple[str, str, str, str]]] = {
    "parks": {
        "code": ("园区代码", "park code", "园区代码，唯一", "the park's code, unique"),
        "name": ("园区名称", "park name", "园区全称，唯一", "the park's full name, unique"),
        "level": ("园区级别", "level", "国家级、省级或市级", "national, provincial or municipal"),
        "county_code": ("所在区县代码", "county code", "园区所在的区县", "the county the park lies in"),
        "service_centre": (
            "党群服务中心",
            "service centre",
            "园区的党群服务中心",
            "the park's service centre",
        ),
    },
    "universities": {
        "name": ("高校名称", "university name", "高校中文全称，唯一", "full Chinese name, unique"),
        "province": ("所在省份", "province", "省份简称，如 辽宁", "province short name, e.g. 辽宁"),
        "city": ("所在城市", "city", "所在城市", "the city"),
        "tags": (
            "高校标签",
            "tags",
            "高校标签，如 双一流;985;211",
            "the university's tags, e.g. 双一流;985;211",
        ),
        "national_rank": (
            "全国排名",
            "national rank",
            "软科全国排名，如 500+",
            "national ranking, e.g. 500+",
        ),
    },
    "enterprises": {
        "credit_code": (
            "统一社会信用代码",
            "credit code",
            "企业的统一社会信用代码，唯一",
            "unified social credit code, unique",
        ),
        "name": ("企业名称", "enterprise name", "企业全称", "the enterprise's full name"),
        "park_code": ("所属园区代码", "park code", "已登记园区的代码", "code of a stored park"),
        "industry_code": ("行业代码", "industry code", "所属国民经济行业", "the enterprise's industry"),
        "size": ("企业规模", "size", "微型、小型、中型或大型", "micro, small, medium or large"),
        "county_code": ("所在区县代码", "county code", "企业所在的区县", "the county the enterprise lies in"),
        "township_code": ("所在乡镇代码", "township code", "企业所在的乡镇/街道", "the township it lies in"),
        "address": ("地址", "address", "企业地址", "the enterprise's address"),
        "contact_name": (
            "联系人姓名",
            "contact name",
            "联系人姓名（个人信息）",
            "contact person (personal data)",
        ),
        "contact_phone": (
            "联系人电话",
            "contact phone",
            "联系人电话（个人信息）",
            "contact phone (personal data)",
        ),
    },
    "events": {
        "code": ("招聘会代码", "job fair code", "招聘会代码，唯一", "the job fair's code, unique"),
        "name": ("招聘会名称", "job fair name", "招聘会名称", "the job fair's name"),
        "held_on": ("举办日期", "held on", "举办日期", "the day of the fair"),
        "venue": ("举办地点", "venue", "举办地点", "where the fair is held"),
        "host_university": ("承办高校", "host university", "已登记高校的名称", "name of a stored university"),
        "opens": ("开始时间", "opens", "开始时间（默认 09:00）", "when the fair opens (default 09:00)"),
        "closes": ("结束时间", "closes", "结束时间（默认 17:00）", "when the fair closes (default 17:00)"),
        "slot_minutes": (
            "面试时段（分钟）",
            "slot minutes",
            "一场面试的时长（默认 30）",
            "length of an interview slot (default 30)",
        ),
        "min_gap_minutes": (
            "面试间隔（分钟）",
            "gap minutes",
            "同一毕业生两场面试之间的空闲分钟",
            "free minutes between two interviews of a graduate",
        ),
    },
    "positions": {
        "code": ("岗位代码", "position code", "岗位代码，唯一", "the position's code, unique"),
        "event_code": ("招聘会代码", "job fair code", "已登记招聘会的代码", "code of a stored job fair"),
        "enterprise_credit_code": (
            "企业统一社会信用代码",
            "enterprise credit code",
            "已登记企业的信用代码",
            "credit code of a stored enterprise",
        ),
        "title": ("岗位名称", "title", "岗位名称", "the position's title"),
        "accepted_majors": (
            "接受专业",
            "accepted majors",
            "接受的专业、专业类或学科门类；空 = 不限",
            "accepted majors, classes or disciplines; empty = any",
        ),
        "min_degree": ("最低学历", "minimum degree", "最低学历", "the lowest degree accepted"),
        "headcount": ("招聘人数", "headcount", "招聘人数", "openings"),
        "salary_min": ("最低月薪（元）", "salary min", "月薪下限，元", "lowest monthly salary, yuan"),
        "salary_max": ("最高月薪（元）", "salary max", "月薪上限，元", "highest monthly salary, yuan"),
        "work_county_code": (
            "工作地区县代码",
            "work county code",
            "工作地点所在区县",
            "the county of the workplace",
        ),
    },
    "graduates": {
        "code": ("毕业生编号", "graduate code", "报名编号，唯一", "registration number, unique"),
        "name": ("姓名", "name", "毕业生姓名（个人信息）", "the graduate's name (personal data)"),
        "university": ("所在高校", "university", "已登记高校的名称", "name of a stored university"),
        "major_code": ("专业代码", "major code", "所学专业", "the graduate's major"),
        "degree": ("学历", "degree", "学历", "the degree"),
        "graduation_year": ("毕业年份", "graduation year", "毕业年份", "year of graduation"),
        "home_county_code": ("生源地区县代码", "home county code", "生源地（户籍）区县", "home county"),
        "preferred_industries": (
            "意向行业",
            "preferred industries",
            "意向行业代码",
            "industries the graduate prefers",
        ),
        "preferred_places": (
            "意向地区",
            "preferred places",
            "意向的省、市或区县",
            "provinces, cities or counties preferred",
        ),
        "expected_salary": (
            "期望月薪（元）",
            "expected salary",
            "期望月薪，元",
            "expected monthly salary, yuan",
        ),
        "phone": ("电话", "phone", "电话（个人信息）", "phone (personal data)"),
        "consent_at": (
            "同意时间",
            "consent at",
            "同意使用个人信息的时间；只有有同意时间的毕业生参加匹配与导出",
            "when the graduate consented; only graduates with a consent time take part",
        ),
    },
    "registrations": {
        "event_code": ("招聘会代码", "job fair code", "已登记招聘会的代码", "code of a stored job fair"),
        "graduate_code": ("毕业生编号", "graduate code", "已登记毕业生的编号", "code of a stored graduate"),
        "max_interviews": (
            "最多面试场数",
            "max interviews",
            "当天最多面试场数",
            "interviews at most on the fair day",
        ),
        "unavailable": (
            "不能到场时间",
            "unavailable",
            "不能到场的时间段（如上课）",
            "time ranges the graduate cannot come",
        ),
    },
    "wishes": {
        "event_code": ("招聘会代码", "job fair code", "已登记招聘会的代码", "code of a stored job fair"),
        "graduate_code": ("毕业生编号", "graduate code", "已登记毕业生的编号", "code of a stored graduate"),
        "position_code": ("岗位代码", "position code", "已登记岗位的代码", "code of a stored position"),
        "rank": ("志愿顺序", "rank", "1 = 第一志愿", "1 = first choice"),
    },
    "booths": {
        "event_code": ("招聘会代码", "job fair code", "已登记招聘会的代码", "code of a stored job fair"),
        "enterprise_credit_code": (
            "企业统一社会信用代码",
            "enterprise credit code",
            "已登记企业的信用代码",
            "credit code of a stored enterprise",
        ),
        "interviewers": ("面试官人数", "interviewers", "同时面试的面试官人数", "interviewers in parallel"),
        "label": ("展位号", "booth label", "平面图上的展位号", "the booth's label on the floor plan"),
        "arrives": ("到场时间", "arrives", "空 = 开场时", "empty = at opening"),
        "leaves": ("离场时间", "leaves", "空 = 闭场时", "empty = at closing"),
        "breaks": ("休息时间", "breaks", "休息时间段", "break time ranges"),
    },
    "villages": {
        "division_code": (
            "村区划代码",
            "division code",
            "国家统计局 12 位区划代码，唯一",
            "12-digit NBS division code, unique",
        ),
        "name": ("村名称", "village name", "村名称", "the village's name"),
        "county_code": ("所在区县代码", "county code", "村所在的区县", "the village's county"),
        "township_code": ("所在乡镇代码", "township code", "村所在的乡镇/街道", "the village's township"),
        "population": ("人口", "population", "常住人口", "population"),
        "income_per_capita": (
            "人均收入（元）",
            "income per capita",
            "人均年收入，元",
            "yuan per person per year",
        ),
        "needs": ("帮扶需求", "needs", "村的帮扶需求", "what the village needs"),
    },
    "aid_offers": {
        "enterprise_credit_code": (
            "企业统一社会信用代码",
            "enterprise credit code",
            "已登记企业的信用代码",
            "credit code of a stored enterprise",
        ),
        "year": ("年度", "year", "帮扶年度", "the aid year"),
        "annual_budget": (
            "年度预算（元）",
            "annual budget",
            "当年帮扶预算，元",
            "the year's aid budget, yuan",
        ),
        "max_villages": ("最多结对村数", "max villages", "最多结对的村数", "villages at most"),
        "capabilities": (
            "帮扶能力",
            "capabilities",
            "企业能提供的帮扶，与村需求用同样的词",
            "what the enterprise can give; the same words as village needs",
        ),
    },
    "jobfair_outcomes": {
        "event_code": ("招聘会代码", "job fair code", "已登记招聘会的代码", "code of a stored job fair"),
        "graduate_code": ("毕业生编号", "graduate code", "已登记毕业生的编号", "code of a stored graduate"),
        "position_code": ("岗位代码", "position code", "已登记岗位的代码", "code of a stored position"),
        "kind": ("结果类型", "outcome", "招聘会后的结果", "what came of the pair"),
        "occurred_on": ("日期", "date", "发生日期", "the day it happened"),
    },
    "aid_outcomes": {
        "enterprise_credit_code": (
            "企业统一社会信用代码",
            "enterprise credit code",
            "已登记企业的信用代码",
            "credit code of a stored enterprise",
        ),
        "village_code": (
            "村区划代码",
            "village code",
            "已登记村的区划代码",
            "division code of a stored village",
        ),
        "kind": ("成效类型", "outcome", "帮扶成效的类型", "what the pair delivered"),
        "value": ("数量", "value", "金额（元）或次数、岗位数", "amount: yuan, or jobs, or services"),
        "occurred_on": ("日期", "date", "发生日期", "the day it happened"),
    },
}

for _kind, _columns in COLUMNS.items():
    for _name, (_label_zh, _label_en, _help_zh, _help_en) in _columns.items():
        MESSAGES[f"column.{_kind}.{_name}"] = (_label_zh, _label_en)
        MESSAGES[f"column_help.{_kind}.{_name}"] = (_help_zh, _help_en)

# Kinds of record, as a Chinese export's summary and the template guide name them.
MESSAGES.update(
    {
        "kind.parks": ("园区", "parks"),
        "kind.universities": ("高校", "universities"),
        "kind.enterprises": ("企业", "enterprises"),
        "kind.events": ("招聘会", "events"),
        "kind.positions": ("岗位", "positions"),
        "kind.graduates": ("毕业生", "graduates"),
        "kind.registrations": ("报名", "registrations"),
        "kind.wishes": ("志愿", "wishes"),
        "kind.booths": ("展位", "booths"),
        "kind.villages": ("村", "villages"),
        "kind.aid_offers": ("帮扶意向", "aid_offers"),
        "kind.jobfair_outcomes": ("招聘结果", "jobfair_outcomes"),
        "kind.aid_outcomes": ("帮扶成效", "aid_outcomes"),
        # the template's column guide: its sheet and its headers
        "guide.column": ("列名", "column"),
        "guide.header_zh": ("中文列名", "Chinese header"),
        "guide.required": ("必填", "required"),
        "guide.meaning": ("含义", "meaning"),
        "guide.format": ("格式", "format"),
        "guide.example": ("示例", "example"),
        "guide.allowed": ("允许的值", "allowed values"),
        "guide.yes": ("是", "yes"),
        "guide.no": ("否", "no"),
        "export.codes_sheet_note": ("代码", "codes"),
    }
)

# The cores' own folder files (`aid/validate.py`, `aid/files.py`, `jobfair/problem.py`, `jobfair/files.py`):
# what `aid solve DIR` and `jobfair solve DIR` say about a bad file. The file, row and column are said by
# the `where.*` messages; these say what is wrong in the cell, row or header.
MESSAGES.update(
    {
        "folder.not_found": ("找不到文件夹", "folder not found"),
        "folder.not_a_directory": ("不是文件夹", "is not a directory"),
        "folder.required_file_missing": (
            "文件夹 {folder} 中缺少这个必需的文件",
            "the required file is missing from {folder}",
        ),
        "input.more_rows_same_fault": (
            "……另有 {count} 行有同类问题",
            "… and {count} more rows with the same kind of fault",
        ),
        "input.missing_column": ("缺少必填列“{name}”", "missing required column '{name}'"),
        "input.unknown_column_of": (
            "未知的列；可用的列为：{columns}",
            "unknown column; the columns are {columns}",
        ),
        "input.required_column_absent": (
            "表头中缺少这一必填列",
            "the required column is missing from the header",
        ),
        "input.column_required": ("必须填写 {name}", "{name} is required"),
        "input.column_empty": ("{name} 为空", "{name} is empty"),
        # aid: enterprises.csv, villages.csv, pairs.csv, locks.csv and the options
        "aid_input.not_number": ("应为数字，但填写的是“{value}”", "expected a number, found '{value}'"),
        "aid_input.not_finite": (
            "应为有限的数字，但填写的是“{value}”",
            "expected a finite number, found '{value}'",
        ),
        "aid_input.negative": ("必须 ≥ 0，但填写的是“{value}”", "must be ≥ 0, found '{value}'"),
        "aid_input.not_whole": ("应为整数，但填写的是“{value}”", "expected a whole number, found '{value}'"),
        "aid_input.unknown_need": (
            "未知的帮扶需求“{value}”；请填写 {names}（或 {needs}），以 ; 分隔",
            "unknown need '{value}'; use {needs} (or {names}), separated by ';'",
        ),
        "aid_input.not_division_code": (
            "应为 {digits} 位区划代码，但填写的是“{value}”",
            "expected a {digits}-digit division code, found '{value}'",
        ),
        "aid_input.capacity_required": (
            "必须填写 capacity（年度帮扶预算，≥ 0 的数字）",
            "capacity is required (the annual aid budget, a number ≥ 0)",
        ),
        "aid_input.listed_twice": (
            "{name}“{value}”重复出现（第一次在第 {first_row} 行）",
            "{name} '{value}' is listed twice (first at row {first_row})",
        ),
        "aid_input.unknown_enterprise": (
            "未知的 enterprise_id“{value}”（不在企业名单中）",
            "unknown enterprise_id '{value}' (not in the enterprises)",
        ),
        "aid_input.unknown_village": (
            "未知的 village_id“{value}”（不在村名单中）",
            "unknown village_id '{value}' (not in the villages)",
        ),
        "aid_input.pair_twice": (
            "结对 {enterprise}–{village} 重复出现（第一次在第 {first_row} 行）",
            "pair {enterprise}–{village} is listed twice (first at row {first_row})",
        ),
        "aid_input.unknown_action": (
            "未知的操作“{value}”；请填写 fix（固定）或 forbid（禁止）",
            "unknown action '{value}'; use 'fix' or 'forbid'",
        ),
        "aid_input.action_required": (
            "必须填写 action（fix 固定或 forbid 禁止）",
            "action is required ('fix' or 'forbid')",
        ),
        "aid_input.fixed_then_forbidden": (
            "结对 {enterprise}–{village} 已在第 {first_row} 行固定，不能同时禁止",
            "pair {enterprise}–{village} is fixed at row {first_row}; it cannot also be forbidden",
        ),
        "aid_input.forbidden_then_fixed": (
            "结对 {enterprise}–{village} 已在第 {first_row} 行禁止，不能同时固定",
            "pair {enterprise}–{village} is forbidden at row {first_row}; it cannot also be fixed",
        ),
        "aid_input.village_fixed_twice": (
            "村 {village} 已在第 {first_row} 行固定给 {other}；一个村只有一家牵头企业",
            "village {village} is already fixed to {other} at row {first_row}; a village has one lead "
            "enterprise",
        ),
        "aid_input.fixed_not_listed": (
            "固定的结对 {enterprise}–{village} 不在 {pairs_file} 中，因此不是可接受的结对",
            "fixed pair {enterprise}–{village} is not listed in {pairs_file}, so it is not acceptable",
        ),
        "aid_input.minimum_unknown_park": (
            "为园区“{park}”设了最低村数，但没有企业的 park_id 是它",
            "minimum for park '{park}', but no enterprise has that park_id",
        ),
        "aid_input.minimum_unknown_county": (
            "为区县“{county}”设了最低村数，但没有企业的 county_code 是它",
            "minimum for county '{county}', but no enterprise has that county_code",
        ),
        "aid_input.no_pairs": (
            "没有给出结对文件，企业和村也没有可用于打分的画像列（capabilities、needs、county_code、"
            "township_code 等）",
            "no pairs given, and the enterprises and villages have no profile columns to score pairs "
            "from (capabilities, needs, county_code, township_code …)",
        ),
        # job fair: graduates.csv, positions.csv, the two preference files and locks.csv
        "jobfair_input.duplicate_id": (
            "{name}“{value}”重复（第一次在第 {first_row} 行）",
            "duplicate {name} '{value}' (first at row {first_row})",
        ),
        "jobfair_input.unknown_degree": (
            "未知的学历“{value}”；请填写 专科/本科/硕士/博士 或 junior_college/bachelor/master/doctor",
            "unknown degree '{value}'; use 专科/本科/硕士/博士 or junior_college/bachelor/master/doctor",
        ),
        "jobfair_input.not_place": (
            "“{value}”不是省（2 位）、市（4 位）或区县（6 位）代码",
            "'{value}' is not a province (2-digit), city (4-digit) or county (6-digit) code",
        ),
        "jobfair_input.salary_inverted": (
            "最高月薪 salary_max {high} 低于最低月薪 salary_min {low}",
            "salary_max {high} is below salary_min {low}",
        ),
        "jobfair_input.unknown_graduate": (
            "未知的毕业生“{value}”：不在 {file} 中",
            "unknown graduate '{value}': it is not in {file}",
        ),
        "jobfair_input.unknown_position": (
            "未知的岗位“{value}”：不在 {file} 中",
            "unknown position '{value}': it is not in {file}",
        ),
        "jobfair_input.twice_for_graduate": (
            "“{value}”在同一毕业生的志愿中出现了两次（第一次在第 {first_row} 行）",
            "'{value}' appears twice for the same graduate (first at row {first_row})",
        ),
        "jobfair_input.twice_for_position": (
            "“{value}”在同一岗位的排序中出现了两次（第一次在第 {first_row} 行）",
            "'{value}' appears twice for the same position (first at row {first_row})",
        ),
        "jobfair_input.unknown_action": (
            "未知的操作“{value}”；请填写 fix（固定）或 forbid（禁止）",
            "unknown action '{value}'; use fix or forbid",
        ),
        "jobfair_input.locked_twice": (
            "这一对被锁定了两次（第一次在第 {first_row} 行）",
            "the pair is locked twice (first at row {first_row})",
        ),
    }
)

# A core's option with a value it cannot take (`matching.options.option_error`); `value` is written as
# Python writes it. The names in English are the options' field names, as the tests and logs know them.
MESSAGES.update(
    {
        "option_error.time_limit": (
            "求解时限必须是正的秒数，当前为 {value}",
            "time_limit must be a positive number of seconds, got {value}",
        ),
        "option_error.workers": (
            "求解线程数至少为 1，当前为 {value}",
            "workers must be at least 1, got {value}",
        ),
        "option_error.seed": (
            "随机种子必须不小于 0 且小于 {bound}，当前为 {value}",
            "seed must be 0 or more and below {bound}, got {value}",
        ),
        "option_error.weight": (
            "权重 {name} 必须是不小于 0 的有限数字，当前为 {value}",
            "weight {name} must be a finite number ≥ 0, got {value}",
        ),
        "option_error.no_positive_weight": ("至少要有一项权重大于 0", "at least one weight must be positive"),
        "option_error.amount": (
            "{name} 必须是不小于 0 的有限数字（元），当前为 {value}",
            "{name} must be a finite number ≥ 0, got {value}",
        ),
        "option_error.poverty_reference_income": (
            "贫困参考收入必须大于 0，当前为 {value}",
            "poverty_reference_income must be > 0, got {value}",
        ),
        "option_error.candidates": (
            "{name} 必须不小于 1，或留空表示不限，当前为 {value}",
            "{name} must be ≥ 1 or None, got {value}",
        ),
        "option_error.min_villages_per_park": (
            "园区 {key} 的最低村数必须是不小于 0 的整数，当前为 {value}",
            "min_villages_per_park[{key}] must be an integer ≥ 0, got {value}",
        ),
        # for the options types of files other than `options.py` and `aid/parameters.py` (see their raises)
        "option_error.keep_tolerance": (
            "保留容差必须是 0 到 1 之间的比例，当前为 {value}",
            "keep_tolerance must be a share between 0 and 1, got {value}",
        ),
        "option_error.per_graduate": (
            "每名毕业生的推荐数至少为 1，当前为 {value}",
            "per_graduate must be at least 1, got {value}",
        ),
        "option_error.candidates_per_graduate": (
            "每名毕业生的候选岗位数至少为 1，当前为 {value}",
            "candidates_per_graduate must be at least 1, got {value}",
        ),
        "option_error.helper_counts": (
            "每村帮扶企业数和每家企业最多协助的村数都必须 ≥ 0",
            "helpers_per_village and max_helped_per_enterprise must be ≥ 0",
        ),
        "option_error.load_share": (
            "帮扶企业的预算占比必须在 0 到 1 之间，当前为 {value}",
            "load_share must be in [0, 1], got {value}",
        ),
        "option_error.helpers_need_max": (
            "帮扶企业会增加总价值，因此需要以最大化为目标（--objective max）",
            "helper enterprises add value, so they need --objective max",
        ),
        "option_error.term_years": (
            "结对期限为 1 至 {maximum} 年，当前为 {value}",
            "a pairing term is 1 to {maximum} years, got {value}",
        ),
        "option_error.min_villages_per_county": (
            "区县 {key} 的最低村数必须是不小于 0 的整数，当前为 {value}",
            "min_villages_per_county[{key}] must be an integer ≥ 0, got {value}",
        ),
    }
)
