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
        after_help = "Example:\n  export IPGUARD_DB='postgres://admin@db.example/ipguard?sslmode=require'\n  PGPASSWORD=… ipguard server init"
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
        after_help = "Examples:\n  ipguard user add yz_clerk --station CQ-YZ-001 --password-stdin < yz_clerk.pw\n  ipguard user add audit1 --auditor --password-stdin < audit1.pw"
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
    #[command(after_help = "Example:\n  ipguard user list --format csv")]
    List,
    /// Drop a user's login role
    #[command(after_help = "Example:\n  ipguard user remove yz_clerk")]
    Remove {
        /// The login name
        name: String,
    },
    /// Set a user's password
    #[command(after_help = "Example:\n  ipguard user passwd yz_clerk --password-stdin < yz_clerk.pw")]
    Passwd {
        /// The login name
        name: String,
        /// Read the new password from the first line of standard input (never an argument)
        #[arg(long, required = true)]
        password_stdin: bool,
    },
}
