//! A throwaway PostgreSQL cluster for the server tests: `initdb` and `pg_ctl` with the data
//! in a temporary directory, its Unix socket there and TLS on 127.0.0.1 at a free port (with a
//! certificate made here for `localhost` by a CA made here), run as the `postgres` user when
//! the tests run as root (PostgreSQL refuses root). Started once per test binary; a watchdog
//! process stops it and removes the directory when the test binary ends, however it ends.
//! Without PostgreSQL the server tests fail with a message naming the Debian package.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

pub struct Cluster {
    /// The temporary directory: data/, the socket, the certificates.
    pub dir: PathBuf,
    pub port: u16,
    /// The CA that signed the server's certificate (for sslrootcert).
    pub ca: PathBuf,
    /// Another CA, that signed nothing the server has.
    pub other_ca: PathBuf,
}

static CLUSTER: OnceLock<Result<Cluster, String>> = OnceLock::new();

/// The cluster, started on first use. Panics, naming the package, when PostgreSQL is missing.
pub fn cluster() -> &'static Cluster {
    match CLUSTER.get_or_init(start) {
        Ok(c) => c,
        Err(e) => panic!("{e}"),
    }
}

/// `initdb` and `pg_ctl`: on `path` (PATH), else in `lib`/<version>/bin (Debian keeps them in
/// /usr/lib/postgresql/15/bin). Without them, the message names the package to install.
pub fn binaries(path: Option<&std::ffi::OsStr>, lib: &Path) -> Result<(PathBuf, PathBuf), String> {
    let find = |name: &str| -> Option<PathBuf> {
        if let Some(path) = path {
            for dir in std::env::split_paths(path) {
                let p = dir.join(name);
                if p.is_file() {
                    return Some(p);
                }
            }
        }
        let mut versions: Vec<PathBuf> = std::fs::read_dir(lib)
            .ok()?
            .filter_map(|e| e.ok().map(|e| e.path().join("bin").join(name)))
            .filter(|p| p.is_file())
            .collect();
        versions.sort();
        versions.pop()
    };
    match (find("initdb"), find("pg_ctl")) {
        (Some(i), Some(p)) => Ok((i, p)),
        _ => Err("the server tests need PostgreSQL (initdb and pg_ctl): install the Debian package `postgresql` (apt-get install postgresql)".into()),
    }
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

/// A command run as the cluster's OS user.
fn as_pg_user(program: &Path) -> Command {
    if is_root() {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(program);
        c
    } else {
        Command::new(program)
    }
}

fn run(mut c: Command, what: &str) -> Result<(), String> {
    let out = c.output().map_err(|e| format!("{what}: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "{what} failed: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(())
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port on 127.0.0.1")
}

fn start() -> Result<Cluster, String> {
    let path = std::env::var_os("PATH");
    let (initdb, pg_ctl) = binaries(path.as_deref(), Path::new("/usr/lib/postgresql"))?;
    let root = is_root();
    // As root the cluster runs as postgres, which must reach the directory: /tmp, whatever
    // TMPDIR says (it may be inside root's home).
    let parent = if root {
        PathBuf::from("/tmp")
    } else {
        std::env::temp_dir()
    };
    let dir = tempfile::Builder::new()
        .prefix("ipguard-pg-")
        .tempdir_in(parent)
        .map_err(|e| e.to_string())?
        .keep();
    // Certificates: a CA, the server's for `localhost` signed by it, and an unrelated CA.
    let ca_key = rcgen::KeyPair::generate().map_err(|e| e.to_string())?;
    let mut ca_params = rcgen::CertificateParams::new(Vec::<String>::new()).map_err(|e| e.to_string())?;
    ca_params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    ca_params
        .distinguished_name
        .push(rcgen::DnType::CommonName, "ipguard test CA");
    let ca_cert = ca_params.self_signed(&ca_key).map_err(|e| e.to_string())?;
    let issuer = rcgen::Issuer::new(ca_params, ca_key);
    let server_key = rcgen::KeyPair::generate().map_err(|e| e.to_string())?;
    let server_params =
        rcgen::CertificateParams::new(vec!["localhost".to_string()]).map_err(|e| e.to_string())?;
    let server_cert = server_params
        .signed_by(&server_key, &issuer)
        .map_err(|e| e.to_string())?;
    let other_key = rcgen::KeyPair::generate().map_err(|e| e.to_string())?;
    let mut other_params = rcgen::CertificateParams::new(Vec::<String>::new()).map_err(|e| e.to_string())?;
    other_params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    let other_cert = other_params.self_signed(&other_key).map_err(|e| e.to_string())?;
    let ca = dir.join("ca.pem");
    let other_ca = dir.join("other-ca.pem");
    std::fs::write(&ca, ca_cert.pem()).map_err(|e| e.to_string())?;
    std::fs::write(&other_ca, other_cert.pem()).map_err(|e| e.to_string())?;
    std::fs::write(dir.join("server.crt"), server_cert.pem()).map_err(|e| e.to_string())?;
    std::fs::write(dir.join("server.key"), server_key.serialize_pem()).map_err(|e| e.to_string())?;
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir.join("server.key"), std::fs::Permissions::from_mode(0o600))
            .map_err(|e| e.to_string())?;
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).map_err(|e| e.to_string())?;
    }
    if root {
        let mut c = Command::new("chown");
        c.args(["-R", "postgres:postgres"]).arg(&dir);
        run(c, "chown the cluster directory to postgres")?;
    }
    let data = dir.join("data");
    let mut c = as_pg_user(&initdb);
    c.arg("-D")
        .arg(&data)
        .args([
            "-U",
            "postgres",
            "--auth-local=trust",
            "--auth-host=scram-sha-256",
            "-E",
            "UTF8",
            "--no-locale",
        ])
        .stdout(Stdio::null());
    run(c, "initdb")?;
    // The socket is trusted (tests connect as any role there); TCP needs TLS and a password.
    let hba = "local all all trust\nhostssl all all 127.0.0.1/32 scram-sha-256\nhostnossl all all 127.0.0.1/32 reject\n";
    let hba_path = data.join("pg_hba.conf");
    std::fs::write(&hba_path, hba).map_err(|e| e.to_string())?;
    if root {
        let mut c = Command::new("chown");
        c.args(["postgres:postgres"]).arg(&hba_path);
        run(c, "chown pg_hba.conf")?;
    }
    let port = free_port();
    let opts = format!(
        "-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories={} -c ssl=on \
         -c ssl_cert_file={} -c ssl_key_file={} -c fsync=off -c synchronous_commit=off \
         -c full_page_writes=off -c max_connections=60 -c shared_buffers=32MB",
        dir.display(),
        dir.join("server.crt").display(),
        dir.join("server.key").display()
    );
    let mut c = as_pg_user(&pg_ctl);
    c.arg("-D")
        .arg(&data)
        .args(["-w", "-l"])
        .arg(dir.join("server.log"))
        .args(["-o", &opts, "start"])
        .stdout(Stdio::null());
    if let Err(e) = run(c, "pg_ctl start") {
        let log = std::fs::read_to_string(dir.join("server.log")).unwrap_or_default();
        return Err(format!("{e}\n{log}"));
    }
    watchdog(&pg_ctl, &data, &dir, root);
    Ok(Cluster {
        dir,
        port,
        ca,
        other_ca,
    })
}

