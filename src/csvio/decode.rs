//! Opening an import source and turning its bytes into UTF-8 as a stream: a UTF-8 BOM is
//! dropped, a file that is not valid UTF-8 is decoded as GB18030 (or the encoding given with
//! `--encoding`). The raw bytes are hashed (SHA-256, for the audit log) and counted (for the
//! progress bar) on the way through.

use crate::error::{Error, Result};
use encoding_rs::{Decoder, GB18030};
use sha2::{Digest, Sha256};
use std::cell::Cell;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::Arc;

/// The encoding of an import file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Encoding {
    /// UTF-8, with or without a BOM.
    #[value(name = "utf-8", alias = "utf8")]
    Utf8,
    /// GB18030 (and its subsets GBK and GB2312), as Chinese Excel writes "CSV".
    Gb18030,
}

/// Where an import reads from.
#[derive(Debug, Clone)]
pub enum Source {
    File(PathBuf),
    Stdin,
    /// Stdin copied to an unnamed temporary file ([`Source::spooled`]), so that it can be
    /// read more than once without being held in memory.
    Spooled(Arc<File>, String),
    /// Bytes built into the binary (the demo dataset), under a file name for messages.
    Embedded {
        name: &'static str,
        bytes: &'static [u8],
    },
}

impl Source {
    /// `-` is stdin.
    pub fn from_arg(p: &Path) -> Source {
        if p.as_os_str() == "-" {
            Source::Stdin
        } else {
            Source::File(p.to_path_buf())
        }
    }

    /// Stdin, a pipe or a FIFO (`<(cat file)`, `/dev/stdin`) copied to a temporary file
    /// (removed at once, so nothing is left behind), since such input can be read only once; a
    /// regular file as it is. Anything else (a device such as `/dev/zero`, a directory) is
    /// refused, and so is a line longer than any CSV record could be.
    pub fn spooled(self) -> Result<Source> {
        let name = self.name();
        let input: Box<dyn Read> = match &self {
            Source::Stdin => Box::new(io::stdin().lock()),
            Source::File(p) => {
                let meta = std::fs::metadata(p).map_err(|e| open_error(&name, e))?;
                if meta.is_file() {
                    return Ok(self);
                }
                #[cfg(unix)]
                let pipe = {
                    use std::os::unix::fs::FileTypeExt;
                    meta.file_type().is_fifo() || meta.file_type().is_socket()
                };
                #[cfg(not(unix))]
                let pipe = false;
                if !pipe {
                    let lang = crate::i18n::Lang::current();
                    let args = [("file", name.as_str())];
                    return Err(Error::Other(anyhow::anyhow!(if meta.is_dir() {
                        lang.msg("import.not_regular_directory", &args)
                    } else {
                        lang.msg("import.not_regular_device", &args)
                    })));
                }
                Box::new(File::open(p).map_err(|e| open_error(&name, e))?)
            }
            _ => return Ok(self),
        };
        let err = |e: io::Error| spool_error(&name, e);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let path = std::env::temp_dir().join(format!("ipguard-stdin-{}-{nanos}", std::process::id()));
        let mut opts = std::fs::OpenOptions::new();
        opts.read(true).write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        let mut file = opts.open(&path).map_err(err)?;
        let _ = std::fs::remove_file(&path);
        spool(input, &mut file, &name)?;
        Ok(Source::Spooled(Arc::new(file), name))
    }

    /// The name errors use: the path as given, or `stdin`.
    pub fn name(&self) -> String {
        match self {
            Source::File(p) => p.display().to_string(),
            Source::Stdin => "stdin".into(),
            Source::Spooled(_, name) => name.clone(),
            Source::Embedded { name, .. } => (*name).into(),
        }
    }
}

/// The longest line a pipe may send before a line end: far more than any record can hold.
pub const SPOOL_LINE_LIMIT: u64 = 1 << 24;

/// Copies `input` to `out`, refusing a line longer than [`SPOOL_LINE_LIMIT`] bytes (an endless
/// stream such as `<(cat /dev/zero)` is not a CSV file).
fn spool(mut input: impl Read, out: &mut File, name: &str) -> Result<()> {
    let mut buf = vec![0u8; 1 << 16];
    let (mut run, mut line) = (0u64, 1u64);
    loop {
        let n = match input.read(&mut buf) {
            Ok(0) => return Ok(()),
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(open_error(name, e)),
        };
        for &b in &buf[..n] {
            if b == b'\n' || b == b'\r' {
                run = 0;
                line += u64::from(b == b'\n');
            } else {
                run += 1;
            }
        }
        if run > SPOOL_LINE_LIMIT {
            return Err(Error::Invalid(crate::i18n::Lang::current().msg(
                "import.line_too_long",
                &[
                    ("file", name),
                    ("line", &line.to_string()),
                    ("max", &SPOOL_LINE_LIMIT.to_string()),
                ],
            )));
        }
        io::Write::write_all(out, &buf[..n]).map_err(|e| spool_error(name, e))?;
    }
}

