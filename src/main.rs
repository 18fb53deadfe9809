fn main() -> std::process::ExitCode {
    // A bug must not show users a backtrace: one line, a request to report it, exit status 2.
    std::panic::set_hook(Box::new(|info| {
        let at = info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        eprintln!(
            "qoima: internal error{at}: {what}\nThis is a bug in qoima; please report it with the command you ran."
        );
        std::process::exit(2);
    }));
    qoima::cli::main()
}
