//! Reaching the server: the `postgres://` URL of `--db`, filled in by libpq's environment
//! variables where it leaves something out, the password from `PGPASSWORD` or `~/.pgpass`
//! (never from the command line), and TLS as `sslmode` asks.

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

/// Whether `--db` names a server rather than a file.
pub fn is_url(db: &str) -> bool {
    db.starts_with("postgres://") || db.starts_with("postgresql://")
}

/// Where the server listens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Host {
    /// A host name or IP address, reached over TCP.
    Tcp(String),
    /// The directory of the server's Unix socket (a host that starts with `/`).
    Socket(PathBuf),
}

/// libpq's `sslmode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SslMode {
    Disable,
    Allow,
    Prefer,
    Require,
    VerifyCa,
    VerifyFull,
}

impl SslMode {
    fn parse(s: &str) -> Result<SslMode> {
        Ok(match s {
            "disable" => SslMode::Disable,
            "allow" => SslMode::Allow,
            "prefer" => SslMode::Prefer,
            "require" => SslMode::Require,
            "verify-ca" => SslMode::VerifyCa,
            "verify-full" => SslMode::VerifyFull,
            other => {
                return Err(Error::Usage(
                    crate::i18n::Lang::current().msg("server.bad_sslmode", &[("value", other)]),
                ))
            }
        })
    }
}

/// A server, database and role, with everything the URL left out filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub host: Host,
    pub port: u16,
    pub user: String,
    pub dbname: String,
    pub sslmode: SslMode,
    /// The CA certificate(s) to verify the server's certificate with.
    pub sslrootcert: Option<PathBuf>,
    pub connect_timeout: Duration,
}

impl Target {
    /// The server as messages name it: `USER@HOST:PORT/DB` (never a password).
    pub fn shown(&self) -> String {
        let host = match &self.host {
            Host::Tcp(h) if h.contains(':') => format!("[{h}]"),
            Host::Tcp(h) => h.clone(),
            Host::Socket(dir) => dir.display().to_string(),
        };
        format!("{}@{host}:{}/{}", self.user, self.port, self.dbname)
    }
}

/// The environment, as a function (tests pass their own).
pub type Env<'a> = &'a dyn Fn(&str) -> Option<String>;

/// The process's environment, empty values counting as unset (as libpq does).
pub fn process_env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// The socket directory libpq uses when no host is given (Debian's PostgreSQL).
pub const DEFAULT_SOCKET_DIR: &str = "/var/run/postgresql";

