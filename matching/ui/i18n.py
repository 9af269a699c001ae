"""Every string the pages show goes through `t`; Chinese by default, English on request."""

from __future__ import annotations

import streamlit as st

LANGUAGES = {"zh": "中文", "en": "English"}
DEFAULT_LANGUAGE = "zh"

# key: (Chinese, English)
STRINGS: dict[str, tuple[str, str]] = {
    "app.title": ("丹东园区人岗匹配与帮扶结对", "Dandong park matching service"),
    "app.language": ("语言", "Language"),
    "app.demo_banner": (
        "演示模式：以下均为合成数据，可随意尝试。",
        "Demo mode: everything here is synthetic data; try anything.",
    ),
    "app.not_migrated": (
        "数据库尚未初始化。请先运行：python -m matching db migrate（或 make demo）。",
        "The database is not initialised. Run: python -m matching db migrate (or make demo).",
    ),
    "nav.overview": ("概览", "Overview"),
    "nav.data": ("数据", "Data"),
    "nav.parks": ("园区", "Parks"),
    "nav.enterprises": ("企业", "Enterprises"),
    "nav.positions": ("岗位", "Positions"),
    "nav.graduates": ("毕业生", "Graduates"),
    "nav.villages": ("村", "Villages"),
    "nav.aid_offers": ("帮扶意向", "Aid offers"),
    "overview.title": ("全市概览", "The city at a glance"),
    "overview.jobfair": ("民营企业高校行", "Job fairs: private enterprises go to the universities"),
    "overview.aid": ("爱心帮扶工程", "Aid pairing: enterprises adopt villages"),
    "overview.empty": (
        "还没有数据。运行 python -m matching demo seed 载入演示数据，或在“数据”页导入文件。",
        "No data yet. Run python -m matching demo seed for the demo data, or import files.",
    ),
    "metric.parks": ("园区", "Parks"),
    "metric.enterprises": ("园区企业", "Park enterprises"),
    "metric.fair_enterprises": ("参会企业", "Enterprises at the fair"),
    "metric.events": ("招聘会", "Job fairs"),
    "metric.positions": ("岗位", "Positions"),
    "metric.openings": ("招聘人数", "Openings"),
    "metric.graduates": ("毕业生", "Graduates"),
    "metric.wishes": ("志愿", "Wishes"),
    "metric.villages": ("村", "Villages"),
    "metric.aid_offers": ("{year}年帮扶企业", "Aid enterprises {year}"),
    "metric.aid_budget": ("{year}年帮扶预算（元）", "Aid budget {year} (yuan)"),
    "metric.aid_delivered": ("已投入资金（元）", "Yuan delivered"),
    "table.search": ("搜索", "Search"),
    "table.choose": ("全部", "All"),
    "table.shown": ("显示 {shown} / 共 {total} 条", "Showing {shown} of {total}"),
    "table.download": ("下载当前表格（CSV）", "Download this table (CSV)"),
    "table.empty": ("没有符合条件的记录。", "No records match."),
    "col.code": ("编号", "Code"),
    "col.name": ("名称", "Name"),
    "col.level": ("级别", "Level"),
    "col.county": ("县区", "County"),
    "col.service_centre": ("党群服务中心", "Service centre"),
    "col.enterprises": ("企业数", "Enterprises"),
    "col.credit_code": ("统一社会信用代码", "Credit code"),
    "col.park": ("园区", "Park"),
    "col.industry": ("行业", "Industry"),
    "col.section": ("门类", "Section"),
    "col.size": ("规模", "Size"),
    "col.positions": ("岗位数", "Positions"),
    "col.contact_phone": ("联系电话", "Phone"),
    "col.title": ("岗位名称", "Title"),
    "col.enterprise": ("企业", "Enterprise"),
    "col.event": ("招聘会", "Job fair"),
    "col.min_degree": ("最低学历", "Minimum degree"),
    "col.headcount": ("招聘人数", "Headcount"),
    "col.salary": ("月薪（元）", "Salary (yuan/month)"),
    "col.work_county": ("工作地", "Work location"),
    "col.accepted_majors": ("专业要求", "Accepted majors"),
    "col.university": ("高校", "University"),
    "col.province": ("省份", "Province"),
    "col.major": ("专业", "Major"),
    "col.degree": ("学历", "Degree"),
    "col.graduation_year": ("毕业年份", "Graduation year"),
    "col.home_county": ("生源地", "Home county"),
    "col.expected_salary": ("期望月薪", "Expected salary"),
    "col.wishes": ("志愿数", "Wishes"),
    "col.phone": ("电话", "Phone"),
    "col.division_code": ("区划代码", "Division code"),
    "col.township": ("乡镇/街道", "Township"),
    "col.population": ("人口", "Population"),
    "col.income_per_capita": ("人均收入（元/年）", "Income per person (yuan/year)"),
    "col.needs": ("需求", "Needs"),
    "col.year": ("年度", "Year"),
    "col.annual_budget": ("年度预算（元）", "Annual budget (yuan)"),
    "col.max_villages": ("最多结对村数", "Max villages"),
    "col.capabilities": ("可提供", "Can give"),
}


def language() -> str:
    lang = st.session_state.get("lang", DEFAULT_LANGUAGE)
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def t(key: str, **values: object) -> str:
    """The string for `key` in the user's language; the key itself if it is missing (visible in review)."""
    pair = STRINGS.get(key)
    text = key if pair is None else pair[0 if language() == "zh" else 1]
    return text.format(**values) if values else text
