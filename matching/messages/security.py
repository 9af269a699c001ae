"""Messages about the audit log's integrity, demo-only commands, backups and restores."""

MESSAGES: dict[str, tuple[str, str]] = {
    # `audit verify`: one line per problem ({entries} is one id or a range of ids, "17" or "17–40")
    "audit.entry_changed": (
        "审计日志第 {entries} 条：写入后内容被改动（与其 MAC 不符）",
        "audit entry {entries}: changed after it was written (does not match its MAC)",
    ),
    "audit.entry_unkeyed": (
        "审计日志第 {entries} 条：哈希是不用审计密钥重新计算的（MAC 无效），条目被改动后重算过",
        "audit entry {entries}: hash recomputed without the audit key (not a valid MAC): edited and re-hashed",
    ),
    "audit.link_broken": (
        "审计日志第 {entry} 条：它前面的条目缺失或顺序被改动（上一条哈希不符）",
        "audit entry {entry}: the entry before it is missing or out of order (its previous hash does not match)",
    ),
    "audit.fewer_entries": (
        "审计日志只有 {count} 条，而检查点记录了 {expected} 条：有条目被删除",
        "the audit log holds {count} entries but its checkpoint recorded {expected}: entries were deleted",
    ),
    "audit.head_missing": (
        "检查点记录的最后一条（第 {position} 条，编号 {entry}，MAC {mac}…）不在审计日志中：末尾被删除或改写",
        "the checkpoint's last entry (number {position}, id {entry}, MAC {mac}…) is not in the audit log: "
        "its tail was deleted or rewritten",
    ),
    "audit.key_missing": (
        "缺少审计密钥（设置 MATCHING_AUDIT_KEY 或恢复 {path}）：无法核对 MAC",
        "the audit key is missing (set MATCHING_AUDIT_KEY or put back {path}): the MACs cannot be checked",
    ),
    "audit.key_lost": (
        "审计密钥不见了，而日志是用密钥写的：请放回该文件（或设置 MATCHING_AUDIT_KEY）；未记录也未执行",
        "the audit key is missing but the log was written with one: put the key file back (or set "
        "MATCHING_AUDIT_KEY); nothing was logged or done",
    ),
    "audit.key_mismatch": (
        "审计密钥不是写入本日志时用的那把（密钥标识 {found}，检查点记录 {expected}）",
        "the audit key is not the one this log was written with (key id {found}, the checkpoint's {expected})",
    ),
    "audit.key_refused": (
        "这不是写入本日志时用的审计密钥（密钥标识 {found}，检查点记录 {expected}）；未记录也未执行",
        "this is not the audit key the log was written with (key id {found}, the checkpoint's {expected}); "
        "nothing was logged or done",
    ),
    "audit.checkpoint_damaged": (
        "审计检查点 {path} 无法读取：{reason}",
        "the audit checkpoint {path} cannot be read: {reason}",
    ),
    "audit.key_too_short": (
        "太短：审计密钥至少 {minimum} 个字符（例如 openssl rand -hex 32）",
        "too short: an audit key has at least {minimum} characters (e.g. openssl rand -hex 32)",
    ),
    # `audit verify`: notes, not problems
    "audit.unkeyed_entries": (
        "审计日志第 {entries} 条写于启用审计密钥之前（普通 SHA-256）；其后带密钥的条目链接着它们，改动仍会被发现",
        "audit entries {entries} were written before the audit key existed (plain SHA-256); the keyed entry "
        "after them chains onto them, so a change to them is still found",
    ),
    "audit.no_checkpoint": (
        "{path} 处还没有审计检查点：在写入下一条之前，无法发现被删除的末尾条目",
        "no audit checkpoint at {path} yet: a deleted tail cannot be found until the next entry is written",
    ),
    "audit.intact": (
        "审计日志完好：{count} 条；检查点 {path}",
        "audit log intact: {count} entries; checkpoint {path}",
    ),
    "audit.broken": ("审计日志已被破坏：{count} 处问题", "audit log BROKEN: {count} problems"),
    # keys and checkpoints
    "audit.key_created": (
        "已生成审计密钥 {path}（仅本用户可读）；请与数据库分开备份：没有它就无法核对日志",
        "generated the audit key {path} (readable by its owner only); back it up apart from the database: "
        "without it the log cannot be verified",
    ),
    "audit.key_file": ("审计密钥：{path}", "audit key: {path}"),
    "audit.key_from_environment": ("审计密钥：来自 MATCHING_AUDIT_KEY", "audit key: from MATCHING_AUDIT_KEY"),
    "audit.checkpoint_retired": (
        "此路径上先前数据库的审计检查点已移到 {path}",
        "the audit checkpoint of an earlier database at this path was moved to {path}",
    ),
    "audit.checkpoint_restarted": (
        "审计检查点已按日志现状重新开始（{count} 条，另加这次重新开始的记录）：{path}",
        "the audit checkpoint now holds the log as it is ({count} entries, and this restart): {path}",
    ),
    "audit.restart_refused": (
        "审计日志不完好（{problem}）；检查点未重新开始",
        "the audit log is not intact ({problem}); the checkpoint was not restarted",
    ),
    "audit.restart_needs_yes": (
        "这会让检查点接受日志的现状；确认请加 --yes",
        "this makes the checkpoint accept the log as it now is; add --yes to confirm",
    ),
    "audit.not_empty": (
        "审计日志已有条目；只有新建的数据库才能丢弃旧检查点",
        "the audit log has entries; only a new database may set an old checkpoint aside",
    ),
    # demo databases
    "demo.not_demo_database": (
        "不是演示数据库（不是 demo seed 建立的）；拒绝重置演示数据",
        "not a demo database (demo seed did not create it); demo reset refused",
    ),
    "demo.seed_refused": (
        "其中已有不是 demo seed 写入的数据；未载入演示数据（请用空数据库）",
        "it holds data that demo seed did not write; demo data not loaded (use an empty database)",
    ),
    "demo.seed_again": (
        "其中已有演示数据；要重新载入请用 demo reset --yes",
        "it already holds the demo data; demo reset --yes loads it afresh",
    ),
    "demo.mode_refused": (
        "已设置 MATCHING_DEMO=1，但这个数据库不是 demo seed 建立的：演示模式（免登录切换角色）已关闭，请登录。",
        "MATCHING_DEMO=1 is set, but this database was not created by demo seed: demo mode (no sign-in, role "
        "switch) is off; please sign in.",
    ),
    # backups and restores
    "backup.done": (
        "已备份到 {path}（{size} 字节）；审计密钥不在其中，请另行保存",
        "backed up to {path} ({size} bytes); the audit key is not in it: keep it apart",
    ),
    "backup.postgres": (
        '这是 PostgreSQL：请用服务器自带的工具备份和恢复：pg_dump -Fc -d "$DATABASE_URL" -f matching.dump；'
        '恢复用 pg_restore --clean -d "$DATABASE_URL" matching.dump，然后运行 audit restart-checkpoint --yes',
        'for PostgreSQL use the server\'s tools: pg_dump -Fc -d "$DATABASE_URL" -f matching.dump, and '
        'pg_restore --clean -d "$DATABASE_URL" matching.dump to restore, then audit restart-checkpoint --yes',
    ),
    "restore.no_file": ("没有这个文件；未恢复", "no such file; not restored"),
    "restore.not_sqlite": ("不是 SQLite 数据库；未恢复", "not an SQLite database; not restored"),
    "restore.damaged": ("文件已损坏（{detail}）；未恢复", "the file is damaged ({detail}); not restored"),
    "restore.no_revision": (
        "不是本服务数据库的备份（没有架构版本）；未恢复",
        "not a backup of this service's database (no schema revision); not restored",
    ),
    "restore.unknown_revision": (
        "架构版本 {revision} 本版本不认识；未恢复",
        "schema revision {revision} is unknown to this version; not restored",
    ),
    "restore.schema_differs": (
        "架构与本服务的不同（{detail}）；未恢复",
        "its schema differs from this service's ({detail}); not restored",
    ),
    "restore.audit_broken": (
        "其审计日志用本机的审计密钥核对不通过（{count} 处问题，第一处：{problem}）；未恢复",
        "its audit log does not verify with this installation's audit key ({count} problems, the first: "
        "{problem}); not restored",
    ),
    "restore.done": (
        "已从 {backup} 恢复；被替换的数据库保存在 {copy}",
        "restored from {backup}; the replaced database was kept at {copy}",
    ),
    "restore.done_nothing_replaced": (
        "已从 {backup} 恢复（原先没有数据库可保存）",
        "restored from {backup} (there was no database to keep)",
    ),
}