/// Reads `--db postgres://USER@HOST[:PORT]/DB[?sslmode=…]`, filling what it leaves out from
/// `PGHOST`, `PGPORT`, `PGUSER`, `PGDATABASE`, `PGSSLMODE`, `PGSSLROOTCERT`,
/// `PGCONNECT_TIMEOUT` and libpq's defaults.
pub fn resolve(url: &str, env: Env<'_>) -> Result<Target> {
    let rest = url
        .strip_prefix("postgresql://")
        .or_else(|| url.strip_prefix("postgres://"))
        .ok_or_else(|| Error::Usage(crate::i18n::Lang::current().msg("server.url_form", &[])))?;
    let (main, query) = match rest.split_once('?') {
        Some((m, q)) => (m, Some(q)),
        None => (rest, None),
    };
    let (authority, path) = match main.split_once('/') {
        Some((a, p)) => (a, Some(p)),
        None => (main, None),
    };
    let (userinfo, hostport) = match authority.rsplit_once('@') {
        Some((u, h)) => (Some(u), h),
        None => (None, authority),
    };
    if userinfo.is_some_and(|u| u.contains(':')) {
        return Err(Error::Usage(
            crate::i18n::Lang::current().msg("server.url_password", &[]),
        ));
    }
    let mut user = userinfo.map(decode).transpose()?.filter(|u| !u.is_empty());
    let (mut host, mut port) = split_host_port(hostport)?;
    let mut dbname = path.map(decode).transpose()?.filter(|d| !d.is_empty());
    let mut sslmode = None;
    let mut sslrootcert = None;
    let mut timeout = None;
    for pair in query
        .into_iter()
        .flat_map(|q| q.split('&'))
        .filter(|p| !p.is_empty())
    {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let v = decode(v)?;
        match k {
            "sslmode" => sslmode = Some(v),
            "sslrootcert" => sslrootcert = Some(v),
            "host" => host = Some(v),
            "port" => port = Some(v),
            "user" => user = Some(v),
            "dbname" => dbname = Some(v),
            "connect_timeout" => timeout = Some(v),
            "application_name" => {}
            "password" => {
                return Err(Error::Usage(
                    crate::i18n::Lang::current().msg("server.url_password", &[]),
                ))
            }
            other => {
                return Err(Error::Usage(
                    crate::i18n::Lang::current().msg("server.url_parameter", &[("name", other)]),
                ))
            }
        }
    }
    let host = host.or_else(|| env("PGHOST"));
    let host = match host {
        Some(h) if h.starts_with('/') => Host::Socket(PathBuf::from(h)),
        Some(h) => Host::Tcp(h),
        None => Host::Socket(PathBuf::from(DEFAULT_SOCKET_DIR)),
    };
    let port = match port.or_else(|| env("PGPORT")) {
        None => 5432,
        Some(p) => match p.parse::<u16>() {
            Ok(n) if n > 0 => n,
            _ => {
                return Err(Error::Usage(
                    crate::i18n::Lang::current().msg("server.bad_port", &[("value", &p)]),
                ))
            }
        },
    };
    let user = match user.or_else(|| env("PGUSER")) {
        Some(u) => u,
        None => env("USER")
            .or_else(|| env("LOGNAME"))
            .or_else(|| whoami::fallible::username().ok())
            .ok_or_else(|| Error::Usage(crate::i18n::Lang::current().msg("server.no_user", &[])))?,
    };
    let dbname = dbname
        .or_else(|| env("PGDATABASE"))
        .unwrap_or_else(|| user.clone());
    let sslmode = match sslmode.or_else(|| env("PGSSLMODE")) {
        Some(s) => SslMode::parse(&s)?,
        None => SslMode::Prefer,
    };
    let sslrootcert = sslrootcert.or_else(|| env("PGSSLROOTCERT")).map(PathBuf::from);
    let connect_timeout = match timeout.or_else(|| env("PGCONNECT_TIMEOUT")) {
        None => Duration::from_secs(10),
        Some(t) => match t.parse::<u64>() {
            Ok(n) if n > 0 => Duration::from_secs(n.max(2)),
            Ok(_) => Duration::from_secs(3600),
            Err(_) => {
                return Err(Error::Usage(
                    crate::i18n::Lang::current().msg("server.bad_timeout", &[("value", &t)]),
                ))
            }
        },
    };
    Ok(Target {
        host,
        port,
        user,
        dbname,
        sslmode,
        sslrootcert,
        connect_timeout,
    })
}

fn split_host_port(hostport: &str) -> Result<(Option<String>, Option<String>)> {
    if hostport.is_empty() {
        return Ok((None, None));
    }
    if let Some(rest) = hostport.strip_prefix('[') {
        let (h, after) = rest.split_once(']').ok_or_else(|| {
            Error::Usage(crate::i18n::Lang::current().msg("server.address_unclosed", &[("value", hostport)]))
        })?;
        let port = match after.strip_prefix(':') {
            Some(p) => Some(p.to_string()),
            None if after.is_empty() => None,
            None => {
                return Err(Error::Usage(
                    crate::i18n::Lang::current().msg("server.address_ipv6", &[("value", hostport)]),
                ))
            }
        };
        return Ok((Some(h.to_string()), port));
    }
    let (h, p) = match hostport.rsplit_once(':') {
        Some((h, p)) => (h, Some(p.to_string())),
        None => (hostport, None),
    };
    let h = decode(h)?;
    Ok(((!h.is_empty()).then_some(h), p.filter(|p| !p.is_empty())))
}

