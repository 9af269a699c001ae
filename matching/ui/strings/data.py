"""The data pages' strings: key → (Chinese, English)."""

STRINGS: dict[str, tuple[str, str]] = {
    "data.columns": ("列（* 为必填）：{columns}", "Columns (* required): {columns}"),
    "data.template.help": (
        "模板的“说明”工作表逐列说明含义、是否必填、格式、示例和允许的值（先中文，后英文）。",
        "The template's sheet “说明” explains every column: meaning, required, format, an example "
        "and the allowed values (Chinese first, then English).",
    ),
    "data.export.format": ("文件格式", "File format"),
    "data.export.format.xlsx": ("Excel 工作簿（XLSX）", "Excel workbook (XLSX)"),
    "data.export.format.csv": ("CSV 文本", "CSV text"),
    "data.export.codes": ("只导出代码（供程序读取）", "Codes only (for programs)"),
    "data.export.codes.help": (
        "默认按当前语言导出：中文表头和中文取值（如 国家级、本科）；XLSX 另附“代码”工作表，内容相同但用列名和代码。"
        "勾选后只导出代码。两种文件都可以再导入。",
        "By default the export is in your language: in Chinese, Chinese headers and values (国家级, 本科), and "
        "an XLSX file adds a sheet “代码” (codes) with the same rows as column names and codes. Tick this for the "
        "codes alone. Either file imports back.",
    ),
    "data.download.file": ("下载导出文件", "Download the export"),
}
