//! Timings of the stages of a check, build or live update, printed when QOIMA_TIMINGS is set
//! (for profiling by hand; the benchmarks measure from outside).

/// Prints how long each part of a render (or of a live update) took, when QOIMA_TIMINGS is
/// set.
pub struct Lap {
    on: bool,
    stage: &'static str,
    last: std::cell::Cell<std::time::Instant>,
}

impl Lap {
    /// Starts timing `stage` (`render`, `reload`, `update`…), from now.
    pub fn of(stage: &'static str) -> Lap {
        let on = std::env::var_os("QOIMA_TIMINGS").is_some();
        Lap { on, stage, last: std::cell::Cell::new(std::time::Instant::now()) }
    }

    /// Prints the time since the last lap (or the start), named `what`, when QOIMA_TIMINGS is set.
    pub fn at(&self, what: &str) {
        if self.on {
            let now = std::time::Instant::now();
            eprintln!("qoima: {} {what}: {:.1} ms", self.stage, (now - self.last.get()).as_secs_f64() * 1000.0);
            self.last.set(now);
        }
    }
}