/// An opened source: the decoded UTF-8 stream, the chosen encoding, its size when known, and
/// shared counters of the raw bytes read and their hash.
pub struct Opened {
    pub reader: Box<dyn Read>,
    pub encoding: Encoding,
    /// True when the encoding was guessed because the bytes are not valid UTF-8.
    pub guessed: bool,
    pub len: Option<u64>,
    pub progress: Rc<Tally>,
}

/// Bytes read so far and their running hash.
#[derive(Default)]
pub struct Tally {
    pub bytes: Cell<u64>,
    hash: std::cell::RefCell<Sha256>,
}

impl Tally {
    /// The SHA-256 of everything read, in lowercase hex.
    pub fn sha256(&self) -> String {
        let h = self.hash.borrow().clone().finalize();
        h.iter().map(|b| format!("{b:02x}")).collect()
    }
}

struct Tallying<R> {
    inner: R,
    tally: Rc<Tally>,
}

impl<R: Read> Read for Tallying<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.tally.bytes.set(self.tally.bytes.get() + n as u64);
        self.tally.hash.borrow_mut().update(&buf[..n]);
        Ok(n)
    }
}

fn open_error(name: &str, e: io::Error) -> Error {
    cannot_read(name, &e)
}

/// `cannot read FILE: the reason` (the reason is the system's or the CSV reader's text).
pub fn cannot_read(name: &str, e: &dyn std::fmt::Display) -> Error {
    Error::Other(anyhow::anyhow!(
        crate::i18n::Lang::current().msg("import.cannot_read", &[("file", name), ("error", &e.to_string())],)
    ))
}

fn spool_error(name: &str, e: io::Error) -> Error {
    Error::Other(anyhow::anyhow!(crate::i18n::Lang::current().msg(
        "import.cannot_spool",
        &[("file", name), ("error", &e.to_string())],
    )))
}

/// Opens `source`, choosing the encoding (`forced`, else UTF-8 when every byte is valid UTF-8,
/// else GB18030). A file (and stdin once spooled) is checked in a first streaming pass;
/// stdin not spooled, which cannot be read twice, is held in memory.
pub fn open(source: &Source, forced: Option<Encoding>) -> Result<Opened> {
    let name = source.name();
    let tally = Rc::new(Tally::default());
    let (raw, len, encoding, guessed): (Box<dyn Read>, Option<u64>, Encoding, bool) = match source {
        Source::File(p) => {
            let open = || File::open(p).map_err(|e| open_error(&name, e));
            let f = open()?;
            let len = f.metadata().ok().map(|m| m.len());
            let (enc, guessed) = match forced {
                Some(e) => (e, false),
                None if is_utf8(f).map_err(|e| open_error(&name, e))? => (Encoding::Utf8, false),
                None => (Encoding::Gb18030, true),
            };
            (Box::new(open()?), len, enc, guessed)
        }
        Source::Spooled(f, _) => {
            let rewound = || -> io::Result<File> {
                let mut f = f.try_clone()?;
                f.seek(SeekFrom::Start(0))?;
                Ok(f)
            };
            let f = rewound().map_err(|e| open_error(&name, e))?;
            let len = f.metadata().ok().map(|m| m.len());
            let (enc, guessed) = match forced {
                Some(e) => (e, false),
                None if is_utf8(f).map_err(|e| open_error(&name, e))? => (Encoding::Utf8, false),
                None => (Encoding::Gb18030, true),
            };
            let f = rewound().map_err(|e| open_error(&name, e))?;
            (Box::new(f), len, enc, guessed)
        }
        Source::Stdin => {
            let mut buf = Vec::new();
            io::stdin()
                .lock()
                .read_to_end(&mut buf)
                .map_err(|e| open_error(&name, e))?;
            let (enc, guessed) = match forced {
                Some(e) => (e, false),
                None if std::str::from_utf8(&buf).is_ok() => (Encoding::Utf8, false),
                None => (Encoding::Gb18030, true),
            };
            let len = Some(buf.len() as u64);
            (Box::new(io::Cursor::new(buf)), len, enc, guessed)
        }
        Source::Embedded { bytes, .. } => {
            let (enc, guessed) = match forced {
                Some(e) => (e, false),
                None if std::str::from_utf8(bytes).is_ok() => (Encoding::Utf8, false),
                None => (Encoding::Gb18030, true),
            };
            (
                Box::new(io::Cursor::new(*bytes)),
                Some(bytes.len() as u64),
                enc,
                guessed,
            )
        }
    };
    let mut buffered = BufReader::with_capacity(
        1 << 16,
        Tallying {
            inner: raw,
            tally: tally.clone(),
        },
    );
    let reader: Box<dyn Read> = match encoding {
        Encoding::Utf8 => {
            let head = buffered.fill_buf().map_err(|e| open_error(&name, e))?;
            if head.starts_with(b"\xEF\xBB\xBF") {
                buffered.consume(3);
            }
            Box::new(buffered)
        }
        // Buffered so that the decoder always gets room for whole characters.
        Encoding::Gb18030 => Box::new(BufReader::with_capacity(
            1 << 16,
            Decoding {
                inner: buffered,
                decoder: GB18030.new_decoder_with_bom_removal(),
                done: false,
            },
        )),
    };
    Ok(Opened {
        reader,
        encoding,
        guessed,
        len,
        progress: tally,
    })
}

