//! The file-only refusals in Chinese: output files refused by role (a backup's directory, the
//! database file itself and its -wal), and the server refusals a file's Workdir meets (its
//! `IPGUARD_ACTOR` when `--db` names a server, `server init` on a file).

use crate::i18n_more::station;
use crate::workdir::Workdir;

#[test]
fn server_refusals_in_chinese() {
    let wd = Workdir::new();
    // Refused before any connection is tried: no server is needed.
    let url = "postgres://nobody@127.0.0.1:1/none";
    // The records' commands work on a server; the Workdir's IPGUARD_ACTOR is refused there.
    assert_eq!(
        wd.fails(&["--lang", "zh", "--db", url, "case", "list"], 2),
        "错误：服务器上不接受 --actor（IPGUARD_ACTOR）：审计日志记录登录的角色\n"
    );
    assert_eq!(
        wd.fails(
            &["--lang", "zh", "--db", url, "--actor", "someone", "user", "list"],
            2
        ),
        "错误：服务器上不接受 --actor（IPGUARD_ACTOR）：审计日志记录登录的角色\n"
    );
    assert_eq!(
        wd.fails(&["--lang", "zh", "server", "init"], 2),
        "错误：此命令在服务器上运行：请给出 --db postgres://USER@HOST[:PORT]/DB（或 IPGUARD_DB）\n"
    );
    assert_eq!(
        wd.fails(&["--lang", "en", "--db", url, "case", "list"], 2),
        "error: --actor (IPGUARD_ACTOR) is refused on a server: the audit log records the role logged in\n"
    );
    assert!(!wd.db().exists());
}

#[test]
fn output_files_refused_by_role_in_chinese() {
    let wd = Workdir::new();
    station(&wd);
    assert_eq!(
        wd.refused(&["--lang", "zh", "backup", "no/such/dir/copy.db"], 1),
        "错误：无法写入备份 no/such/dir/copy.db：目录 no/such/dir 不存在\n"
    );
    assert_eq!(
        wd.refused(&["--lang", "zh", "export", "cases", "-o", "none/x.csv"], 1),
        "错误：无法写入文件 none/x.csv：目录 none 不存在\n"
    );
    assert_eq!(
        wd.refused(
            &["--lang", "zh", "export", "cases", "-o", "ipguard.db", "--force"],
            3
        ),
        "错误：ipguard.db 是数据库本身：请把输出写到另一个文件\n"
    );
    assert_eq!(
        wd.refused(
            &[
                "--lang",
                "zh",
                "export",
                "cases",
                "-o",
                "ipguard.db-wal",
                "--force"
            ],
            3
        ),
        "错误：ipguard.db-wal 是数据库的 wal 文件：请把输出写到另一个文件\n"
    );
    // English stays as it was.
    assert_eq!(
        wd.refused(&["--lang", "en", "backup", "no/such/dir/copy.db"], 1),
        "error: cannot write the backup no/such/dir/copy.db: the directory no/such/dir does not exist\n"
    );
    assert_eq!(
        wd.refused(
            &[
                "--lang",
                "en",
                "export",
                "cases",
                "-o",
                "ipguard.db-wal",
                "--force"
            ],
            3
        ),
        "error: ipguard.db-wal is the database's wal file: write the output to another file\n"
    );
}
