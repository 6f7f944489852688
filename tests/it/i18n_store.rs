//! The store's own messages in Chinese (issue 12: the last words built under `src/store/`):
//! a damaged or unusable database file, a `--db` URL refused before any connection, a user
//! name refused, and `backup` on a server. Each is asserted exactly, with its exit code, and
//! English beside it stays as it was.

use crate::workdir::Workdir;

/// ipguard in `wd` on the server `url`, without the Workdir's IPGUARD_ACTOR (refused there):
/// exit code and stderr. Nothing here reaches a server: each is refused before connecting.
fn on_server(wd: &Workdir, url: &str, args: &[&str]) -> (i32, String) {
    let mut all = vec!["--db", url];
    all.extend_from_slice(args);
    let out = wd
        .std_cmd(&all)
        .env_remove("IPGUARD_ACTOR")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run ipguard");
    assert!(out.stdout.is_empty(), "{}", String::from_utf8_lossy(&out.stdout));
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_damaged_or_unusable_database_file_in_chinese() {
    let wd = Workdir::new();
    assert_eq!(
        wd.fails(&["--lang", "zh", "--db", "/dev/null", "station", "list"], 1),
        "错误：无法打开数据库 /dev/null：它不是普通文件（是设备或管道）：请用 --db 指定数据库文件\n"
    );
    assert_eq!(
        wd.fails(
            &[
                "--lang",
                "zh",
                "--db",
                "no/such/x.db",
                "station",
                "add",
                "CQ-B",
                "--name",
                "乙站",
                "--on",
                "2024-01-05"
            ],
            1
        ),
        "错误：无法打开数据库 no/such/x.db：目录 no/such 不存在\n"
    );
    wd.ok(&["station", "add", "CQ-A", "--name", "甲站", "--on", "2024-01-05"]);
    rusqlite::Connection::open(wd.db())
        .unwrap()
        // Written past the front door on purpose (damage): a schema version no ipguard writes.
        .pragma_update(None, "user_version", -1)
        .unwrap();
    assert_eq!(
        wd.refused(&["--lang", "zh", "station", "list"], 5),
        format!(
            "错误：数据库 {} 的结构版本不可能（-1）：文件已损坏或被改动；请从备份恢复\n",
            wd.db().display()
        )
    );
    rusqlite::Connection::open(wd.db())
        .unwrap()
        // A version from a newer ipguard.
        .pragma_update(None, "user_version", 99)
        .unwrap();
    let err = wd.refused(&["--lang", "zh", "station", "list"], 1);
    assert!(
        err.starts_with(&format!(
            "错误：数据库 {} 由更新版本的 ipguard 写入（结构版本 99；本 ipguard 最高支持 ",
            wd.db().display()
        )),
        "{err}"
    );
    assert!(err.ends_with("）：请升级 ipguard 后再打开\n"), "{err}");
}

#[test]
fn a_stored_value_ipguard_never_wrote_in_chinese() {
    let wd = Workdir::new();
    wd.ok(&["station", "add", "CQ-A", "--name", "甲站", "--on", "2024-01-05"]);
    wd.ok(&[
        "case",
        "add",
        "--id",
        "CQ-A-2024-0001",
        "--station",
        "CQ-A",
        "--enterprise",
        "甲公司",
        "--received",
        "2024-03-01",
    ]);
    rusqlite::Connection::open(wd.db())
        .unwrap()
        // Written past the front door on purpose (damage): an id no command accepts.
        .execute("UPDATE cases SET id = 'bad id'", [])
        .unwrap();
    let out = wd.run(&["--lang", "zh", "score", "--all", "--period", "2024"]);
    assert_eq!(out.code, 5, "{}", out.stderr);
    assert!(
        out.stderr.starts_with("错误：数据库已损坏：存储的"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .ends_with("（请运行 `ipguard check`，并从备份恢复该文件）\n"),
        "{}",
        out.stderr
    );
    let out = wd.run(&["--lang", "en", "score", "--all", "--period", "2024"]);
    assert_eq!(out.code, 5, "{}", out.stderr);
    assert!(
        out.stderr
            .starts_with("error: the database is damaged: a stored "),
        "{}",
        out.stderr
    );
}

#[test]
fn a_db_url_refused_in_chinese() {
    let wd = Workdir::new();
    let cases = [
        (
            "postgres://u:secret@127.0.0.1:1/d",
            "错误：--db 的 URL 中带有密码：请改在 PGPASSWORD 或 ~/.pgpass 中提供，切勿写在命令行上\n",
        ),
        (
            "postgres://u@127.0.0.1:99999/d",
            "错误：服务器端口 `99999` 不是 1 到 65535 之间的数字\n",
        ),
        (
            "postgres://u@127.0.0.1:1/d?options=-c",
            "错误：--db 的 URL 中有参数 `options`：ipguard 只读取 sslmode、sslrootcert、host、port、user、dbname、connect_timeout 和 application_name\n",
        ),
        (
            "postgres://u@127.0.0.1:1/d?sslmode=strict",
            "错误：sslmode `strict` 不是 disable、allow、prefer、require、verify-ca、verify-full 之一\n",
        ),
        (
            "postgres://u@127.0.0.1:1/%zz",
            "错误：--db 的 URL 中有一个 % 后面不是两位十六进制数字\n",
        ),
    ];
    for (url, want) in cases {
        assert_eq!(
            on_server(&wd, url, &["--lang", "zh", "case", "list"]),
            (2, want.to_string()),
            "{url}"
        );
    }
    // English stays as it was.
    assert_eq!(
        on_server(
            &wd,
            "postgres://u@127.0.0.1:99999/d",
            &["--lang", "en", "case", "list"]
        ),
        (
            2,
            "error: the server's port `99999` is not a number from 1 to 65535\n".to_string()
        )
    );
    // Nobody listens on port 1: the connection itself fails, named in Chinese.
    let (code, err) = on_server(
        &wd,
        "postgres://u@127.0.0.1:1/d?sslmode=disable&connect_timeout=2",
        &["--lang", "zh", "case", "list"],
    );
    assert_eq!(code, 1, "{err}");
    assert!(err.starts_with("错误：无法连接服务器 u@127.0.0.1:1/d："), "{err}");
    assert!(!wd.db().exists());
}

#[test]
fn a_user_name_refused_in_chinese() {
    let wd = Workdir::new();
    let url = "postgres://nobody@127.0.0.1:1/none";
    assert_eq!(
        on_server(
            &wd,
            url,
            &[
                "--lang",
                "zh",
                "user",
                "add",
                "Bad-Name",
                "--office",
                "--password-stdin"
            ]
        ),
        (
            2,
            "错误：用户名 `Bad-Name` 不允许：请使用小写字母 a-z、数字和 _，以字母开头，最多 63 个字符\n"
                .to_string()
        )
    );
    assert_eq!(
        on_server(&wd, url, &["--lang", "zh", "user", "remove", "pg_monitor"]),
        (
            2,
            "错误：用户名 `pg_monitor` 是保留名（pg_…、ipguard_… 和 public 不能作为用户）：请另选一个\n"
                .to_string()
        )
    );
    assert_eq!(
        on_server(
            &wd,
            url,
            &["--lang", "en", "user", "add", "Bad-Name", "--office", "--password-stdin"]
        ),
        (
            2,
            "error: the user name `Bad-Name` is not allowed: use lowercase letters a-z, digits and _, starting with a letter, at most 63\n"
                .to_string()
        )
    );
}

#[test]
fn backup_on_a_server_in_chinese() {
    let db = crate::pg::Db::new();
    db.init();
    let url = db.url(&db.owner);
    let copy = db.home.path().join("copy.db");
    let (code, out, err) =
        crate::pg::out(&mut db.cmd(&url, &["--lang", "zh", "backup", copy.to_str().unwrap()]));
    assert_eq!((code, out.as_str()), (2, ""));
    assert_eq!(
        err,
        "错误：服务器用 pg_dump 备份，而不是 `ipguard backup`（见 docs/server.md）\n"
    );
    assert!(!copy.exists());
}
