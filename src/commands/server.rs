//! `ipguard server init` and `ipguard user …`: the groundwork of the city's shared server.

use super::Ctx;
use crate::cli::server::{ServerArgs, ServerCommand, UserArgs, UserCommand, UserRole};
use crate::error::{Error, Result};
use crate::render::{self, Format};
use crate::store::server::{schema, users, Server};

pub fn server(ctx: &Ctx, url: &str, a: ServerArgs) -> Result<()> {
    ctx.format(&[Format::Table])?;
    let mut server = Server::connect(url)?;
    match a.command {
        ServerCommand::Init => {
            let shown = server.target().shown();
            let out = schema::init(&mut server)?;
            if !out.roles_created.is_empty() {
                render::note(&ctx.lang.msg(
                    "server.roles_created",
                    &[("roles", &out.roles_created.join(", "))],
                ));
            }
            if out.owner_joined_office {
                render::note(
                    &ctx.lang
                        .msg("server.owner_joined", &[("user", &server.target().user)]),
                );
            }
            if out.from == out.to {
                render::note(&ctx.lang.msg(
                    "server.schema_current",
                    &[("db", &shown), ("version", &out.to.to_string())],
                ));
            } else if out.from == 0 {
                render::note(&ctx.lang.msg(
                    "server.schema_created",
                    &[("db", &shown), ("version", &out.to.to_string())],
                ));
            } else {
                render::note(&ctx.lang.msg(
                    "server.schema_upgraded",
                    &[
                        ("db", &shown),
                        ("from", &out.from.to_string()),
                        ("to", &out.to.to_string()),
                    ],
                ));
            }
            Ok(())
        }
    }
}

fn read_password() -> Result<String> {
    use std::io::BufRead;
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    let pw = line.strip_suffix('\n').unwrap_or(&line);
    let pw = pw.strip_suffix('\r').unwrap_or(pw).to_string();
    users::check_password(&pw)?;
    Ok(pw)
}

fn kind(role: UserRole) -> users::Kind {
    match role.station {
        Some(code) => users::Kind::Station(code),
        None if role.office => users::Kind::Office,
        None => users::Kind::Auditor,
    }
}

pub fn user(ctx: &Ctx, url: &str, a: UserArgs) -> Result<()> {
    // Arguments are checked before anything is read or any connection made.
    match &a.command {
        UserCommand::Add { name, .. } | UserCommand::Remove { name } | UserCommand::Passwd { name, .. } => {
            users::check_name(name)?
        }
        UserCommand::List => {}
    }
    let format = match a.command {
        UserCommand::List => ctx.list_format()?,
        _ => ctx.format(&[Format::Table])?,
    };
    let password = match &a.command {
        UserCommand::Add { .. } | UserCommand::Passwd { .. } => Some(read_password()?),
        _ => None,
    };
    let mut server = Server::connect(url)?;
    schema::check(&mut server)?;
    let command = &ctx.command;
    match a.command {
        UserCommand::Add { name, role, .. } => {
            let u = users::add(
                &mut server,
                &name,
                &kind(role),
                password.as_deref().unwrap_or(""),
                command,
            )?;
            let station = u.station.map(|s| format!(" {s}")).unwrap_or_default();
            render::note(&ctx.lang.msg(
                "user.added",
                &[("name", &u.name), ("role", &u.role), ("station", &station)],
            ));
        }
        UserCommand::Remove { name } => {
            let u = users::remove(&mut server, &name, command)?;
            render::note(
                &ctx.lang
                    .msg("user.removed", &[("name", &u.name), ("role", &u.role)]),
            );
        }
        UserCommand::Passwd { name, .. } => {
            let u = users::passwd(&mut server, &name, password.as_deref().unwrap_or(""), command)?;
            render::note(&ctx.lang.msg("user.passwd", &[("name", &u.name)]));
        }
        UserCommand::List => {
            let list = users::list(&mut server)?;
            match format {
                Format::Json => render::json(&list)?,
                Format::Csv => render::csv(|w| {
                    let mut out = csv::Writer::from_writer(w);
                    out.write_record(["name", "role", "station"]).map_err(csv_error)?;
                    for u in &list {
                        out.write_record([
                            u.name.as_str(),
                            u.role.as_str(),
                            u.station.as_deref().unwrap_or(""),
                        ])
                        .map_err(csv_error)?;
                    }
                    out.flush()?;
                    Ok(())
                })?,
                _ => {
                    let rows: Vec<Vec<String>> = list
                        .iter()
                        .map(|u| {
                            vec![
                                u.name.clone(),
                                u.role.clone(),
                                u.station.clone().unwrap_or_default(),
                            ]
                        })
                        .collect();
                    render::out(&render::table(ctx.style, &["NAME", "ROLE", "STATION"], &rows))?;
                }
            }
        }
    }
    Ok(())
}

fn csv_error(e: csv::Error) -> Error {
    Error::Other(e.into())
}
