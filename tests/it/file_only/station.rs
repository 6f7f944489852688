//! The database file is private to its owner (on a server, the roles and grants say who reads:
//! tests/it/server.rs).

use crate::station::station;
use crate::workdir::Workdir;

#[test]
fn database_is_private_to_its_owner() {
    use std::os::unix::fs::PermissionsExt;
    let wd = Workdir::new();
    station(&wd);
    let mode = std::fs::metadata(wd.db()).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
}
