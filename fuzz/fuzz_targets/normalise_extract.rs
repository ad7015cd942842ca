//! Arbitrary bytes through read (decode) → normalise → extract → RDF mapping, as plain text and
//! as Markdown, checking that nothing panics and that every offset the stages report points
//! where it says. The checks live in fuzz/checks.rs; see fuzz/README.md.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../checks.rs"]
mod checks;

fuzz_target!(|data: &[u8]| checks::check_input(data));
