//! Seal manifests (sha256sum format). The BagIt crate's tag files are fuzzed by its own target,
//! crates/bagit/fuzz (`tag_files`), on the same seeds.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = qoima::records::seal::parse_manifest(text);
    }
});
