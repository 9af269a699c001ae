"""A small valid DIR of the file contract, and every way of breaking it with the message it must give."""

from __future__ import annotations

import csv
import io

GRADUATES = """graduate_id,university,major_code,degree,home_county,preferred_places,preferred_industries,expected_salary
007,辽东学院,080901,本科,210602,2106;21,C,6000
g2,大连理工大学,080902,硕士,210102,210602,I;65,8000
g3,沈阳大学,050201,专科,210681,,,4000
"""
POSITIONS = """position_id,enterprise_id,capacity,title,accepted_majors,min_degree,salary_min,salary_max,work_county,industry_code
p1,e1,1,软件工程师,0809,本科,6000,9000,210602,6511
p2,e1,1,测试工程师,08,专科,4000,6000,210603,6511
p3,e2,1,外贸专员,,专科,4000,5000,210681,5181
"""
GRADUATE_PREFERENCES = """graduate_id,position_id,rank
007,p1,1
007,p2,2
g2,p1,1
g3,p3,1
"""
POSITION_PREFERENCES = """position_id,graduate_id,rank
p1,g2,1
p1,007,2
p2,007,1
p3,g3,1
"""
LOCKS = """graduate_id,position_id,action
g3,p3,forbid
"""
FILES = {
    "graduates.csv": GRADUATES,
    "positions.csv": POSITIONS,
    "graduate_preferences.csv": GRADUATE_PREFERENCES,
    "position_preferences.csv": POSITION_PREFERENCES,
    "locks.csv": LOCKS,
}


def replace_line(text: str, line: int, new: str) -> str:
    lines = text.splitlines()
    lines[line - 1] = new
    return "\n".join(lines) + "\n"


def drop_column(text: str, column: str) -> str:
    rows = list(csv.reader(io.StringIO(text)))
    index = rows[0].index(column)
    return "".join(",".join(r[:index] + r[index + 1 :]) + "\n" for r in rows)


