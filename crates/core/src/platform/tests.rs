use std::path::Path;

use super::{Kind, Walked};

type WalkFn = fn(&Path, &mut dyn FnMut(Walked<'_>) -> bool) -> std::io::Result<()>;

/// Every event of a walk as a line; folders named `skip` are not entered.
fn walked(walk: WalkFn, root: &Path, skip: &str) -> Vec<String> {
    let mut out = Vec::new();
    walk(root, &mut |w| match w {
        Walked::Listed { inner, names } => {
            out.push(format!("listed {inner}: {}", names.join(" ")));
            true
        }
        Walked::Entry(e) => {
            let kind = match &e.kind {
                Kind::Dir => "dir".to_string(),
                Kind::File(Ok(m)) => format!("file {}", m.len),
                Kind::File(Err(e)) => format!("error {e}"),
                Kind::Symlink => "link".into(),
                Kind::Special => "special".into(),
            };
            out.push(format!("{} {} {} {kind}", e.depth, e.inner, e.name));
            e.inner != skip
        }
        Walked::NotUtf8 { inner } => {
            out.push(format!("not utf-8 {inner}"));
            true
        }
        Walked::Error { inner, error } => {
            out.push(format!("error {inner} {error}"));
            true
        }
    })
    .unwrap();
    out
}

/// A tree of folders and files of several sizes, names in an order a listing does not give.
fn fixture(r: &Path) {
    std::fs::create_dir_all(r.join("a/b")).unwrap();
    std::fs::create_dir_all(r.join("skip/inner")).unwrap();
    std::fs::create_dir_all(r.join("empty")).unwrap();
    std::fs::create_dir_all(r.join("Ünicode/қазақша")).unwrap();
    std::fs::write(r.join("a/b/c.txt"), "xyz").unwrap();
    std::fs::write(r.join("a.txt"), "").unwrap();
    std::fs::write(r.join("B.md"), vec![b'x'; 70_000]).unwrap();
    std::fs::write(r.join("a-b"), "12").unwrap();
    std::fs::write(r.join("skip/inner/x"), "1").unwrap();
    std::fs::write(r.join("Ünicode/қазақша/файл.txt"), "сәлем").unwrap();
}

#[test]
fn walks_in_name_order_depth_first() {
    let t = tempfile::tempdir().unwrap();
    fixture(t.path());
    let expected = [
        "listed : B.md a a-b a.txt empty skip Ünicode",
        "1 B.md B.md file 70000",
        "1 a a dir",
        "listed a: b",
        "2 a/b b dir",
        "listed a/b: c.txt",
        "3 a/b/c.txt c.txt file 3",
        "1 a-b a-b file 2",
        "1 a.txt a.txt file 0",
        "1 empty empty dir",
        "listed empty: ",
        "1 skip skip dir",
        "1 Ünicode Ünicode dir",
        "listed Ünicode: қазақша",
        "2 Ünicode/қазақша қазақша dir",
        "listed Ünicode/қазақша: файл.txt",
        "3 Ünicode/қазақша/файл.txt файл.txt file 10",
    ];
    assert_eq!(walked(super::walk, t.path(), "skip"), expected);
    assert_eq!(walked(super::portable::walk, t.path(), "skip"), expected);
}

/// Both walks give the same entries, in the same order, of the same kinds and sizes, and the
/// same modification times; links are reported and never followed.
#[cfg(unix)]
#[test]
fn the_portable_walk_lists_what_the_unix_walk_lists() {
    let t = tempfile::tempdir().unwrap();
    let r = t.path();
    fixture(r);
    std::os::unix::fs::symlink("/etc", r.join("link")).unwrap();
    std::os::unix::fs::symlink("/etc", r.join("a/dirlink")).unwrap();
    std::os::unix::fs::symlink("missing", r.join("a/dangling")).unwrap();
    let fifo = std::ffi::CString::new(r.join("a/fifo").into_os_string().into_encoded_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0, "mkfifo");
    let unix = walked(super::unix::walk, r, "skip");
    assert_eq!(walked(super::portable::walk, r, "skip"), unix);
    assert!(unix.contains(&"2 a/dirlink dirlink link".to_string()), "{unix:?}");
    assert!(unix.contains(&"2 a/fifo fifo special".to_string()), "{unix:?}");
    let times = |walk: WalkFn| {
        let mut out = Vec::new();
        walk(r, &mut |w| {
            if let Walked::Entry(e) = w
                && let Kind::File(Ok(m)) = e.kind
            {
                out.push((e.inner.to_string(), m.mtime));
            }
            true
        })
        .unwrap();
        out
    };
    assert_eq!(times(super::portable::walk), times(super::unix::walk));
    // What both say of one file, as the caches see it.
    let (u, p) =
        (super::unix::regular_file(&r.join("B.md")).unwrap(), super::portable::regular_file(&r.join("B.md")).unwrap());
    assert_eq!((u.len, u.mtime), (p.len, p.mtime));
    assert!(
        super::portable::regular_file(&r.join("link")).is_none() && super::unix::regular_file(&r.join("a")).is_none()
    );
}

#[cfg(unix)]
#[test]
fn a_name_that_is_not_utf8_is_reported_and_not_entered() {
    use std::os::unix::ffi::OsStrExt;
    let t = tempfile::tempdir().unwrap();
    let bad = std::ffi::OsStr::from_bytes(b"bad\xff");
    std::fs::create_dir_all(t.path().join("d").join(bad)).unwrap();
    std::fs::write(t.path().join("d").join(bad).join("f"), "1").unwrap();
    let expected = ["listed : d", "1 d d dir", "listed d: ", "not utf-8 d/bad\u{fffd}"];
    assert_eq!(walked(super::walk, t.path(), ""), expected);
    assert_eq!(walked(super::portable::walk, t.path(), ""), expected);
}

#[test]
fn the_root_must_open() {
    let t = tempfile::tempdir().unwrap();
    std::fs::write(t.path().join("file"), "").unwrap();
    for walk in [super::walk as WalkFn, super::portable::walk] {
        assert!(walk(&t.path().join("missing"), &mut |_| true).is_err());
        assert!(walk(&t.path().join("file"), &mut |_| true).is_err());
    }
}

#[test]
fn random_bytes_differ_from_call_to_call() {
    let (mut a, mut b) = ([0u8; 32], [0u8; 32]);
    super::random_bytes(&mut a).unwrap();
    super::random_bytes(&mut b).unwrap();
    assert_ne!(a, b);
    super::portable::random_bytes(&mut a).unwrap();
    super::portable::random_bytes(&mut b).unwrap();
    assert_ne!(a, b);
    assert_ne!(a, [0u8; 32]);
}

#[test]
fn reading_at_an_offset_reads_those_bytes() {
    let t = tempfile::tempdir().unwrap();
    std::fs::write(t.path().join("f"), "0123456789").unwrap();
    let f = std::fs::File::open(t.path().join("f")).unwrap();
    let mut buf = [0u8; 3];
    super::read_exact_at(&f, &mut buf, 4).unwrap();
    assert_eq!(&buf, b"456");
    super::portable::read_exact_at(&f, &mut buf, 7).unwrap();
    assert_eq!(&buf, b"789");
    assert!(super::portable::read_exact_at(&f, &mut buf, 8).is_err());
}
