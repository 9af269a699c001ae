"""Messages about what an imported or exported file may contain: control characters, codes, formulas."""

MESSAGES: dict[str, tuple[str, str]] = {
    "file.control_character": (
        "含有不可见的控制字符 {char}，请删除后再导入",
        "contains an invisible control character {char}; remove it and import again",
    ),
    "major.not_a_code": (
        "“{value}”不是 2024 年本科专业代码（6 位数字，可带 T/K/TK 后缀，如 080901）",
        "'{value}' is not a 2024 major code (6 digits, optional T, K or TK suffix, e.g. 080901)",
    ),
    "major.not_a_prefix": (
        "“{value}”不是专业（080901）、专业类（0809）或学科门类（08）代码",
        "'{value}' is not a major (080901), major class (0809) or discipline (08) code",
    ),
    "major.unknown_class": (
        "“{value}”的前四位 {class_code} 不是 2024 年本科专业目录中的专业类",
        "'{value}': {class_code} is not a major class (专业类) of the 2024 catalogue",
    ),
    "major.unknown_discipline": (
        "“{value}”不是 2024 年本科专业目录中的学科门类",
        "'{value}' is not a discipline (学科门类) of the 2024 catalogue",
    ),
    "major.no_major_number": (
        "“{value}”不是专业代码：末两位 00 不对应任何专业；整个专业类请写 {class_code}",
        "'{value}' names no major (its last two digits are 00); for the whole class write {class_code}",
    ),
    "major.wrong_suffix": (
        "“{value}”应写作 {code}（{name}）",
        "'{value}' is written {code} ({name}) in the 2024 catalogue",
    ),
}
