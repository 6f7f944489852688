//! The file-only messages in Chinese: a missing database file, a backup's name taken.

use crate::i18n::station;
use crate::workdir::Workdir;

#[test]
fn a_missing_database_is_said_in_chinese() {
    let wd = Workdir::new();
    let db = wd.db();
    let db = db.display();
    assert_eq!(
        wd.fails(&["--lang", "zh", "case", "list"], 1),
        format!("错误：{db} 处没有数据库（可用 `ipguard station add` 或 `ipguard import` 创建，或检查 --db 和 IPGUARD_DB）\n")
    );
    assert_eq!(
        wd.fails(&["case", "list"], 1),
        format!("error: no database at {db} (create one with `ipguard station add` or `ipguard import`, or check --db and IPGUARD_DB)\n")
    );
}

#[test]
fn a_backup_file_already_there_in_chinese() {
    let wd = Workdir::new();
    station(&wd);
    let there = wd.write("copy.db", "x");
    let shown = there.display();
    assert_eq!(
        wd.refused(&["--lang", "zh", "backup", there.to_str().unwrap()], 3),
        format!("错误：{shown} 已存在：请另选文件名（备份从不覆盖）\n")
    );
}
