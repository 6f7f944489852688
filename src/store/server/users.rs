//! The users of a server: login roles, each a member of one of ipguard's group roles, and a
//! station's also bound to its station (`station_users`). Managed by the database's owner;
//! each change is an audit entry (never with the password). Passwords are sent as SCRAM-SHA-256
//! verifiers computed here, so the server never sees or logs them in clear.

use super::{audit, db_error, Server};
use crate::error::{Error, Result};
use serde::Serialize;

/// Which group role a user belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    Office,
    Auditor,
    Station(String),
}

impl Kind {
    fn group(&self) -> &'static str {
        match self {
            Kind::Office => "ipguard_office",
            Kind::Auditor => "ipguard_auditor",
            Kind::Station(_) => "ipguard_station",
        }
    }
}

/// A user as `user list` shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct User {
    pub name: String,
    /// `office`, `auditor` or `station`.
    pub role: String,
    pub station: Option<String>,
}

impl User {
    fn json(&self) -> serde_json::Value {
        serde_json::to_value(self).expect("a user serialises")
    }
}

/// Checks a user name: it becomes a PostgreSQL role, so lowercase ASCII letters, digits and `_`,
/// starting with a letter, at most 63 characters, and not a name PostgreSQL or ipguard keeps.
pub fn check_name(name: &str) -> Result<()> {
    let ok = name.len() <= 63
        && name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !ok {
        return Err(Error::Usage(
            crate::i18n::Lang::current().msg("user.bad_name", &[("name", name)]),
        ));
    }
    if name.starts_with("pg_") || name.starts_with("ipguard_") || name == "public" {
        return Err(Error::Usage(
            crate::i18n::Lang::current().msg("user.reserved_name", &[("name", name)]),
        ));
    }
    Ok(())
}

/// A password as `--password-stdin` gives it: the first line, without its line ending.
pub fn check_password(pw: &str) -> Result<()> {
    if pw.is_empty() {
        return Err(Error::Usage(
            crate::i18n::Lang::current().msg("user.no_password", &[]),
        ));
    }
    if pw.chars().any(char::is_control) {
        return Err(Error::Usage(
            crate::i18n::Lang::current().msg("user.password_control", &[]),
        ));
    }
    Ok(())
}

fn verifier(password: &str) -> String {
    postgres_protocol::password::scram_sha_256(password.as_bytes()).replace('\'', "''")
}

/// The users of ipguard on the server, by name.
pub fn list(server: &mut Server) -> Result<Vec<User>> {
    let rows = server
        .client()
        .query(
            "SELECT u.rolname::text, substr(g.rolname::text, 9), su.station
             FROM pg_roles u
             JOIN pg_auth_members m ON m.member = u.oid
             JOIN pg_roles g ON g.oid = m.roleid
             LEFT JOIN station_users su ON su.role_name = u.rolname::text
             WHERE g.rolname IN ('ipguard_office', 'ipguard_auditor', 'ipguard_station')
               AND u.rolcanlogin
             ORDER BY 1, 2",
            &[],
        )
        .map_err(|e| match db_error(e) {
            Error::Invalid(msg) if msg.contains("permission denied") => {
                Error::Invalid(crate::i18n::Lang::current().msg("user.list_denied", &[("error", &msg)]))
            }
            other => other,
        })?;
    Ok(rows
        .iter()
        .map(|r| User {
            name: r.get(0),
            role: r.get(1),
            station: r.get(2),
        })
        .collect())
}

fn find(server: &mut Server, name: &str) -> Result<Option<User>> {
    Ok(list(server)?.into_iter().find(|u| u.name == name))
}

fn context(what: &str, e: postgres::Error) -> Error {
    match db_error(e) {
        Error::Invalid(msg) if msg.contains("permission denied") => Error::Invalid(
            crate::i18n::Lang::current().msg("user.owner_only", &[("what", what), ("error", &msg)]),
        ),
        other => other,
    }
}

/// Creates the login role `name` in the group of `kind` (and binds a station's to it).
pub fn add(server: &mut Server, name: &str, kind: &Kind, password: &str, command: &str) -> Result<User> {
    check_name(name)?;
    check_password(password)?;
    let client = server.client();
    let exists: bool = client
        .query_one(
            "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)",
            &[&name],
        )
        .map_err(db_error)?
        .get(0);
    if exists {
        return Err(Error::Invalid(
            crate::i18n::Lang::current().msg("user.role_exists", &[("name", name)]),
        ));
    }
    let station = match kind {
        Kind::Station(code) => Some(code.as_str()),
        _ => None,
    };
    if let Some(code) = station {
        let known: bool = client
            .query_one("SELECT EXISTS (SELECT 1 FROM stations WHERE code = $1)", &[&code])
            .map_err(|e| context("`user add`", e))?
            .get(0);
        if !known {
            return Err(Error::Invalid(
                crate::i18n::Lang::current().msg("user.no_station", &[("station", code)]),
            ));
        }
    }
    let mut tx = client.transaction().map_err(db_error)?;
    tx.batch_execute(&format!(
        "CREATE ROLE \"{name}\" LOGIN PASSWORD '{}' IN ROLE {}",
        verifier(password),
        kind.group()
    ))
    .map_err(|e| context("`user add`", e))?;
    if let Some(code) = station {
        tx.execute(
            "INSERT INTO station_users (role_name, station) VALUES ($1, $2)",
            &[&name, &code],
        )
        .map_err(|e| context("`user add`", e))?;
    }
    let user = User {
        name: name.to_string(),
        role: kind.group()["ipguard_".len()..].to_string(),
        station: station.map(str::to_string),
    };
    audit::append(&mut tx, command, "user", name, station, None, Some(&user.json()))?;
    tx.commit().map_err(db_error)?;
    Ok(user)
}