/// Stops the cluster and removes its directory once this test process has ended.
fn watchdog(pg_ctl: &Path, data: &Path, dir: &Path, root: bool) {
    let stop = if root {
        format!(
            "runuser -u postgres -- '{}' -D '{}' -m immediate stop",
            pg_ctl.display(),
            data.display()
        )
    } else {
        format!("'{}' -D '{}' -m immediate stop", pg_ctl.display(), data.display())
    };
    let script = format!(
        "while kill -0 {pid} 2>/dev/null; do sleep 0.5; done; {stop} >/dev/null 2>&1; rm -rf '{dir}'",
        pid = std::process::id(),
        dir = dir.display()
    );
    // Not waited for: it outlives this process by design.
    #[allow(clippy::zombie_processes)]
    let _watchdog = Command::new("sh")
        .args(["-c", &script])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the cluster's watchdog");
}

static NEXT: AtomicUsize = AtomicUsize::new(0);

/// One test's own database, owned by its own role (with CREATEROLE, as docs/server.md asks of
/// the owner), on the shared cluster. Role names are cluster-wide: `name()` makes them unique.
pub struct Db {
    pub name: String,
    pub owner: String,
    /// This test's prefix for role names.
    pub tag: String,
    pub home: tempfile::TempDir,
}

/// The password of every role the tests create.
pub const PASSWORD: &str = "Pw-for-tests-9";

