//! The one place where a command's answer is printed: text for people or JSON for programs,
//! standard output buffered; the catalogue opened with its error said in the operator's
//! language; who runs a command; the progress bars and spinners shown on a terminal.

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use chrono::NaiveDate;
use serde::Serialize;

use super::{Format, Global};
use crate::args;
use crate::catalog::Catalog;
use crate::messages::{Args, Lang};
use crate::theme::Theme;

/// What every command works with: the global options, the language, today, and standard output.
pub struct Ctx<'a> {
    /// The global options of the command line.
    pub g: &'a Global,
    /// The language messages are said in: `--lang`, else the locale's.
    pub lang: Lang,
    /// The day taken as today: `--today` (or QOIMA_TODAY), else the local date.
    pub today: NaiveDate,
    /// Buffered: a report of tens of thousands of findings must not cost a syscall per line.
    /// JSON goes to stdout as it is (serde_json escapes every control character, so it carries
    /// no colour codes to strip); text goes through anstream, which drops colour for pipes and
    /// NO_COLOR.
    pub out: BufWriter<Box<dyn Write>>,
}

impl<'a> Ctx<'a> {
    /// What a command run with the global options `g` works with: its language, today, stdout.
    pub fn new(g: &'a Global) -> Ctx<'a> {
        let today = g.today.unwrap_or_else(|| chrono::Local::now().date_naive());
        let sink: Box<dyn Write> =
            if g.format == Format::Json { Box::new(io::stdout()) } else { Box::new(anstream::stdout()) };
        Ctx { g, lang: g.lang(), today, out: BufWriter::with_capacity(1 << 16, sink) }
    }

    /// A message in the operator's language, as a function to pass into closures.
    pub fn tr(&self) -> impl Fn(&str, Args) -> String + Copy + use<> {
        let lang = self.lang;
        move |id: &str, args: Args| crate::messages::text(lang, id, &args)
    }

    /// A message in the operator's language.
    pub fn t(&self, id: &str, args: Args) -> String {
        crate::messages::text(self.lang, id, &args)
    }

    /// Standard output could not be written.
    pub fn io(&self, e: io::Error) -> String {
        unwritable(self.lang, e)
    }

    /// Whether the answer is text for people (not `--format json`).
    pub fn text(&self) -> bool {
        self.g.format == Format::Text
    }

    /// The answer: `value` as pretty JSON and a newline, or what `text` writes.
    pub fn emit<T: Serialize + ?Sized>(
        &mut self,
        value: &T,
        text: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    ) -> Result<(), String> {
        match self.g.format {
            Format::Json => {
                serde_json::to_writer_pretty(&mut self.out, value).map_err(|e| e.to_string())?;
                writeln!(self.out).map_err(|e| self.io(e))
            }
            Format::Text => text(&mut self.out).map_err(|e| self.io(e)),
        }
    }

    /// One line of text on standard output.
    pub fn line(&mut self, line: impl std::fmt::Display) -> Result<(), String> {
        writeln!(self.out, "{line}").map_err(|e| self.io(e))
    }

    /// Writes out what standard output holds in its buffer.
    pub fn flush(&mut self) -> Result<(), String> {
        self.out.flush().map_err(|e| self.io(e))
    }

    /// The catalogue of the site root as of today; why not, in the operator's language.
    pub fn open(&self) -> Result<Catalog, String> {
        Catalog::open(&self.g.root, self.today).map_err(|e| e.text(self.lang))
    }

    /// The catalogue and the theme site.toml names.
    pub fn open_with_theme(&self) -> Result<(Catalog, Theme), String> {
        let cat = self.open()?;
        let theme = Theme::load(&self.g.root, &cat.site.site.theme).map_err(|e| e.text(self.lang))?;
        Ok((cat, theme))
    }

    /// `error: …` or `warning: …` on standard error (see [`say`]).
    pub fn say(&self, prefix: &str, message: &str) {
        say(self.lang, prefix, message);
    }

    /// A progress bar of bytes on a terminal (stderr) for text output; hidden otherwise.
    pub fn bytes_bar(&self, what: &str) -> BytesBar {
        bytes_bar(self.g, what)
    }

    /// A spinner with a message for long work that cannot count its steps; hidden when stderr is
    /// not a terminal, with --quiet, and for JSON output.
    pub fn spinner(&self, what: &str) -> indicatif::ProgressBar {
        if !shows_progress(self.g) {
            return indicatif::ProgressBar::hidden();
        }
        let b = indicatif::ProgressBar::new_spinner();
        b.set_message(what.to_string());
        b.enable_steady_tick(std::time::Duration::from_millis(120));
        b
    }

    /// `work` under a spinner saying `what`, cleared when it is done.
    pub fn spinning<R>(&self, what: &str, work: impl FnOnce() -> R) -> R {
        let spin = self.spinner(what);
        let r = work();
        spin.finish_and_clear();
        r
    }
}

/// Standard output could not be written: why, in `lang`.
pub fn unwritable(lang: Lang, e: io::Error) -> String {
    crate::messages::text(lang, "output-unwritable", &args! { "error" => crate::messages::io(&e) })
}

/// Progress is shown on a terminal (stderr), for text output, unless --quiet.
fn shows_progress(g: &Global) -> bool {
    std::io::IsTerminal::is_terminal(&std::io::stderr()) && g.format == Format::Text && !g.quiet
}

/// A progress bar of bytes on a terminal (stderr) for text output; hidden otherwise.
pub fn bytes_bar(g: &Global, what: &str) -> BytesBar {
    if !shows_progress(g) {
        return BytesBar(indicatif::ProgressBar::hidden());
    }
    let b = indicatif::ProgressBar::new(0);
    let template = format!("{{bar:40}} {{bytes}}/{{total_bytes}} {{binary_bytes_per_sec}} {what}");
    b.set_style(
        indicatif::ProgressStyle::with_template(&template).unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    BytesBar(b)
}

/// Exit status 1 when `failed`, else 0.
pub fn failed_if(failed: bool) -> ExitCode {
    if failed { ExitCode::from(1) } else { ExitCode::SUCCESS }
}

/// A progress bar of bytes, as the library's work reports to it (the BagIt crate's
/// [`bagit::verify::Progress`]: verifying a bag, writing a package).
pub struct BytesBar(pub indicatif::ProgressBar);

impl bagit::verify::Progress for BytesBar {
    fn start(&self, total: u64) {
        self.0.set_length(total);
    }
    fn advance(&self, bytes: u64) {
        self.0.inc(bytes);
    }
    fn finish(&self) {
        self.0.finish_and_clear();
    }
}

/// Who runs a command that logs (fixity, replicate): named, else the user, else the program.
pub fn agent_of(by: &Option<String>) -> String {
    let who = by.clone().or_else(|| std::env::var("USER").ok()).unwrap_or_else(|| "unnamed user".into());
    format!("qoima {} ({who})", env!("CARGO_PKG_VERSION"))
}

/// Who examines: named, else the user, else "operator".
pub fn examiner(by: &Option<String>) -> String {
    by.clone().or_else(|| std::env::var("USER").ok()).unwrap_or_else(|| "operator".into())
}

/// Who seals: `--by` (or QOIMA_OPERATOR), else site.toml's `[records] by`; none when neither
/// names anyone.
pub fn sealer(by: &Option<String>, cat: &Catalog) -> Option<String> {
    by.clone().or_else(|| cat.site.records.by.clone()).filter(|b| !b.trim().is_empty())
}

/// `error: …` or `warning: …` on standard error in `lang` (`prefix` is `prefix-error` or
/// `prefix-warning`).
pub fn say(lang: crate::messages::Lang, prefix: &str, message: &str) {
    let prefix = crate::messages::text(lang, prefix, &args! {});
    let _ = writeln!(anstream::stderr(), "{prefix}: {message}");
}
