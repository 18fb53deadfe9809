//! BagIt manifests' path encoding, tag files in any declared encoding (whole, and as the stream
//! `verify` reads manifests from) and bag-info.txt parsing.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let (tags, _problems) = bagit::parse_tags(text);
        for t in &tags {
            let _ = bagit::tag_line(&t.label, &t.value);
        }
        // Encoding then decoding a path gives it back.
        assert_eq!(bagit::decode_path(&bagit::encode_path(text)), text);
        let _ = bagit::lines(text);
    }
    for enc in ["UTF-8", "UTF-16", "ISO-8859-1", "windows-1251", "nonsense"] {
        // `verify` reads manifests as a stream: line for line what the whole file gives.
        let whole = bagit::decode_tag_file(data, enc)
            .map(|t| bagit::lines(&t).into_iter().map(str::to_string).collect::<Vec<_>>());
        let mut streamed = Vec::new();
        let read = bagit::for_each_line(data, enc, u64::MAX, |_, l| streamed.push(l.to_string()));
        match (whole, read) {
            (Some(whole), Ok(())) => assert_eq!(whole, streamed),
            (None, Err(bagit::StreamStop::Encoding)) => {}
            (_, Err(bagit::StreamStop::LongLine(_))) => {}
            (whole, read) => panic!("whole {whole:?}, streamed {read:?}"),
        }
    }
});