impl Db {
    pub fn new() -> Db {
        let c = cluster();
        let n = NEXT.fetch_add(1, Ordering::SeqCst);
        let tag = format!("t{}_{n}", std::process::id());
        let db = Db {
            name: format!("db_{tag}"),
            owner: format!("owner_{tag}"),
            tag,
            home: tempfile::tempdir().expect("home dir"),
        };
        let mut su = superuser("postgres");
        su.batch_execute(&format!(
            "CREATE ROLE {} LOGIN CREATEROLE PASSWORD '{PASSWORD}'",
            db.owner
        ))
        .expect("create the test database's owner");
        su.batch_execute(&format!("CREATE DATABASE {} OWNER {}", db.name, db.owner))
            .expect("create the test database");
        let _ = c;
        db
    }

    /// A role name unique to this test.
    pub fn role(&self, base: &str) -> String {
        format!("{base}_{}", self.tag)
    }

    /// The `--db` URL for `user` over the Unix socket.
    pub fn url(&self, user: &str) -> String {
        let c = cluster();
        format!(
            "postgres://{user}@/{}?host={}&port={}",
            self.name,
            c.dir.display(),
            c.port
        )
    }

    /// The `--db` URL for `user` over TCP to `host` (TLS and a password needed there).
    pub fn tcp_url(&self, user: &str, host: &str, query: &str) -> String {
        format!("postgres://{user}@{host}:{}/{}{query}", cluster().port, self.name)
    }

    /// ipguard with `--db` from `url`, a clean libpq environment and an empty HOME.
    pub fn cmd(&self, url: &str, args: &[&str]) -> assert_cmd::Command {
        let mut c = assert_cmd::Command::cargo_bin("ipguard").expect("the binary");
        for var in [
            "PGHOST",
            "PGPORT",
            "PGUSER",
            "PGDATABASE",
            "PGPASSWORD",
            "PGPASSFILE",
            "PGSSLMODE",
            "PGSSLROOTCERT",
            "IPGUARD_ACTOR",
        ] {
            c.env_remove(var);
        }
        c.env("IPGUARD_DB", url)
            .env("HOME", self.home.path())
            .env("IPGUARD_TODAY", crate::workdir::TODAY)
            .env("LANG", "en_US.UTF-8")
            .env_remove("LC_ALL")
            .args(args);
        c
    }

    /// Runs ipguard as `user` over the socket with `stdin`; returns (code, stdout, stderr).
    pub fn ipguard(&self, user: &str, args: &[&str], stdin: &str) -> (i32, String, String) {
        out(self.cmd(&self.url(user), args).write_stdin(stdin.to_string()))
    }

    /// A plain client (not ipguard) connected as `user` over the socket.
    pub fn client(&self, user: &str) -> postgres::Client {
        connect(&self.name, user)
    }

    /// The cluster's superuser on this database.
    pub fn superuser(&self) -> postgres::Client {
        connect(&self.name, "postgres")
    }

    /// `server init` as the owner, asserted to succeed.
    pub fn init(&self) {
        let (code, _, err) = self.ipguard(&self.owner, &["server", "init"], "");
        assert_eq!(code, 0, "server init: {err}");
    }
}

impl Drop for Db {
    fn drop(&mut self) {
        // Roles are cluster-wide: remove this test's, then its database.
        let mut su = superuser("postgres");
        let _ = su.batch_execute(&format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name));
        if let Ok(rows) = su.query(
            "SELECT rolname::text FROM pg_roles WHERE rolname LIKE '%' || $1",
            &[&format!("_{}", self.tag)],
        ) {
            for r in rows {
                let name: String = r.get(0);
                let _ = su.batch_execute(&format!("DROP ROLE IF EXISTS \"{name}\""));
            }
        }
    }
}

pub fn out(c: &mut assert_cmd::Command) -> (i32, String, String) {
    let o = c.output().expect("run ipguard");
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// A plain client connected as `user` to `dbname` over the cluster's Unix socket (trusted).
pub fn connect(dbname: &str, user: &str) -> postgres::Client {
    let c = cluster();
    let mut config = postgres::Config::new();
    config.host_path(&c.dir).port(c.port).user(user).dbname(dbname);
    config
        .connect(postgres::NoTls)
        .unwrap_or_else(|e| panic!("connect as {user} to {dbname}: {e}"))
}

fn superuser(dbname: &str) -> postgres::Client {
    connect(dbname, "postgres")
}

/// The SQLSTATE and message of a statement the server refused (panics if it succeeded).
pub fn refused<T: std::fmt::Debug>(r: Result<T, postgres::Error>) -> (String, String) {
    let e = r.expect_err("the server should refuse this");
    let db = e
        .as_db_error()
        .unwrap_or_else(|| panic!("not a refusal by the server: {e}"));
    (db.code().code().to_string(), db.message().to_string())
}
