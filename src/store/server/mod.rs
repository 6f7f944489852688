//! The city's shared PostgreSQL server: reaching it (connect), ipguard's schema with its roles,
//! grants and row-level security (schema, migrations/pg/), the login roles of users (users),
//! and the audit log's appends on a server (audit). All server SQL lives under here.
//!
//! What is built so far is the groundwork that needs no storage boundary: `server init` and
//! `user …`. The records' commands follow once the store is one trait with two engines
//! (docs/server.md).

pub mod audit;
mod connect;
pub mod schema;
mod session;
pub mod users;

pub use connect::{is_url, password, pgpass_lookup, process_env, resolve, Host, SslMode, Target};
pub use session::{Act, Rights, Role, Session};

use crate::error::{Error, Result};

/// A connection to ipguard's database on a server.
pub struct Server {
    client: postgres::Client,
    target: Target,
}

impl Server {
    /// Connects to the server that `url` (the `--db` value) names, with libpq's environment.
    pub fn connect(url: &str) -> Result<Server> {
        let target = resolve(url, &process_env)?;
        let pw = password(&target, &process_env);
        let client = connect::connect(&target, pw.as_deref())?;
        Ok(Server { client, target })
    }

    /// The server, database and role, for messages.
    pub fn target(&self) -> &Target {
        &self.target
    }

    /// The connection.
    pub fn client(&mut self) -> &mut postgres::Client {
        &mut self.client
    }

    /// The connection, for a records session.
    pub fn into_client(self) -> postgres::Client {
        self.client
    }
}

/// A statement the server refused, as one sentence: its own message (PostgreSQL never puts a
/// password in one), exit 3 when it is a refusal of rights or of the records, 1 otherwise.
pub fn db_error(e: postgres::Error) -> Error {
    match e.as_db_error() {
        Some(db) => {
            let code = db.code().code();
            let msg = crate::i18n::Lang::current().msg("server.refused", &[("error", db.message())]);
            // 42501 insufficient privilege, class 23 integrity constraints, 22 data, P0001 raise.
            if code == "42501" || code.starts_with("23") || code.starts_with("22") {
                Error::Invalid(msg)
            } else {
                Error::Other(anyhow::anyhow!(msg))
            }
        }
        None => Error::Other(anyhow::anyhow!(
            crate::i18n::Lang::current().msg("server.connection_failed", &[("error", &e.to_string())])
        )),
    }
}
