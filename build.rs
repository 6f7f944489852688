//! Rebuilds ipguard when the message catalog changes: `rust_i18n::i18n!` reads `locales/` at
//! compile time, which cargo does not track by itself.
fn main() {
    println!("cargo:rerun-if-changed=locales");
}