fn existing(server: &mut Server, name: &str) -> Result<User> {
    check_name(name)?;
    find(server, name)?
        .ok_or_else(|| Error::Invalid(crate::i18n::Lang::current().msg("user.unknown", &[("name", name)])))
}

/// Drops the login role `name` (one of ipguard's users).
pub fn remove(server: &mut Server, name: &str, command: &str) -> Result<User> {
    let user = existing(server, name)?;
    let client = server.client();
    let me: String = client
        .query_one("SELECT session_user::text", &[])
        .map_err(db_error)?
        .get(0);
    if me == name {
        return Err(Error::Invalid(
            crate::i18n::Lang::current().msg("user.remove_self", &[("name", name)]),
        ));
    }
    let mut tx = client.transaction().map_err(db_error)?;
    tx.execute("DELETE FROM station_users WHERE role_name = $1", &[&name])
        .map_err(|e| context("`user remove`", e))?;
    tx.batch_execute(&format!("DROP ROLE \"{name}\""))
        .map_err(|e| context("`user remove`", e))?;
    audit::append(
        &mut tx,
        command,
        "user",
        name,
        user.station.as_deref(),
        Some(&user.json()),
        None,
    )?;
    tx.commit().map_err(db_error)?;
    Ok(user)
}

/// The user logged in, as ipguard sees it: its group (the office first, for the owner and
/// superusers) and, for a station's user, its station. `None` for a role in no ipguard group.
pub fn current(server: &mut Server) -> Result<Option<User>> {
    let row = server
        .client()
        .query_one(
            "SELECT session_user::text,
                    CASE WHEN pg_has_role(session_user, 'ipguard_office', 'MEMBER') THEN 'office'
                         WHEN pg_has_role(session_user, 'ipguard_auditor', 'MEMBER') THEN 'auditor'
                         WHEN pg_has_role(session_user, 'ipguard_station', 'MEMBER') THEN 'station'
                    END,
                    ipguard_my_station()",
            &[],
        )
        .map_err(db_error)?;
    let role: Option<String> = row.get(1);
    Ok(role.map(|role| User {
        name: row.get(0),
        role,
        station: row.get(2),
    }))
}

/// Sets a new password for `name`: the owner's for anyone, and every user's for itself (but an
/// auditor's, which writes nothing, not even the audit log).
pub fn passwd(server: &mut Server, name: &str, password: &str, command: &str) -> Result<User> {
    check_password(password)?;
    check_name(name)?;
    let me = current(server)?;
    let user = match me {
        Some(me) if me.name == name => {
            if me.role == "auditor" {
                return Err(Error::Invalid(
                    crate::i18n::Lang::current().msg("user.auditor_passwd", &[("name", name)]),
                ));
            }
            me
        }
        Some(me) if me.role != "office" => {
            return Err(Error::Invalid(
                crate::i18n::Lang::current().msg("user.passwd_other", &[("me", &me.name), ("name", name)]),
            ))
        }
        _ => existing(server, name)?,
    };
    let mut tx = server.client().transaction().map_err(db_error)?;
    tx.batch_execute(&format!(
        "ALTER ROLE \"{name}\" PASSWORD '{}'",
        verifier(password)
    ))
    .map_err(|e| context("`user passwd`", e))?;
    let json = user.json();
    audit::append(
        &mut tx,
        command,
        "user",
        name,
        user.station.as_deref(),
        Some(&json),
        Some(&json),
    )?;
    tx.commit().map_err(db_error)?;
    Ok(user)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_plain_role_names() {
        for ok in ["yz", "yz_01", "a"] {
            check_name(ok).unwrap();
        }
        for bad in ["", "YZ", "1yz", "yz-01", "y z", "\"x", &"a".repeat(64)] {
            assert!(matches!(check_name(bad), Err(Error::Usage(_))), "{bad}");
        }
        for reserved in ["pg_monitor", "ipguard_office", "public"] {
            let e = check_name(reserved).unwrap_err().to_string();
            assert!(e.contains("is reserved"), "{e}");
        }
    }

    #[test]
    fn passwords_are_one_nonempty_line() {
        check_password("s3cret pass").unwrap();
        assert!(check_password("").is_err());
        assert!(check_password("a\tb").is_err());
    }

    #[test]
    fn the_server_gets_a_scram_verifier_not_the_password() {
        let v = verifier("s3cret");
        assert!(
            v.starts_with("SCRAM-SHA-256$4096:") && !v.contains("s3cret"),
            "{v}"
        );
    }
}