/// Whether everything `r` yields is valid UTF-8, reading it in chunks.
fn is_utf8(r: impl Read) -> io::Result<bool> {
    Ok(utf8_check(r)?.first_bad.is_none())
}

/// What a UTF-8 reading of a file found: the raw offset of its first invalid byte, how many
/// invalid sequences and how many valid characters of more than one byte it holds.
struct Utf8Check {
    first_bad: Option<u64>,
    bad: u64,
    multi: u64,
}

fn utf8_check(mut r: impl Read) -> io::Result<Utf8Check> {
    let mut buf = vec![0u8; 1 << 16];
    let mut carry = 0;
    let mut base = 0u64;
    let mut found = Utf8Check {
        first_bad: None,
        bad: 0,
        multi: 0,
    };
    let leads = |b: &[u8]| b.iter().filter(|c| **c >= 0xC0).count() as u64;
    loop {
        let n = r.read(&mut buf[carry..])?;
        let end = carry + n;
        if n == 0 {
            if carry > 0 {
                found.first_bad.get_or_insert(base);
                found.bad += 1;
            }
            return Ok(found);
        }
        let mut at = 0;
        loop {
            match std::str::from_utf8(&buf[at..end]) {
                Ok(_) => {
                    found.multi += leads(&buf[at..end]);
                    at = end;
                    break;
                }
                Err(e) => {
                    let valid = at + e.valid_up_to();
                    found.multi += leads(&buf[at..valid]);
                    match e.error_len() {
                        None => {
                            at = valid;
                            break;
                        }
                        Some(len) => {
                            found.first_bad.get_or_insert(base + valid as u64);
                            found.bad += 1;
                            at = valid + len;
                        }
                    }
                }
            }
        }
        buf.copy_within(at..end, 0);
        carry = end - at;
        base += at as u64;
    }
}

/// The line and column (in characters, 1-based) of the raw byte at `offset`, reading `r` as
/// UTF-8: lines end at CRLF, LF or a lone CR, as the file has them.
fn locate_utf8(r: impl Read, offset: u64) -> io::Result<(u64, u64)> {
    let (mut line, mut col, mut prev_cr) = (1u64, 0u64, false);
    for (i, b) in BufReader::new(r).bytes().enumerate() {
        let b = b?;
        if i as u64 == offset {
            break;
        }
        match b {
            b'\n' if prev_cr => col = 0,
            b'\n' | b'\r' => {
                line += 1;
                col = 0;
            }
            _ if b & 0xC0 != 0x80 && !(i < 3 && line == 1 && b == 0xEF) => col += 1,
            _ => {}
        }
        prev_cr = b == b'\r';
    }
    Ok((line, col + 1))
}

/// The first byte sequence of `r` that is not GB18030, as (line, column, the bytes), counting
/// in the decoded characters; `None` when the whole file decodes.
fn gb_check(r: impl Read) -> io::Result<Option<(u64, u64, Vec<u8>)>> {
    let mut input = BufReader::with_capacity(1 << 16, r);
    let mut decoder = GB18030.new_decoder_with_bom_removal();
    let mut out = vec![0u8; 1 << 17];
    let (mut line, mut col, mut prev_cr) = (1u64, 0u64, false);
    let mut count = |text: &[u8], line: &mut u64, col: &mut u64| {
        for &b in text {
            match b {
                b'\n' if prev_cr => *col = 0,
                b'\n' | b'\r' => {
                    *line += 1;
                    *col = 0;
                }
                _ if b & 0xC0 != 0x80 => *col += 1,
                _ => {}
            }
            prev_cr = b == b'\r';
        }
    };
    loop {
        let src = input.fill_buf()?;
        let last = src.is_empty();
        let (result, read, written) = decoder.decode_to_utf8_without_replacement(src, &mut out, last);
        let bad = match result {
            encoding_rs::DecoderResult::Malformed(len, extra) => {
                let end = read.saturating_sub(usize::from(extra));
                let start = end.saturating_sub(usize::from(len));
                Some(src[start..end].to_vec())
            }
            _ => None,
        };
        count(&out[..written], &mut line, &mut col);
        if let Some(bytes) = bad {
            return Ok(Some((line, col + 1, bytes)));
        }
        input.consume(read);
        if last && matches!(result, encoding_rs::DecoderResult::InputEmpty) {
            return Ok(None);
        }
    }
}

