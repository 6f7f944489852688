//! Files ipguard writes besides the database (`export -o`, backups, generated documents): each
//! is written under a temporary name beside its target, created 0600 and never through a
//! symbolic link, flushed to disk, and only then given its name, so that a failure or a kill
//! leaves the previous file (or no file) in place, never part of a new one.

use crate::error::{Error, Result};
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

/// A file being written under a temporary name beside `target`; removed unless committed.
pub struct Staged {
    target: PathBuf,
    temp: PathBuf,
    file: Option<File>,
    force: bool,
    done: bool,
}

/// One line saying why `target` cannot be written, or `Ok` when it may be (absent, or an
/// existing regular file with `force`). `what` names the file in messages, in the language
/// of the command (`file.what_backup`: "the backup", "备份").
pub fn check_target(target: &Path, force: bool, what: &str, never_overwrite: bool) -> Result<()> {
    let lang = crate::i18n::Lang::current();
    let path = target.display().to_string();
    if target.as_os_str().is_empty() {
        return Err(Error::Usage(lang.msg("file.name_empty", &[("what", what)])));
    }
    if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
        if !dir.is_dir() {
            return Err(Error::Other(anyhow::anyhow!(lang.msg(
                "file.no_directory",
                &[
                    ("what", what),
                    ("path", &path),
                    ("dir", &dir.display().to_string())
                ],
            ))));
        }
    }
    let args = [("path", path.as_str())];
    match std::fs::symlink_metadata(target) {
        Err(_) => Ok(()),
        Ok(m) if m.file_type().is_symlink() => Err(Error::Invalid(lang.msg("file.symlink", &args))),
        Ok(m) if m.is_dir() => Err(Error::Invalid(lang.msg("file.directory", &args))),
        Ok(_) if never_overwrite => Err(Error::Invalid(lang.msg("file.exists_backup", &args))),
        Ok(m) if !m.is_file() => Err(Error::Invalid(lang.msg("file.not_regular", &args))),
        Ok(_) if !force => Err(Error::Invalid(lang.msg("file.exists", &args))),
        Ok(_) => Ok(()),
    }
}

impl Staged {
    /// Creates the temporary file beside `target` (mode 0600, a new file: never an existing
    /// one or a link). `target` itself is checked with [`check_target`] first.
    pub fn beside(target: &Path, force: bool) -> Result<Staged> {
        let dir = match target.parent().filter(|d| !d.as_os_str().is_empty()) {
            Some(d) => d.to_path_buf(),
            None => PathBuf::from("."),
        };
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "out".into());
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        for attempt in 0..100u32 {
            let temp = dir.join(format!(
                ".{name}.ipguard-{}-{nanos}-{attempt}.tmp",
                std::process::id()
            ));
            let mut opts = std::fs::OpenOptions::new();
            opts.read(true).write(true).create_new(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                opts.mode(0o600);
            }
            match opts.open(&temp) {
                Ok(file) => {
                    return Ok(Staged {
                        target: target.to_path_buf(),
                        temp,
                        file: Some(file),
                        force,
                        done: false,
                    })
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(cannot_write(target, &e)),
            }
        }
        Err(Error::Other(anyhow::anyhow!(crate::i18n::Lang::current().msg(
            "file.no_temporary_name",
            &[("path", &target.display().to_string())],
        ))))
    }

    /// The temporary file's path (for SQLite, which opens files itself).
    pub fn temp_path(&self) -> &Path {
        &self.temp
    }

    /// The open temporary file.
    pub fn file(&mut self) -> &mut File {
        self.file.as_mut().expect("a staged file is open until committed")
    }

