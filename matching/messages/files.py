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

# Reading a file (`matching/csvfiles.py`, `services/tabular.py`) and writing one out.
MESSAGES.update(
    {
        "file.not_found": ("找不到文件", "file not found"),
        "file.is_folder": ("是文件夹，不是 CSV 文件", "is a folder, not a CSV file"),
        "file.cannot_read": ("无法读取（{reason}）", "cannot be read ({reason})"),
        "file.empty": ("文件为空，需要有表头行", "the file is empty; it needs a header row"),
        "file.is_zip": (
            "是 XLSX 工作簿或 zip 压缩包，不是 CSV 文件",
            "is an XLSX workbook or a zip archive, not a CSV file",
        ),
        "file.utf16": (
            "是 UTF-16 文本，不是 UTF-8 或 GB18030；请另存为“CSV UTF-8”",
            "is UTF-16 text, not UTF-8 or GB18030; save the file as CSV UTF-8",
        ),
        "file.binary": ("是二进制文件，不是 CSV 文本文件", "is a binary file, not a CSV text file"),
        "file.not_text": (
            "不是 UTF-8 或 GB18030 编码的文本（第 {line} 行的字节 0x{byte}）；请另存为“CSV UTF-8”",
            "is not text in UTF-8 or GB18030 (byte 0x{byte} in line {line}); save the file as CSV UTF-8",
        ),
        "file.too_many_fields": (
            "该行有 {fields} 个字段，但表头只有 {width} 个",
            "the row has {fields} fields but the header has {width}",
        ),
        "file.unclosed_quote": (
            '从这一行开始的带引号单元格没有结束（缺少一个 "）',
            'a quoted cell starting in this row is never closed (a " is missing)',
        ),
        "file.cell_too_long": ("有单元格超过 {limit} 个字符", "a cell is longer than {limit} characters"),
        "file.unreadable_csv": ("不是可读的 CSV 文件：{reason}", "is not a readable CSV file: {reason}"),
        "file.header_not_first": ("表头必须在第一行", "the header must be the first row"),
        "file.header_unnamed": ("表头第 {position} 列没有列名", "header column {position} has no name"),
        "file.header_twice": ("该列在表头中出现了两次", "the column appears twice in the header"),
        "file.unsupported_type": (
            "不支持的文件类型“{suffix}”；请使用 .csv 或 .xlsx",
            "unsupported file type '{suffix}'; use .csv or .xlsx",
        ),
        "file.too_many_rows": (
            "超过 {maximum} 行；请拆分为较小的文件",
            "has more than {maximum} rows; split it into smaller files",
        ),
        "file.too_large": (
            "超过 {megabytes} MB；请拆分为较小的文件",
            "is larger than {megabytes} MB; split it into smaller files",
        ),
        "file.too_many_columns": ("超过 {maximum} 列", "has more than {maximum} columns"),
        "file.not_xlsx": (
            "不是 XLSX 工作簿（内容不是 zip 压缩包）",
            "is not an XLSX workbook (its content is not a zip archive)",
        ),
        "file.damaged_xlsx": ("是损坏的 XLSX 工作簿", "is a damaged XLSX workbook"),
        "file.too_many_parts": (
            "内部有 {count} 个部件；XLSX 工作表不需要这么多",
            "has {count} parts inside; an XLSX sheet needs far fewer",
        ),
        "file.unpacks_too_large": (
            "解压后为 {megabytes} MB；最多 {maximum} MB",
            "unpacks to {megabytes} MB; at most {maximum} MB",
        ),
        "file.zip_bomb": (
            "部件“{part}”的压缩比异常高（疑似 zip 炸弹）",
            "part '{part}' is compressed suspiciously well (zip bomb?)",
        ),
        "file.unreadable_xlsx": (
            "不是可读的 XLSX 工作簿（{reason}）",
            "not a readable XLSX workbook ({reason})",
        ),
        "file.folder_missing": ("文件夹 {folder} 不存在", "the folder {folder} does not exist"),
        "file.is_folder_to_write": ("是文件夹；请指定要写入的文件", "is a folder; name a file to write"),
        "file.cannot_write": ("无法写入（{reason}）", "cannot be written ({reason})"),
        "file.unknown_format": (
            "未知的文件格式“{format}”；请使用 csv 或 xlsx",
            "unknown file format '{format}'; use csv or xlsx",
        ),
    }
)
