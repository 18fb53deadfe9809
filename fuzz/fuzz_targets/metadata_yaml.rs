//! deposit.yaml and system.yaml as the loader reads them: any bytes give a document or an
//! error with a position, never a panic, a hang or a runaway allocation.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(doc) = qoima::yaml::parse::<qoima::meta::DepositDoc>(text) {
        // What the rules do with a parsed document: the positioned tree.
        let _ = qoima::yaml::Positioned::of(&doc);
    }
    let _ = qoima::yaml::parse::<qoima::meta::SystemDoc>(text);
});
