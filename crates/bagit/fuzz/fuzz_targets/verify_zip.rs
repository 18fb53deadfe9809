//! A hostile zip given to `verify`, which reads a bag in place: it must report, never panic,
//! hang or expand without bound.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let dir = std::env::temp_dir().join(format!("qoima-bagit-fuzz-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let zip = dir.join("bag.zip");
    if std::fs::write(&zip, data).is_err() {
        return;
    }
    let _ = bagit::verify::verify(&zip, &());
    let _ = std::fs::remove_file(&zip);
});