/// Percent-decoding of a URL part (`%2F` → `/`).
fn decode(s: &str) -> Result<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .ok_or_else(|| Error::Usage(crate::i18n::Lang::current().msg("server.url_percent", &[])))?;
            out.push(hex);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out)
        .map_err(|_| Error::Usage(crate::i18n::Lang::current().msg("server.url_not_utf8", &[])))
}

/// The password for `target`: `PGPASSWORD`, else the first matching line of the password file
/// (`PGPASSFILE`, else `~/.pgpass`), which is ignored unless only its owner may read it.
pub fn password(target: &Target, env: Env<'_>) -> Option<String> {
    if let Some(p) = env("PGPASSWORD") {
        return Some(p);
    }
    let file = env("PGPASSFILE")
        .map(PathBuf::from)
        .or_else(|| env("HOME").map(|h| Path::new(&h).join(".pgpass")))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let meta = std::fs::metadata(&file).ok()?;
        if !meta.is_file() || meta.permissions().mode() & 0o077 != 0 {
            if meta.is_file() {
                crate::render::note(
                    &crate::i18n::Lang::current()
                        .msg("server.pgpass_ignored", &[("path", &file.display().to_string())]),
                );
            }
            return None;
        }
    }
    let text = std::fs::read_to_string(&file).ok()?;
    pgpass_lookup(&text, target)
}

/// The password of the first line of a `.pgpass` text that matches `target`
/// (`hostname:port:database:username:password`, `*` matching anything, `\` escaping).
pub fn pgpass_lookup(text: &str, target: &Target) -> Option<String> {
    let host = match &target.host {
        Host::Tcp(h) => h.clone(),
        Host::Socket(dir) if dir == Path::new(DEFAULT_SOCKET_DIR) => "localhost".into(),
        Host::Socket(dir) => dir.display().to_string(),
    };
    let port = target.port.to_string();
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let fields = split_pgpass(line);
        if fields.len() < 5 {
            continue;
        }
        let matches = |field: &str, value: &str| field == "*" || field == value;
        if matches(&fields[0], &host)
            && matches(&fields[1], &port)
            && matches(&fields[2], &target.dbname)
            && matches(&fields[3], &target.user)
        {
            return Some(fields[4..].join(":"));
        }
    }
    None
}

fn split_pgpass(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(next) = chars.next() {
                    fields.last_mut().expect("one field").push(next);
                }
            }
            ':' if fields.len() < 5 => fields.push(String::new()),
            c => fields.last_mut().expect("one field").push(c),
        }
    }
    fields
}

/// Connects to `target` with `password`, TLS as its `sslmode` asks. Every error is one sentence
/// naming the server (never the password).
pub fn connect(target: &Target, password: Option<&str>) -> Result<postgres::Client> {
    let mut config = postgres::Config::new();
    match &target.host {
        Host::Tcp(h) => config.host(h),
        Host::Socket(dir) => config.host_path(dir),
    };
    config
        .port(target.port)
        .user(&target.user)
        .dbname(&target.dbname)
        .application_name("ipguard")
        .connect_timeout(target.connect_timeout);
    if let Some(p) = password {
        config.password(p);
    }
    // As libpq: a Unix socket never carries TLS, whatever sslmode says.
    let mode = match target.host {
        Host::Socket(_) => SslMode::Disable,
        _ => target.sslmode,
    };
    let result = match mode {
        SslMode::Disable | SslMode::Allow => {
            config.ssl_mode(postgres::config::SslMode::Disable);
            config.connect(postgres::NoTls)
        }
        _ => {
            let tls = tls_config(target, mode)?;
            config.ssl_mode(if mode == SslMode::Prefer {
                postgres::config::SslMode::Prefer
            } else {
                postgres::config::SslMode::Require
            });
            config.connect(tokio_postgres_rustls::MakeRustlsConnect::new(tls))
        }
    };
    result.map_err(|e| connect_error(target, password.is_some(), &e))
}

