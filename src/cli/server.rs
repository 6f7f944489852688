//! `ipguard server …` and `ipguard user …`: the city's shared PostgreSQL server.

use super::code_arg;
use clap::{Args, Subcommand};

#[derive(Debug, Args)]
pub struct ServerArgs {
    #[command(subcommand)]
    pub command: ServerCommand,
}

#[derive(Debug, Subcommand)]
pub enum ServerCommand {
    /// Create (or upgrade) ipguard's schema, group roles, grants and row-level security on the
    /// server; run by the database's owner, harmless to run again
    #[command(
        after_help = "Example:\n  PGPASSWORD=… ipguard --db postgres://ipguard_admin@db.example/ipguard?sslmode=verify-full server init"
    )]
    Init,
}

#[derive(Debug, Args)]
pub struct UserArgs {
    #[command(subcommand)]
    pub command: UserCommand,
}

/// The group a new user joins: exactly one of --office, --auditor, --station CODE.
#[derive(Debug, Args)]
#[group(required = true, multiple = false)]
pub struct UserRole {
    /// The city office: reads and writes everything
    #[arg(long)]
    pub office: bool,
    /// An auditor: reads everything, writes nothing
    #[arg(long)]
    pub auditor: bool,
    /// A station's user: reads and writes its own station's records only
    #[arg(long, value_parser = code_arg, value_name = "CODE")]
    pub station: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create a login role on the server in the office's, the auditors' or one station's group
    #[command(
        after_help = "Examples:\n  pass show ipguard/yz | ipguard user add yz_clerk --station CQ-YZ-001 --password-stdin\n  ipguard user add audit1 --auditor --password-stdin < pw.txt"
    )]
    Add {
        /// The login name (lowercase letters, digits and _)
        name: String,
        #[command(flatten)]
        role: UserRole,
        /// Read the password from the first line of standard input (never an argument)
        #[arg(long, required = true)]
        password_stdin: bool,
    },
    /// List ipguard's users on the server, with their group and station
    List,
    /// Drop a user's login role
    Remove {
        /// The login name
        name: String,
    },
    /// Set a user's password
    Passwd {
        /// The login name
        name: String,
        /// Read the new password from the first line of standard input (never an argument)
        #[arg(long, required = true)]
        password_stdin: bool,
    },
}