ERRORS: list[tuple[str, str, str, str]] = [
    # (file, how to break it: line number and new text, or a special edit), expected message
    (
        "graduates.csv",
        "drop:graduate_id",
        "",
        "graduates.csv, column 'graduate_id': the required column is missing",
    ),
    (
        "graduates.csv",
        "3",
        ",x,080902,硕士,210102,,,",
        "graduates.csv, row 3, column 'graduate_id': graduate_id is empty",
    ),
    (
        "graduates.csv",
        "3",
        "007,x,080902,硕士,210102,,,",
        "graduates.csv, row 3, column 'graduate_id': duplicate graduate_id '007' (first at row 2)",
    ),
    (
        "graduates.csv",
        "3",
        "g2,x,0809,硕士,210102,,,",
        "graduates.csv, row 3, column 'major_code': '0809' is not a 2024 major code",
    ),
    (
        "graduates.csv",
        "3",
        "g2,x,080902,学士,210102,,,",
        "graduates.csv, row 3, column 'degree': unknown degree '学士'; use 专科/本科/硕士/博士",
    ),
    (
        "graduates.csv",
        "3",
        "g2,x,080902,硕士,2101,,,",
        "graduates.csv, row 3, column 'home_county': '2101' is not a 6-digit county code",
    ),
    (
        "graduates.csv",
        "3",
        "g2,x,080902,硕士,210102,21;21060,,",
        "graduates.csv, row 3, column 'preferred_places': '21060' is not a province",
    ),
    (
        "graduates.csv",
        "4",
        "g3,x,050201,专科,210681,,C;ZZ,",
        "graduates.csv, row 4, column 'preferred_industries': 'ZZ' is not a GB/T 4754-2017 industry code",
    ),
    (
        "graduates.csv",
        "4",
        "g3,x,050201,专科,210681,,,lots",
        "graduates.csv, row 4, column 'expected_salary': 'lots' is not a number",
    ),
    (
        "graduates.csv",
        "4",
        "g3,x,050201,专科,210681,,,-5",
        "graduates.csv, row 4, column 'expected_salary': -5 is below the minimum 0",
    ),
    (
        "positions.csv",
        "drop:capacity",
        "",
        "positions.csv, column 'capacity': the required column is missing",
    ),
    (
        "positions.csv",
        "drop:enterprise_id",
        "",
        "positions.csv, column 'enterprise_id': the required column is missing",
    ),
    (
        "positions.csv",
        "3",
        ",e1,1,t,08,专科,4000,6000,210603,6511",
        "positions.csv, row 3, column 'position_id': position_id is empty",
    ),
    (
        "positions.csv",
        "3",
        "p1,e1,1,t,08,专科,4000,6000,210603,6511",
        "positions.csv, row 3, column 'position_id': duplicate position_id 'p1' (first at row 2)",
    ),
    (
        "positions.csv",
        "3",
        "p2,,1,t,08,专科,4000,6000,210603,6511",
        "positions.csv, row 3, column 'enterprise_id': enterprise_id is empty",
    ),
    (
        "positions.csv",
        "3",
        "p2,e1,,t,08,专科,4000,6000,210603,6511",
        "positions.csv, row 3, column 'capacity': capacity is empty",
    ),
    (
        "positions.csv",
        "3",
        "p2,e1,2.5,t,08,专科,4000,6000,210603,6511",
        "positions.csv, row 3, column 'capacity': '2.5' is not a whole number",
    ),
    (
        "positions.csv",
        "3",
        "p2,e1,many,t,08,专科,4000,6000,210603,6511",
        "positions.csv, row 3, column 'capacity': 'many' is not a whole number",
    ),
    (
        "positions.csv",
        "3",
        "p2,e1,-1,t,08,专科,4000,6000,210603,6511",
        "positions.csv, row 3, column 'capacity': -1 is below the minimum 0",
    ),
    (
        "positions.csv",
        "3",
        "p2,e1,1,t,08;0809012,专科,4000,6000,210603,6511",
        "positions.csv, row 3, column 'accepted_majors': '0809012' is not a major",
    ),
    (
        "positions.csv",
        "3",
        "p2,e1,1,t,08,中专,4000,6000,210603,6511",
        "positions.csv, row 3, column 'min_degree': unknown degree '中专'",
    ),
    (
        "positions.csv",
        "3",
        "p2,e1,1,t,08,专科,4k,6000,210603,6511",
        "positions.csv, row 3, column 'salary_min': '4k' is not a number",
    ),
    (
        "positions.csv",
        "3",
        "p2,e1,1,t,08,专科,7000,6000,210603,6511",
        "positions.csv, row 3, column 'salary_max': salary_max 6000 is below salary_min 7000",
    ),
    (
        "positions.csv",
        "3",
        "p2,e1,1,t,08,专科,4000,6000,21060X,6511",
        "positions.csv, row 3, column 'work_county': '21060X' is not a 6-digit county code",
    ),
    (
        "positions.csv",
        "3",
        "p2,e1,1,t,08,专科,4000,6000,210603,6510",
        "positions.csv, row 3, column 'industry_code': '6510' is not a GB/T 4754-2017 industry code",
    ),
    (
        "graduate_preferences.csv",
        "drop:rank",
        "",
        "graduate_preferences.csv, column 'rank': the required column is missing",
    ),
    (
        "graduate_preferences.csv",
        "3",
        "007,p9,2",
        "graduate_preferences.csv, row 3, column 'position_id': unknown position 'p9': it is not in positions.csv",
    ),
    (
        "graduate_preferences.csv",
        "3",
        "g9,p2,2",
        "graduate_preferences.csv, row 3, column 'graduate_id': unknown graduate 'g9': it is not in graduates.csv",
    ),
    (
        "graduate_preferences.csv",
        "3",
        ",p2,2",
        "graduate_preferences.csv, row 3, column 'graduate_id': graduate_id is empty",
    ),
    (
        "graduate_preferences.csv",
        "3",
        "007,p2,0",
        "graduate_preferences.csv, row 3, column 'rank': 0 is below the minimum 1",
    ),
    (
        "graduate_preferences.csv",
        "3",
        "007,p2,second",
        "graduate_preferences.csv, row 3, column 'rank': 'second' is not a whole number",
    ),
    (
        "graduate_preferences.csv",
        "3",
        "007,p2,",
        "graduate_preferences.csv, row 3, column 'rank': rank is empty",
    ),
    (
        "graduate_preferences.csv",
        "3",
        "007,p1,2",
        "graduate_preferences.csv, row 3, column 'position_id': 'p1' appears twice for the same graduate (first at row 2)",
    ),
    (
        "position_preferences.csv",
        "3",
        "p1,g9,2",
        "position_preferences.csv, row 3, column 'graduate_id': unknown graduate 'g9'",
    ),
    (
        "position_preferences.csv",
        "3",
        "p1,g2,2",
        "position_preferences.csv, row 3, column 'graduate_id': 'g2' appears twice for the same position (first at row 2)",
    ),
    (
        "position_preferences.csv",
        "3",
        "p1,007,1.5",
        "position_preferences.csv, row 3, column 'rank': '1.5' is not a whole number",
    ),
    (
        "locks.csv",
        "2",
        "g3,p3,ban",
        "locks.csv, row 2, column 'action': unknown action 'ban'; use fix or forbid",
    ),
    ("locks.csv", "2", "g3,p7,forbid", "locks.csv, row 2, column 'position_id': unknown position 'p7'"),
    ("locks.csv", "drop:action", "", "locks.csv, column 'action': the required column is missing"),
    (
        "locks.csv",
        "append",
        "g3,p3,fix",
        "locks.csv, row 3, column 'position_id': the pair is locked twice (first at row 2)",
    ),
    (
        "locks.csv",
        "append",
        "g3,p1,fix\ng3,p2,fix",
        "locks.csv, row 4, column 'graduate_id': graduate 'g3' is already fixed to a position at row 3",
    ),
    (
        "locks.csv",
        "append",
        "g2,p1,fix\n007,p1,fix",
        "locks.csv, row 4, column 'position_id': position 'p1' has 2 fixed graduates but room for 1: raise its capacity in positions.csv to 2",
    ),
]


def edited_files(file: str, edit: str, new: str) -> dict[str, str]:
    """FILES with one file broken: `edit` is a line number to replace with `new`, 'drop:<column>', or
    'append' (add `new` as rows)."""
    files = dict(FILES)
    text = FILES[file]
    if edit.startswith("drop:"):
        files[file] = drop_column(text, edit.removeprefix("drop:"))
    elif edit == "append":
        files[file] = text + new + "\n"
    else:
        files[file] = replace_line(text, int(edit), new)
    return files