fn connect_error(target: &Target, had_password: bool, e: &postgres::Error) -> Error {
    let shown = target.shown();
    let l = crate::i18n::Lang::current();
    if let Some(db) = e.as_db_error() {
        let code = db.code().code();
        let msg = match code {
            "28P01" => l.msg(
                "server.password_refused",
                &[("server", &shown), ("user", &target.user)],
            ),
            "3D000" => l.msg(
                "server.no_database",
                &[("server", &shown), ("db", &target.dbname)],
            ),
            _ => l.msg(
                "server.connection_refused",
                &[("server", &shown), ("error", db.message())],
            ),
        };
        return Error::Other(anyhow::anyhow!(msg));
    }
    let mut detail = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        let text = s.to_string();
        if !detail.contains(&text) {
            detail = format!("{detail}: {text}");
        }
        source = s.source();
    }
    if detail.contains("password missing") && !had_password {
        return Error::Other(anyhow::anyhow!(l.msg(
            "server.password_needed",
            &[("server", &shown), ("user", &target.user)],
        )));
    }
    Error::Other(anyhow::anyhow!(
        l.msg("server.cannot_connect", &[("server", &shown), ("error", &detail)],)
    ))
}

/// The CA certificates to verify with: `sslrootcert`, else `~/.postgresql/root.crt` if it exists.
fn root_cert_file(target: &Target) -> Option<PathBuf> {
    target.sslrootcert.clone().or_else(|| {
        let home = process_env("HOME")?;
        let p = Path::new(&home).join(".postgresql/root.crt");
        p.is_file().then_some(p)
    })
}

fn tls_config(target: &Target, mode: SslMode) -> Result<rustls::ClientConfig> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = rustls::ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .map_err(tls_failed)?;
    let roots = match root_cert_file(target) {
        Some(file) => Some(load_roots(&file)?),
        None if matches!(mode, SslMode::VerifyCa | SslMode::VerifyFull) => {
            return Err(Error::Usage(crate::i18n::Lang::current().msg(
                "server.needs_ca",
                &[(
                    "mode",
                    if mode == SslMode::VerifyCa {
                        "verify-ca"
                    } else {
                        "verify-full"
                    },
                )],
            )))
        }
        None => None,
    };
    let config = match roots {
        // As libpq: require (and prefer) with a CA file verify the chain but not the name.
        Some(roots) => {
            let webpki =
                rustls::client::WebPkiServerVerifier::builder_with_provider(Arc::new(roots), provider)
                    .build()
                    .map_err(tls_failed)?;
            if mode == SslMode::VerifyFull {
                builder.with_webpki_verifier(webpki).with_no_client_auth()
            } else {
                builder
                    .dangerous()
                    .with_custom_certificate_verifier(Arc::new(ChainOnly(webpki)))
                    .with_no_client_auth()
            }
        }
        None => builder
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(EncryptOnly(provider)))
            .with_no_client_auth(),
    };
    Ok(config)
}

/// TLS could not be set up (rustls's reason after the catalog's words).
fn tls_failed(e: impl std::fmt::Display) -> Error {
    Error::Other(anyhow::anyhow!(
        crate::i18n::Lang::current().msg("server.tls_failed", &[("error", &e.to_string())])
    ))
}

fn load_roots(file: &Path) -> Result<rustls::RootCertStore> {
    use rustls_pki_types::pem::PemObject;
    let bad = |why: String| {
        Error::Usage(crate::i18n::Lang::current().msg(
            "server.bad_ca_file",
            &[("path", &file.display().to_string()), ("error", &why)],
        ))
    };
    let mut roots = rustls::RootCertStore::empty();
    let certs = rustls_pki_types::CertificateDer::pem_file_iter(file).map_err(|e| bad(e.to_string()))?;
    for cert in certs {
        let cert = cert.map_err(|e| bad(e.to_string()))?;
        roots.add(cert).map_err(|e| bad(e.to_string()))?;
    }
    if roots.is_empty() {
        return Err(bad(crate::i18n::Lang::current().msg("server.no_pem", &[])));
    }
    Ok(roots)
}

