//! A records session on a server: the connection (as the store's [`Pg`]), the schema checked,
//! and who is logged in with which rights ([`Role`]), so that ipguard refuses up front, in one
//! sentence naming the role that may, what the database would refuse anyway.

use super::{schema, Server};
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::store::sql::Pg;

/// The rights of the role logged in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rights {
    /// `ipguard_office` (and the database's owner): everything.
    Office,
    /// `ipguard_auditor`: reads everything, writes nothing.
    Auditor,
    /// `ipguard_station` bound to this station: its own records.
    Station(String),
    /// A role in no ipguard group: reads and writes what PostgreSQL lets it (nothing, unless
    /// granted), and ipguard refuses every write up front.
    None,
}

/// Who is logged in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Role {
    /// The login role (`session_user`): the audit log's actor.
    pub name: String,
    pub rights: Rights,
    /// Today by the server's clock (China Standard Time), `YYYY-MM-DD`.
    pub server_today: String,
    /// Whether row-level security does not apply to the role (the tables' owner, a superuser),
    /// so that COPY may write into the tables themselves.
    pub bypasses_rls: bool,
}

/// What a write does, as far as rights go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    /// A station's own records: cases, notes, follow-ups, overdue reason texts, activities,
    /// staff, experts, funding. `what` is a catalog key naming them (`act.cases`).
    Own(&'static str),
    /// A report submission dated `on` (a station's only when dated today by the server).
    Submit(chrono::NaiveDate),
    /// The office's alone (`act.awards`, `act.stations`, …).
    Office(&'static str),
}

impl Act {
    /// The catalog key naming what is done.
    pub fn what(&self) -> &'static str {
        match self {
            Act::Own(what) | Act::Office(what) => what,
            Act::Submit(_) => "act.reports",
        }
    }
}

impl Role {
    /// Refuses `act` on `station`'s records when this role may not do it (exit 3).
    pub fn may(&self, act: Act, station: Option<&str>) -> Result<()> {
        let l = Lang::current();
        let what = l.msg(act.what(), &[]);
        match (&self.rights, act) {
            (Rights::Office, _) => Ok(()),
            (Rights::Auditor, _) => Err(Error::Invalid(
                l.msg("role.auditor_writes", &[("role", &self.name), ("what", &what)]),
            )),
            (Rights::None, _) => Err(Error::Invalid(
                l.msg("role.no_group", &[("role", &self.name), ("what", &what)]),
            )),
            (Rights::Station(own), Act::Office(what)) => Err(Error::Invalid(l.msg(
                "role.office_only",
                &[
                    ("role", &self.name),
                    ("what", &l.msg(what, &[])),
                    ("station", own),
                ],
            ))),
            (Rights::Station(own), Act::Own(what)) => match station {
                Some(s) if s != own => Err(Error::Invalid(l.msg(
                    "role.other_station",
                    &[
                        ("role", &self.name),
                        ("own", own),
                        ("station", s),
                        ("what", &l.msg(what, &[])),
                    ],
                ))),
                _ => Ok(()),
            },
            (Rights::Station(own), Act::Submit(on)) => {
                if let Some(s) = station.filter(|s| *s != own) {
                    return Err(Error::Invalid(l.msg(
                        "role.other_station",
                        &[
                            ("role", &self.name),
                            ("own", own),
                            ("station", s),
                            ("what", &l.msg("act.reports", &[])),
                        ],
                    )));
                }
                let on = crate::model::date::fmt(on);
                if on != self.server_today {
                    return Err(Error::Invalid(l.msg(
                        "role.backdated_report",
                        &[("role", &self.name), ("on", &on), ("today", &self.server_today)],
                    )));
                }
                Ok(())
            }
        }
    }

    /// The station a station's role is bound to.
    pub fn station(&self) -> Option<&str> {
        match &self.rights {
            Rights::Station(s) => Some(s),
            _ => None,
        }
    }
}

/// A connection to ipguard's records on a server.
pub struct Session {
    pg: Pg,
    role: Role,
}

impl Session {
    /// Connects, checks the schema version and finds out who is logged in.
    pub fn open(url: &str) -> Result<Session> {
        let mut server = Server::connect(url)?;
        // One round trip for the schema's version and who is logged in (a process that adds
        // one case opens a session): without ipguard's schema the query fails, and the check
        // below says why in full.
        let found = server.client().query_one(
            "SELECT (SELECT max(version) FROM ipguard_schema), session_user::text,
                    CASE WHEN pg_has_role(session_user, 'ipguard_office', 'MEMBER')
                              OR session_user::text = (SELECT tableowner::text FROM pg_tables
                                  WHERE schemaname = 'public' AND tablename = 'cases')
                         THEN 'office'
                         WHEN pg_has_role(session_user, 'ipguard_auditor', 'MEMBER') THEN 'auditor'
                         WHEN pg_has_role(session_user, 'ipguard_station', 'MEMBER') THEN 'station'
                    END,
                    ipguard_my_station(),
                    ipguard_server_today(),
                    session_user::text = (SELECT tableowner::text FROM pg_tables
                        WHERE schemaname = 'public' AND tablename = 'cases')
                        OR (SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = session_user)",
            &[],
        );
        let row = match found {
            Ok(row) => {
                let v: Option<i64> = row.get(0);
                schema::judge(&server.target().shown(), Some(v.unwrap_or(0)))?;
                row
            }
            Err(_) => {
                schema::check(&mut server)?;
                return Err(Error::Other(anyhow::anyhow!(
                    crate::i18n::Lang::current()
                        .msg("server.no_session_user", &[("server", &server.target().shown())],)
                )));
            }
        };
        let name: String = row.get(1);
        let group: Option<String> = row.get(2);
        let station: Option<String> = row.get(3);
        let rights = match (group.as_deref(), station) {
            (Some("office"), _) => Rights::Office,
            (Some("auditor"), _) => Rights::Auditor,
            (Some("station"), Some(s)) => Rights::Station(s),
            _ => Rights::None,
        };
        let role = Role {
            name,
            rights,
            server_today: row.get(4),
            bypasses_rls: row.get::<_, Option<bool>>(5).unwrap_or(false),
        };
        Ok(Session {
            pg: Pg::new(server.into_client()),
            role,
        })
    }

    pub(in crate::store) fn pg(&self) -> &Pg {
        &self.pg
    }

    pub fn role(&self) -> &Role {
        &self.role
    }
}
