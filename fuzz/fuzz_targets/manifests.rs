//! Seal manifests (sha256sum format), BagIt manifests' path encoding, tag files in any
//! declared encoding and bag-info.txt parsing.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = qoima::seal::parse_manifest(text);
        let (tags, _problems) = qoima::bagit::parse_tags(text);
        for t in &tags {
            let _ = qoima::bagit::tag_line(&t.label, &t.value);
        }
        // Encoding then decoding a path gives it back.
        assert_eq!(qoima::bagit::decode_path(&qoima::bagit::encode_path(text)), text);
        let _ = qoima::bagit::lines(text);
    }
    for enc in ["UTF-8", "UTF-16", "ISO-8859-1", "windows-1251", "nonsense"] {
        let _ = qoima::bagit::decode_tag_file(data, enc);
    }
});
