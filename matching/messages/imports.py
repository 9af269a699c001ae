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