/// `verify-ca`: the certificate must chain to the CA; its names are not checked.
#[derive(Debug)]
struct ChainOnly(Arc<rustls::client::WebPkiServerVerifier>);

impl rustls::client::danger::ServerCertVerifier for ChainOnly {
    fn verify_server_cert(
        &self,
        end_entity: &rustls_pki_types::CertificateDer<'_>,
        intermediates: &[rustls_pki_types::CertificateDer<'_>],
        server_name: &rustls_pki_types::ServerName<'_>,
        ocsp_response: &[u8],
        now: rustls_pki_types::UnixTime,
    ) -> std::result::Result<rustls::client::danger::ServerCertVerified, rustls::Error> {
        use rustls::CertificateError;
        match self
            .0
            .verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now)
        {
            Err(rustls::Error::InvalidCertificate(
                CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
            )) => Ok(rustls::client::danger::ServerCertVerified::assertion()),
            other => other,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &rustls_pki_types::CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> std::result::Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        self.0.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &rustls_pki_types::CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> std::result::Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        self.0.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<rustls::SignatureScheme> {
        self.0.supported_verify_schemes()
    }
}

/// `require` / `prefer` without a CA file: encrypted, the certificate not verified (libpq's
/// meaning of these modes).
#[derive(Debug)]
struct EncryptOnly(Arc<rustls::crypto::CryptoProvider>);

impl rustls::client::danger::ServerCertVerifier for EncryptOnly {
    fn verify_server_cert(
        &self,
        _end_entity: &rustls_pki_types::CertificateDer<'_>,
        _intermediates: &[rustls_pki_types::CertificateDer<'_>],
        _server_name: &rustls_pki_types::ServerName<'_>,
        _ocsp_response: &[u8],
        _now: rustls_pki_types::UnixTime,
    ) -> std::result::Result<rustls::client::danger::ServerCertVerified, rustls::Error> {
        Ok(rustls::client::danger::ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &rustls_pki_types::CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> std::result::Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.0.signature_verification_algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &rustls_pki_types::CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> std::result::Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.0.signature_verification_algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<rustls::SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_of(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |k| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone())
    }

    #[test]
    fn a_full_url_needs_no_environment() {
        let t = resolve(
            "postgres://office@db.example:6543/ipguard?sslmode=verify-full",
            &env_of(&[]),
        )
        .unwrap();
        assert_eq!(t.host, Host::Tcp("db.example".into()));
        assert_eq!(
            (t.port, t.user.as_str(), t.dbname.as_str()),
            (6543, "office", "ipguard")
        );
        assert_eq!(t.sslmode, SslMode::VerifyFull);
        assert_eq!(t.shown(), "office@db.example:6543/ipguard");
    }

    #[test]
    fn the_environment_fills_what_the_url_leaves_out() {
        let env = env_of(&[
            ("PGHOST", "/tmp/sock"),
            ("PGPORT", "5499"),
            ("PGUSER", "yz"),
            ("PGDATABASE", "city"),
            ("PGSSLMODE", "require"),
        ]);
        let t = resolve("postgres://", &env).unwrap();
        assert_eq!(t.host, Host::Socket("/tmp/sock".into()));
        assert_eq!((t.port, t.user.as_str(), t.dbname.as_str()), (5499, "yz", "city"));
        assert_eq!(t.sslmode, SslMode::Require);
        // The URL wins over the environment.
        let t = resolve("postgresql://a@h:1/d?sslmode=disable", &env).unwrap();
        assert_eq!(
            (t.host, t.port, t.user.as_str(), t.dbname.as_str()),
            (Host::Tcp("h".into()), 1, "a", "d")
        );
        assert_eq!(t.sslmode, SslMode::Disable);
    }

    #[test]
    fn defaults_are_libpqs() {
        let t = resolve("postgres://", &env_of(&[("USER", "ana")])).unwrap();
        assert_eq!(t.host, Host::Socket(DEFAULT_SOCKET_DIR.into()));
        assert_eq!((t.port, t.user.as_str(), t.dbname.as_str()), (5432, "ana", "ana"));
        assert_eq!(t.sslmode, SslMode::Prefer);
    }

    #[test]
    fn socket_hosts_ipv6_and_query_parameters() {
        let t = resolve("postgres://u@%2Fvar%2Frun%2Fpg/d", &env_of(&[])).unwrap();
        assert_eq!(t.host, Host::Socket("/var/run/pg".into()));
        let t = resolve("postgres://u@[::1]:7000/d", &env_of(&[])).unwrap();
        assert_eq!((t.host.clone(), t.port), (Host::Tcp("::1".into()), 7000));
        assert_eq!(t.shown(), "u@[::1]:7000/d");
        let t = resolve(
            "postgres:///d?host=/s&port=7&user=x&sslrootcert=/ca.pem",
            &env_of(&[]),
        )
        .unwrap();
        assert_eq!(
            (t.host, t.port, t.user.as_str()),
            (Host::Socket("/s".into()), 7, "x")
        );
        assert_eq!(t.sslrootcert, Some(PathBuf::from("/ca.pem")));
    }

    #[test]
    fn passwords_and_bad_parts_are_refused_without_echoing_them() {
        for url in ["postgres://u:s3cret@h/d", "postgres://u@h/d?password=s3cret"] {
            let e = resolve(url, &env_of(&[])).unwrap_err().to_string();
            assert!(e.contains("PGPASSWORD") && !e.contains("s3cret"), "{e}");
        }
        let e = resolve("postgres://u@h:99999/d", &env_of(&[]))
            .unwrap_err()
            .to_string();
        assert_eq!(e, "the server's port `99999` is not a number from 1 to 65535");
        let e = resolve("postgres://u@h/d?sslmode=strict", &env_of(&[]))
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("sslmode `strict` is not one of"), "{e}");
        let e = resolve("postgres://u@h/d?options=-c", &env_of(&[]))
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("the --db URL has the parameter `options`"), "{e}");
        assert!(resolve("postgres://u@h/%zz", &env_of(&[])).is_err());
    }

    #[test]
    fn pgpass_lines_match_in_order_with_wildcards_and_escapes() {
        let t = resolve("postgres://yz@127.0.0.1:5433/city", &env_of(&[])).unwrap();
        let text = "# comment\nother:*:*:*:no\n127.0.0.1:5433:city:yz:pa\\:ss:word\n*:*:*:*:later\n";
        assert_eq!(pgpass_lookup(text, &t).as_deref(), Some("pa:ss:word"));
        assert_eq!(pgpass_lookup("*:*:*:yz:w\n", &t).as_deref(), Some("w"));
        assert_eq!(pgpass_lookup("*:5432:*:*:w\n", &t), None);
        let local = resolve("postgres://yz@/city", &env_of(&[])).unwrap();
        assert_eq!(
            pgpass_lookup("localhost:5432:city:yz:l\n", &local).as_deref(),
            Some("l")
        );
    }

    #[test]
    fn pgpassword_comes_first() {
        let t = resolve("postgres://yz@h/d", &env_of(&[])).unwrap();
        assert_eq!(
            password(&t, &env_of(&[("PGPASSWORD", "p")])).as_deref(),
            Some("p")
        );
        assert_eq!(
            password(&t, &env_of(&[("PGPASSFILE", "/nonexistent/pgpass")])),
            None
        );
    }
}
