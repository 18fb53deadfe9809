//! Hostile archives: `qoima examine` reads zips, tars and compressed streams. It must report,
//! never panic, hang or expand without bound. `qoima verify`'s reading of a zip is fuzzed by the
//! BagIt crate's own target, crates/bagit/fuzz (`verify_zip`), on the same seeds.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let dir = std::env::temp_dir().join(format!("qoima-fuzz-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let zip = dir.join("bag.zip");
    if std::fs::write(&zip, data).is_err() {
        return;
    }
    let _ = qoima::examine::artifacts::inspect(&zip, "install/bag.zip");
    let _ = std::fs::remove_file(&zip);
});
