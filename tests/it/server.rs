//! The city's shared server (issue 13): `server init`, users, and who may do what, enforced
//! by PostgreSQL itself, shown with plain clients connected as each role.

use crate::pg::{refused, Db, PASSWORD};

#[test]
fn init_creates_the_schema_and_says_so_and_running_it_again_is_harmless() {
    let db = Db::new();
    let (code, out, err) = db.ipguard(&db.owner, &["server", "init"], "");
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "");
    let shown = format!(
        "{}@{}:{}/{}",
        db.owner,
        crate::pg::cluster().dir.display(),
        crate::pg::cluster().port,
        db.name
    );
    let last = err.lines().last().unwrap();
    assert_eq!(last, format!("created ipguard's schema version 1 on {shown}"));
    assert!(
        err.contains(&format!(
            "{} (the database's owner) is now a member of ipguard_office",
            db.owner
        )),
        "{err}"
    );
    let mut su = db.superuser();
    let v: i64 = su
        .query_one("SELECT max(version) FROM ipguard_schema", &[])
        .unwrap()
        .get(0);
    assert_eq!(v, 1);
    let (code, out, err) = db.ipguard(&db.owner, &["server", "init"], "");
    assert_eq!((code, out.as_str()), (0, ""), "{err}");
    assert_eq!(
        err,
        format!("{shown} already has ipguard's schema version 1: nothing to do\n")
    );
    let rows: i64 = su
        .query_one("SELECT count(*) FROM ipguard_schema", &[])
        .unwrap()
        .get(0);
    assert_eq!(rows, 1);
    let _ = PASSWORD;
    let _ = refused::<()>;
}
