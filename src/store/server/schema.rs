//! ipguard's schema on a server: the group roles, the versioned migrations of `migrations/pg/`
//! (counted in the table `ipguard_schema`), applied by `server init` as the database's owner.

use super::{db_error, Server};
use crate::error::{Error, Result};

/// The server's schema migrations, in order; `ipguard_schema` holds one row per one applied.
pub const PG_MIGRATIONS: &[&str] = &[
    include_str!("../../../migrations/pg/0001_init.sql"),
    include_str!("../../../migrations/pg/0002_case_text.sql"),
    include_str!("../../../migrations/pg/0003_satisfaction.sql"),
];

/// The group roles every login role of ipguard belongs to (one of them).
pub const GROUP_ROLES: [&str; 3] = ["ipguard_office", "ipguard_auditor", "ipguard_station"];

/// Serialises two `server init`s run at once (a transaction-scoped advisory lock).
const INIT_LOCK: i64 = 7310531412;

/// What `server init` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InitOutcome {
    /// The schema version found (0: none).
    pub from: i64,
    /// The schema version now.
    pub to: i64,
    /// The group roles that had to be created.
    pub roles_created: Vec<String>,
    /// Whether the owner had to be made a member of ipguard_office.
    pub owner_joined_office: bool,
}

/// The schema version of the connected database: `None` when it holds no ipguard schema.
pub fn version(client: &mut postgres::Client) -> Result<Option<i64>> {
    let exists: bool = client
        .query_one("SELECT to_regclass('public.ipguard_schema') IS NOT NULL", &[])
        .map_err(db_error)?
        .get(0);
    if !exists {
        return Ok(None);
    }
    let v: Option<i64> = client
        .query_one("SELECT max(version) FROM ipguard_schema", &[])
        .map_err(db_error)?
        .get(0);
    Ok(Some(v.unwrap_or(0)))
}

/// Refuses a database that this ipguard cannot work on: no ipguard schema, an older one
/// (`server init` upgrades it), or a newer one.
pub fn check(server: &mut Server) -> Result<i64> {
    let shown = server.target().shown();
    let v = version(server.client())?;
    judge(&shown, v)
}

/// [`check`]'s verdict on a version found (`None`: no ipguard schema).
pub fn judge(shown: &str, v: Option<i64>) -> Result<i64> {
    match v {
        None => Err(Error::Other(anyhow::anyhow!(
            crate::i18n::Lang::current().msg("server.no_schema", &[("server", shown)])
        ))),
        Some(v) if v as usize > PG_MIGRATIONS.len() => Err(newer(shown, v)),
        Some(v) if (v as usize) < PG_MIGRATIONS.len() => {
            Err(Error::Other(anyhow::anyhow!(crate::i18n::Lang::current().msg(
                "server.older_schema",
                &[
                    ("server", shown),
                    ("version", &v.to_string()),
                    ("needed", &PG_MIGRATIONS.len().to_string()),
                ],
            ))))
        }
        Some(v) => Ok(v),
    }
}

fn newer(shown: &str, v: i64) -> Error {
    Error::Other(anyhow::anyhow!(crate::i18n::Lang::current().msg(
        "server.newer_schema",
        &[
            ("server", shown),
            ("version", &v.to_string()),
            ("known", &PG_MIGRATIONS.len().to_string()),
        ],
    )))
}

/// Creates or upgrades ipguard's schema, the group roles, grants and policies, in one
/// transaction. Run by the database's owner; running it again changes nothing.
pub fn init(server: &mut Server) -> Result<InitOutcome> {
    let shown = server.target().shown();
    let client = server.client();
    let row = client
        .query_one(
            "SELECT current_user::text, pg_get_userbyid(d.datdba)::text,
                    (SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user)
             FROM pg_database d WHERE d.datname = current_database()",
            &[],
        )
        .map_err(db_error)?;
    let (me, owner, may_create_roles): (String, String, bool) = (row.get(0), row.get(1), row.get(2));
    if me != owner {
        return Err(Error::Invalid(
            crate::i18n::Lang::current().msg("server.init_not_owner", &[("owner", &owner), ("me", &me)]),
        ));
    }
    let mut tx = client.transaction().map_err(db_error)?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&INIT_LOCK])
        .map_err(db_error)?;
    let mut roles_created = Vec::new();
    for role in GROUP_ROLES {
        let exists: bool = tx
            .query_one(
                "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)",
                &[&role],
            )
            .map_err(db_error)?
            .get(0);
        if !exists {
            if !may_create_roles {
                return Err(Error::Invalid(
                    crate::i18n::Lang::current().msg("server.no_group_role", &[("role", role), ("me", &me)]),
                ));
            }
            // Roles belong to the whole cluster: another database's `server init` may be
            // creating the same one right now, and then it is there.
            let mut sp = tx.transaction().map_err(db_error)?;
            match sp.batch_execute(&format!("CREATE ROLE {role} NOLOGIN")) {
                Ok(()) => {
                    sp.commit().map_err(db_error)?;
                    roles_created.push(role.to_string());
                }
                Err(e) if e.code().is_some_and(|c| matches!(c.code(), "42710" | "23505")) => {
                    sp.rollback().map_err(db_error)?;
                }
                Err(e) => return Err(db_error(e)),
            }
        }
    }
    let has_schema: bool = tx
        .query_one("SELECT to_regclass('public.ipguard_schema') IS NOT NULL", &[])
        .map_err(db_error)?
        .get(0);
    if !has_schema {
        let others: i64 = tx
            .query_one("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'", &[])
            .map_err(db_error)?
            .get(0);
        if others > 0 {
            return Err(Error::Invalid(
                crate::i18n::Lang::current().msg("server.foreign_tables", &[("server", &shown)]),
            ));
        }
        tx.batch_execute(
            "CREATE TABLE ipguard_schema (
                 version     BIGINT PRIMARY KEY CHECK (version > 0),
                 applied_at  TEXT NOT NULL
             );
             GRANT SELECT ON ipguard_schema TO ipguard_office, ipguard_auditor, ipguard_station;",
        )
        .map_err(db_error)?;
    }
    let from: i64 = tx
        .query_one("SELECT coalesce(max(version), 0) FROM ipguard_schema", &[])
        .map_err(db_error)?
        .get(0);
    if from as usize > PG_MIGRATIONS.len() {
        return Err(newer(&shown, from));
    }
    for (i, sql) in PG_MIGRATIONS.iter().enumerate().skip(from as usize) {
        tx.batch_execute(sql).map_err(db_error)?;
        tx.execute(
            "INSERT INTO ipguard_schema (version, applied_at)
             VALUES ($1, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'))",
            &[&((i + 1) as i64)],
        )
        .map_err(db_error)?;
    }
    // The owner has the office's rights: by owning every table, and as a member of the office
    // (which is how ipguard and the policies ask).
    let member: bool = tx
        .query_one(
            "SELECT EXISTS (SELECT 1 FROM pg_auth_members m
                 JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles u ON u.oid = m.member
                 WHERE g.rolname = 'ipguard_office' AND u.rolname = current_user)",
            &[],
        )
        .map_err(db_error)?
        .get(0);
    if !member {
        tx.batch_execute("GRANT ipguard_office TO CURRENT_USER")
            .map_err(db_error)?;
    }
    tx.commit().map_err(db_error)?;
    Ok(InitOutcome {
        from,
        to: PG_MIGRATIONS.len() as i64,
        roles_created,
        owner_joined_office: !member,
    })
}
