//! The server refusals in Chinese that a file's Workdir meets: its `IPGUARD_ACTOR` refused
//! when `--db` names a server, `server init` refused on a file.

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