    /// Syncs the temporary file and gives it the target's name: a new name only (a link, which
    /// fails if anything appeared there meanwhile), or replacing a regular file with `force`.
    pub fn commit(mut self) -> Result<()> {
        let fail = |e: std::io::Error, t: &Path| cannot_write(t, &e);
        match self.file.take() {
            Some(f) => f.sync_all().map_err(|e| fail(e, &self.target))?,
            None => File::open(&self.temp)
                .and_then(|f| f.sync_all())
                .map_err(|e| fail(e, &self.target))?,
        }
        let exists = std::fs::symlink_metadata(&self.target).is_ok();
        if exists && self.force {
            // Checked again just before: replacing never follows a link.
            let what = crate::i18n::Lang::current().msg("file.what_file", &[]);
            check_target(&self.target, true, &what, false)?;
            std::fs::rename(&self.temp, &self.target).map_err(|e| fail(e, &self.target))?;
        } else {
            match std::fs::hard_link(&self.temp, &self.target) {
                Ok(()) => {
                    let _ = std::fs::remove_file(&self.temp);
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    return Err(Error::Invalid(
                        crate::i18n::Lang::current()
                            .msg("file.appeared", &[("path", &self.target.display().to_string())]),
                    ));
                }
                // A file system without hard links: the target was checked absent above.
                Err(_) => std::fs::rename(&self.temp, &self.target).map_err(|e| fail(e, &self.target))?,
            }
        }
        if let Some(dir) = self.target.parent().filter(|d| !d.as_os_str().is_empty()) {
            let _ = File::open(dir).and_then(|d| d.sync_all());
        }
        self.done = true;
        Ok(())
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.done {
            self.file.take();
            let _ = std::fs::remove_file(&self.temp);
            for suffix in ["-journal", "-wal", "-shm"] {
                let mut p = self.temp.clone().into_os_string();
                p.push(suffix);
                let _ = std::fs::remove_file(p);
            }
        }
    }
}

/// Writes a file through `write`, all or nothing: checked with [`check_target`], written under
/// a temporary name, flushed and then renamed over the target (mode 0600).
pub fn write_file(
    target: &Path,
    force: bool,
    write: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    let what = crate::i18n::Lang::current().msg("file.what_file", &[]);
    check_target(target, force, &what, false)?;
    let mut staged = Staged::beside(target, force)?;
    {
        let mut out = std::io::BufWriter::new(staged.file());
        write(&mut out)?;
        out.flush().map_err(|e| write_failed(target, e))?;
    }
    staged.commit()
}

fn write_failed(target: &Path, e: std::io::Error) -> Error {
    Error::Other(anyhow::anyhow!(crate::i18n::Lang::current().msg(
        "file.write_failed",
        &[("path", &target.display().to_string()), ("error", &e.to_string())],
    )))
}

/// `cannot write PATH: the system's reason` (the reason is the system's text).
fn cannot_write(target: &Path, e: &std::io::Error) -> Error {
    Error::Other(anyhow::anyhow!(crate::i18n::Lang::current().msg(
        "file.cannot_write",
        &[("path", &target.display().to_string()), ("error", &e.to_string())],
    )))
}

/// Whether `a` and `b` name the same file: the same device and inode when both exist, else
/// the same canonical directory and file name.
pub fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(ma), Ok(mb)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return ma.dev() == mb.dev() && ma.ino() == mb.ino();
        }
    }
    match (canonical_name(a), canonical_name(b)) {
        (Some(x), Some(y)) => x == y,
        _ => false,
    }
}

/// The path with its directory made canonical (the file itself need not exist).
fn canonical_name(p: &Path) -> Option<PathBuf> {
    let dir = match p.parent().filter(|d| !d.as_os_str().is_empty()) {
        Some(d) => d.to_path_buf(),
        None => PathBuf::from("."),
    };
    Some(std::fs::canonicalize(dir).ok()?.join(p.file_name()?))
}

/// Refuses a target that is the database `db` or one of its `-wal`, `-shm`, `-journal` files
/// (compared by identity, not by spelling).
pub fn refuse_database(target: &Path, db: &Path) -> Result<()> {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut p = db.as_os_str().to_os_string();
        p.push(suffix);
        if same_file(target, Path::new(&p)) {
            let lang = crate::i18n::Lang::current();
            let path = target.display().to_string();
            return Err(Error::Invalid(if suffix.is_empty() {
                lang.msg("file.is_database", &[("path", &path)])
            } else {
                lang.msg(
                    "file.is_database_part",
                    &[("path", &path), ("part", &suffix[1..])],
                )
            }));
        }
    }
    Ok(())
}
