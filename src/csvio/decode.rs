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
    Spooled(Arc<File>),
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

    /// Stdin copied to a temporary file (removed at once, so nothing is left behind);
    /// any other source as it is.
    pub fn spooled(self) -> Result<Source> {
        let Source::Stdin = self else { return Ok(self) };
        let err = |e: io::Error| Error::Other(anyhow::anyhow!("cannot copy stdin to a temporary file: {e}"));
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let path = std::env::temp_dir().join(format!("ipguard-stdin-{}-{nanos}", std::process::id()));
        let mut file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(err)?;
        let _ = std::fs::remove_file(&path);
        io::copy(&mut io::stdin().lock(), &mut file).map_err(|e| open_error("stdin", e))?;
        Ok(Source::Spooled(Arc::new(file)))
    }

    /// The name errors use: the path as given, or `stdin`.
    pub fn name(&self) -> String {
        match self {
            Source::File(p) => p.display().to_string(),
            Source::Stdin | Source::Spooled(_) => "stdin".into(),
            Source::Embedded { name, .. } => (*name).into(),
        }
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
    Error::Other(anyhow::anyhow!("cannot read {name}: {e}"))
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
        Source::Spooled(f) => {
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
fn is_utf8(mut r: impl Read) -> io::Result<bool> {
    let mut buf = vec![0u8; 1 << 16];
    let mut carry = 0;
    loop {
        let n = r.read(&mut buf[carry..])?;
        let end = carry + n;
        if n == 0 {
            return Ok(carry == 0);
        }
        match std::str::from_utf8(&buf[..end]) {
            Ok(_) => carry = 0,
            Err(e) if e.error_len().is_none() => {
                let valid = e.valid_up_to();
                buf.copy_within(valid..end, 0);
                carry = end - valid;
            }
            Err(_) => return Ok(false),
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