/// How a file will be read, or the first byte that is not valid in its encoding.
pub enum Choice {
    /// Read in this encoding; `guessed` when chosen because the bytes are not UTF-8.
    Read { encoding: Encoding, guessed: bool },
    /// Refused: (line, column, message).
    Bad { line: u64, col: u64, message: String },
}

fn hex(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| format!("0x{b:02X}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Chooses the encoding of `source` (`forced`, else UTF-8 when every byte is valid UTF-8,
/// else GB18030 when the whole file is valid GB18030 and not mostly UTF-8) and checks that
/// the file is valid in it: a file never reaches the import with bytes its decoder would
/// replace by U+FFFD.
pub fn choose(source: &Source, forced: Option<Encoding>) -> Result<Choice> {
    let name = source.name();
    let raw = || -> Result<Box<dyn Read>> {
        let r: Box<dyn Read> = match source {
            Source::File(p) => Box::new(File::open(p).map_err(|e| open_error(&name, e))?),
            Source::Spooled(f, _) => {
                let mut f = f.try_clone().map_err(|e| open_error(&name, e))?;
                f.seek(SeekFrom::Start(0)).map_err(|e| open_error(&name, e))?;
                Box::new(f)
            }
            Source::Embedded { bytes, .. } => Box::new(io::Cursor::new(*bytes)),
            Source::Stdin => Box::new(io::empty()),
        };
        Ok(r)
    };
    let io = |e: io::Error| open_error(&name, e);
    let utf8_bad = |offset: u64, mostly: bool| -> Result<Choice> {
        let (line, col) = locate_utf8(raw()?, offset).map_err(io)?;
        let mut b = raw()?;
        io::copy(&mut (&mut b).take(offset), &mut io::sink()).map_err(io)?;
        let mut bytes = [0u8; 1];
        let n = b.read(&mut bytes).map_err(io)?;
        let lang = crate::i18n::Lang::current();
        let bytes_shown = hex(&bytes[..n]);
        let args = [("bytes", bytes_shown.as_str())];
        Ok(Choice::Bad {
            line,
            col,
            message: if mostly {
                lang.msg("import.broken_utf8", &args)
            } else {
                lang.msg("import.not_utf8", &args)
            },
        })
    };
    let gb = |guessed: bool| -> Result<Choice> {
        match gb_check(raw()?).map_err(io)? {
            None => Ok(Choice::Read {
                encoding: Encoding::Gb18030,
                guessed,
            }),
            Some((line, col, bytes)) => Ok(Choice::Bad {
                line,
                col,
                message: {
                    let lang = crate::i18n::Lang::current();
                    let shown = hex(&bytes);
                    let args = [("bytes", shown.as_str())];
                    match (bytes.len() == 1, guessed) {
                        (true, true) => lang.msg("import.not_gb18030_byte_guessed", &args),
                        (false, true) => lang.msg("import.not_gb18030_bytes_guessed", &args),
                        (true, false) => lang.msg("import.not_gb18030_byte", &args),
                        (false, false) => lang.msg("import.not_gb18030_bytes", &args),
                    }
                },
            }),
        }
    };
    match forced {
        Some(Encoding::Gb18030) => gb(false),
        Some(Encoding::Utf8) => match utf8_check(raw()?).map_err(io)?.first_bad {
            None => Ok(Choice::Read {
                encoding: Encoding::Utf8,
                guessed: false,
            }),
            Some(offset) => utf8_bad(offset, false),
        },
        None => {
            let found = utf8_check(raw()?).map_err(io)?;
            match found.first_bad {
                None => Ok(Choice::Read {
                    encoding: Encoding::Utf8,
                    guessed: false,
                }),
                // More valid characters of several bytes than invalid bytes: UTF-8 with a
                // few broken bytes, not another encoding.
                Some(offset) if found.multi > found.bad => utf8_bad(offset, true),
                Some(_) => gb(true),
            }
        }
    }
}

/// A reader that decodes GB18030 into UTF-8 as it goes.
struct Decoding<R> {
    inner: R,
    decoder: Decoder,
    done: bool,
}

impl<R: BufRead> Read for Decoding<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        loop {
            if self.done {
                return Ok(0);
            }
            let src = self.inner.fill_buf()?;
            let last = src.is_empty();
            let (_, read, written, _) = self.decoder.decode_to_utf8(src, out, last);
            self.inner.consume(read);
            if last && written == 0 {
                self.done = true;
            }
            if written > 0 || self.done {
                return Ok(written);
            }
        }
    }
}
