//! What importing one file did: its counts and the keys it changed, for the report and the
//! audit entry.

use super::Kind;
use sha2::{Digest, Sha256};

/// How many changed keys the audit entry lists; beyond that it gives their count and digest.
pub const AUDIT_KEYS: usize = 1000;

/// What importing one file did (or would do).
#[derive(Debug)]
pub struct Summary {
    pub file: String,
    pub kind: Kind,
    pub sha256: String,
    pub added: u64,
    pub updated: u64,
    pub unchanged: u64,
    /// The keys of the records added or updated.
    pub changed: ChangedKeys,
    /// The ids generated for rows without one: (line, id), in file order.
    pub generated: Vec<(u64, String)>,
}

/// The keys of the records added or updated, in file order: the first [`AUDIT_KEYS`] of them,
/// how many there are, and the SHA-256 of all of them (each followed by a line feed), so the
/// audit entry stays small however large the file is.
pub struct ChangedKeys {
    pub first: Vec<String>,
    pub count: u64,
    digest: Sha256,
}

impl Default for ChangedKeys {
    fn default() -> Self {
        ChangedKeys {
            first: Vec::new(),
            count: 0,
            digest: Sha256::new(),
        }
    }
}

impl std::fmt::Debug for ChangedKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ChangedKeys({} keys)", self.count)
    }
}

impl ChangedKeys {
    pub(crate) fn push(&mut self, key: &str) {
        self.count += 1;
        self.digest.update(key.as_bytes());
        self.digest.update(b"\n");
        if self.first.len() < AUDIT_KEYS {
            self.first.push(key.to_string());
        }
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The SHA-256 of every key, each followed by `\n`, in file order (lowercase hex).
    pub fn sha256(&self) -> String {
        let h = self.digest.clone().finalize();
        h.iter().map(|b| format!("{b:02x}")).collect()
    }
}

impl Summary {
    /// `N added, M updated, K unchanged`.
    pub fn counts(&self) -> String {
        crate::i18n::Lang::current().msg(
            "import.counts",
            &[
                ("added", &self.added.to_string()),
                ("updated", &self.updated.to_string()),
                ("unchanged", &self.unchanged.to_string()),
            ],
        )
    }

    /// The audit entry's content.
    pub fn audit_json(&self) -> serde_json::Value {
        serde_json::json!({
            "file": self.file,
            "kind": self.kind.name(),
            "sha256": self.sha256,
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "keys": self.changed.first,
            "keys_count": self.changed.count,
            "keys_sha256": self.changed.sha256(),
        })
    }
}
