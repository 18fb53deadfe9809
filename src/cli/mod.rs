//! The command line: the global options, the commands, dispatch and exit statuses.
//!
//! Each command lives in a file of its own (`src/cli/<command>.rs`: its arguments and what it
//! does with them); [`output`] is the one place that chooses between text and JSON and opens
//! the catalogue, [`report`] prints findings. The library never prints and never draws
//! progress: it takes a callback, and the command line shows the bar.
//!
//! Exit status: 0 all good, 1 findings of error severity, 2 the tool could not run.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::args;
use crate::messages::Lang;

mod build;
mod check;
mod examine;
mod fixity;
mod generate;
mod live;
mod manual;
mod new;
pub mod output;
mod package;
mod record;
mod replicate;
pub mod report;
mod rules;
mod schema;
mod seal;
mod verify;
mod workdays;

/// The version, with the commit it was built from and that commit's date.
const VERSION: &str =
    concat!(env!("CARGO_PKG_VERSION"), " (", env!("QOIMA_COMMIT"), ", ", env!("QOIMA_COMMIT_DATE"), ")");

const ABOUT: &str = "qoima (қойма, \"depository\") keeps the national depository of e-government software as \
plain folders on a shared drive, checks every deposit against the law (Order 146/НҚ and Government Decree 1124), \
and counts every deadline in Kazakh working days.";

const AFTER: &str = "\
A site root holds site.toml and archive/<system>/system.yaml, archive/<system>/<version>/deposit.yaml with the \
component folders source/, install/, extra/, database/, license-config/ and docs/. See docs/format.md.

Exit status: 0 all good; 1 findings of error severity; 2 the tool could not run (no site.toml, unreadable \
archive, bad arguments).

Examples:
  qoima check                         check the archive in the current folder
  qoima --root /mnt/depository check --format json
  qoima --today 2026-11-23 check -v   reproducible output, with open deadlines
  qoima build                         write dist/public/ and dist/internal/ (open index.html)
  qoima seal e-license/3.3 --by \"Ахметова Г.\"   seal a deposit that checks clean
  qoima fixity --older-than 30        re-hash what was not checked in 30 days
  qoima package astana-parking        the transfer package (BagIt zip) of a withdrawn system
  qoima verify dist/packages/astana-parking.zip   validate a bag, zip or folder
  qoima workdays add 2026-03-18 5     the 5th working day after 18 March 2026
  qoima new e-licensing 2.0           scaffold a new deposit
  qoima rules O146                    what a rulebook asks for";

/// The command line as parsed: the global options and the command (its help text is ABOUT and
/// AFTER, set below, which take precedence over this comment).
#[derive(Parser, Debug)]
#[command(name = "qoima", version = VERSION, about = ABOUT, after_help = AFTER, max_term_width = 100)]
pub struct Cli {
    /// The options every command takes.
    #[command(flatten)]
    pub global: Global,
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// The options every command takes (`--root`, `--today`, `--lang`, `--format`, …).
#[derive(Args, Debug)]
pub struct Global {
    /// The site root: the folder with site.toml and archive/. By default the nearest folder
    /// with a site.toml, from the current one upward (as cargo and git find theirs).
    #[arg(long = "root", global = true, value_name = "DIR", env = "QOIMA_ROOT")]
    pub root_arg: Option<PathBuf>,
    /// The site root found (filled in after parsing).
    #[arg(skip)]
    pub root: PathBuf,
    /// Say more: info findings and open deadlines (check), what each step does.
    #[arg(short, long, global = true, conflicts_with = "quiet")]
    pub verbose: bool,
    /// Say less: only errors (check), no progress bars, no summary lines.
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// When to colour the text output (auto: on a terminal, unless NO_COLOR is set).
    #[arg(long, global = true, value_enum, default_value_t = Color::Auto, value_name = "WHEN")]
    pub color: Color,
    /// Take this date (YYYY-MM-DD) as today, for reproducible deadlines and reports.
    #[arg(long, global = true, value_name = "DATE", env = "QOIMA_TODAY", value_parser = parse_date)]
    pub today: Option<NaiveDate>,
    /// Output for people (text) or programs (json).
    #[arg(long, global = true, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// The language qoima speaks to you: kk, ru or en (by default the locale's: LC_ALL,
    /// LC_MESSAGES, LANG; English when it is none of these). The JSON report carries each
    /// finding's English message, message id and arguments whatever the language.
    #[arg(long, global = true, value_name = "LANG", value_parser = parse_lang)]
    pub lang: Option<Lang>,
}

impl Global {
    /// The language of messages: `--lang`, else the locale's.
    pub fn lang(&self) -> Lang {
        self.lang.unwrap_or_else(Lang::from_env)
    }
}

/// When to colour text output (`--color`).
// The values are explained in the option's help: a doc comment on a value would print beside
// it in `--help`.
#[allow(missing_docs)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

/// The site root: `--root` (or QOIMA_ROOT) when given, else the nearest folder from `start`
/// upward that holds a site.toml, else `start` itself (whose missing site.toml is then
/// reported).
pub fn find_root(given: Option<&std::path::Path>, start: &std::path::Path) -> PathBuf {
    if let Some(root) = given {
        return root.to_path_buf();
    }
    let mut dir = Some(start);
    while let Some(d) = dir {
        if d.join(crate::site::SITE_FILE).is_file() {
            return d.to_path_buf();
        }
        dir = d.parent();
    }
    start.to_path_buf()
}

/// The form of a command's answer (`--format`): text for people or JSON for programs.
// The values are explained in the option's help: a doc comment on a value would print beside
// it in `--help`.
#[allow(missing_docs)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

/// An edition of the catalogue, as the command line names it.
// The values are explained in the option's help: a doc comment on a value would print beside
// it in `--help`.
#[allow(missing_docs)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Edition {
    Public,
    Internal,
}

impl From<Edition> for crate::render::Edition {
    fn from(e: Edition) -> Self {
        match e {
            Edition::Public => crate::render::Edition::Public,
            Edition::Internal => crate::render::Edition::Internal,
        }
    }
}

/// The commands, each with its arguments (see each one's `--help`).
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Load the archive and check every deposit against its rulebook.
    ///
    /// Prints each finding as `path:line:column: severity[RULE]: message`, the form editors and
    /// CI systems understand; a rule is a clause of a regulation (O146-5.2, D1124-40) or one of
    /// qoima's own checks (QOIMA-…). Missed deadlines say how many working days late they are;
    /// open ones (with --verbose, and always in JSON) their due date and the working days left.
    /// Never writes anything.
    ///
    /// With SYSTEM or SYSTEM/VERSION, only the findings and deadlines of those are printed (and
    /// decide the exit status); every rule, also those across the archive, still runs.
    Check(check::Args),
    /// Render the catalogue: the public and the internal edition, every language.
    ///
    /// Writes `<out>/public/` and `<out>/internal/` (site.toml `[site] output`, by default
    /// `dist/`). The public edition never holds anything of a restricted system or deposit
    /// (D1124-12, D1124-28), nor findings and deadlines. Each edition is built beside its target and
    /// renamed into place: a reader never sees half a site, and a failed build leaves the
    /// previous one. Open `<out>/internal/index.html` straight from disk.
    Build(build::Args),
    /// Keep the catalogue up to date while you edit: build, then rebuild what each change touches.
    ///
    /// Builds both editions as `build` does, then watches archive/, site.toml, the rulebooks and
    /// calendars it names, the theme and the fixity log. On each change it reads and checks
    /// again only the systems that changed, renders their pages and, of the pages that list or
    /// count systems (home, register, state bodies, reports, search index files), those whose
    /// data from these systems changed, writes only the files
    /// whose bytes changed (each beside its target, then renamed into place, so a browser never
    /// reads half a page), removes pages that no longer exist, and prints what changed with the
    /// new findings of those systems. A change to site.toml, a rulebook, the calendar or the
    /// theme reads and renders everything again. A deposit still being copied is checked again
    /// as more of it arrives and once more when it settles; half-written YAML gives a finding,
    /// never a crash. With --format json, one JSON object per line and rebuild.
    ///
    /// Change events come from the kernel (inotify) on local disks. SMB/CIFS, NFS, FUSE and 9P
    /// mounts do not report changes made by other machines: there qoima polls instead (compares
    /// modification times every 2 s) and says so; --poll forces polling on any drive. Ctrl-C
    /// stops.
    Watch(live::WatchArgs),
    /// Serve the catalogue on this machine and reload open pages after each change.
    ///
    /// Does what `watch` does for one edition (internal by default) and serves it over HTTP at
    /// http://127.0.0.1:1124/. Each page opened from the server reloads itself when a rebuild
    /// changed it (the script that does this is added as pages are served, never written into
    /// the files). Only this machine can connect unless --bind names another address: the
    /// internal edition holds restricted records, so think before you share it. The internal
    /// edition asks for a secret token made at start (the address printed carries it; the
    /// browser then keeps it in a cookie). Requests that name another Host than this address,
    /// localhost or a --host-name are refused.
    Serve(live::ServeArgs),
    /// Seal a deposit once it is accepted: the depository act (D1124-7, D1124-41).
    ///
    /// Writes the SHA-256 of every file into manifest-sha256.txt (read by `sha256sum -c`) and
    /// seal.yaml, gives the next depository number, appends the deposit's line to the
    /// depository register (depository-numbers.txt beside site.toml: number, date, who sealed,
    /// the SHA-256 of the manifest and of seal.yaml, chained to the line before), and records
    /// the depository_number event in the system's journal, so the Register of deposited
    /// products, the half-year report and the certificate show it at once. Refuses a deposit
    /// with errors and one sealed already; when two operators seal at once, one waits for the
    /// other's lock, and a second seal of the same deposit changes nothing. From then on `check`
    /// reports any change to the deposit as an error. Who seals must be named: --by, else
    /// QOIMA_OPERATOR, else `[records] by` in site.toml.
    ///
    ///   qoima seal e-license/3.3 --by "Ахметова Г. К."
    Seal(seal::Args),
    /// Record what happened after a seal in the system's journal: a certificate, a yearly
    /// notice, decommissioning, a hand-over, the transfer to the archive.
    ///
    /// TARGET is SYSTEM/VERSION for an event of a deposit, SYSTEM for one of the register
    /// record, or `.` for one of the depository itself (the operator's half-year report,
    /// O146-13, recorded in journal.yaml beside site.toml). KIND is an event of the rulebooks (`qoima rules` lists them and the particulars
    /// each needs). The entry is checked as `check` checks events — kind, particulars, order,
    /// a date not in the future — and refused with the rule and what to do when that finds an
    /// error; then it is appended to archive/SYSTEM/journal.yaml, chained to the entry before,
    /// and printed. Nothing is ever rewritten.
    ///
    ///   qoima record e-license/3.3 depository_certificate --date 2026-12-03 --number "№ 12"
    ///   qoima record e-license yearly_notice --date 2026-03-20 --year 2025 --outcome no_updates
    ///   qoima record . half_year_report --date 2026-07-08 --year 2026 --half 1 --number "02-11/512"
    Record(record::Args),
    /// Re-hash sealed deposits in full and log the outcome (D1124-53); exit 1 when any differs.
    ///
    /// Appends one JSON line per deposit to fixity-log.jsonl beside site.toml (date, agent,
    /// deposit, files, bytes, outcome, details) and names every file that differs. Shows a
    /// progress bar with bytes per second on a terminal.
    Fixity(fixity::Args),
    /// Copy sealed deposits to the replica named in site.toml ([replica] root) and verify the
    /// copies against the manifests the depository register binds (D1124-31).
    ///
    /// A deposit whose original differs from the register is not copied (run `fixity` first);
    /// deposits whose owner refuses copying (`copy_permitted: false`, D1124-53) are skipped.
    /// Then the register, every journal and the fixity log are copied too, so the two copies
    /// can be compared, and each deposit's replication is logged. Refuses (exit 2, nothing
    /// written) when the replica root does not exist — an unmounted drive is never taken for a
    /// copy — and warns when it is on the same drive as the archive. Never writes through a
    /// symbolic link.
    Replicate(replicate::Args),
    /// Count Kazakh working days (weekends, public holidays, moved days off, yearly transfers).
    #[command(subcommand)]
    Workdays(workdays::Workdays),
    /// Print the JSON Schema of deposit.yaml or system.yaml, for editors.
    ///
    /// Put `# yaml-language-server: $schema=<path>` at the top of a YAML file and editors with
    /// the YAML language server validate and complete it.
    Schema(schema::Args),
    /// Scaffold a new deposit: a commented deposit.yaml (and system.yaml for a new system) and
    /// the empty component folders. Never overwrites anything.
    New(new::Args),
    /// Print the completion script of a shell to standard output.
    ///
    ///   qoima completions bash > /etc/bash_completion.d/qoima
    ///   qoima completions zsh > "${fpath[1]}/_qoima"
    ///   qoima completions fish > ~/.config/fish/completions/qoima.fish
    ///   qoima completions powershell >> $PROFILE
    Completions(manual::Args),
    /// Print the manual page (roff) to standard output: `qoima man > qoima.1; man ./qoima.1`.
    Man,
    /// Write a synthetic site root of N deposits (for benchmarks).
    #[command(hide = true)]
    Generate(generate::Args),
    /// Write a transfer package for the National Archive (O146-11, O146-12): one zip holding one
    /// BagIt 1.0 bag of a system's sealed deposits (all versions, or one).
    ///
    /// The bag holds the deposit folders as stored (seals included), SHA-256 and SHA-512
    /// manifests, bag-info.txt with the holder, contacts and depository numbers, and in
    /// transfer/ the inventory (опись) in Kazakh and Russian as HTML and CSV and the act of
    /// acceptance and transfer, printable on A4. Files are checked against their seal while they
    /// are packed; if any differs, nothing is written and the files are listed (exit 1). The
    /// same archive always gives the same bytes: `sha256sum` two runs to see it. By default the
    /// zip goes to <output>/packages/ (site.toml `[site] output`, usually dist/) and is recorded in
    /// packages/index.json, from which the internal catalogue links it.
    Package(package::Args),
    /// Examine a deposit as the technical service does (D1124-40) and save the conclusion.
    ///
    /// Checks completeness per rulebook (the findings of `check`); sufficiency of the source
    /// (files and languages of source/, a build description naming the environment and its
    /// version, third-party code from vendored folders and lock files — Cargo.lock,
    /// package-lock.json, composer.lock, requirements.txt, go.sum, pom.xml — with versions and
    /// licences, private keys and credentials as warnings); the integrity of the built modules
    /// (every zip, jar, war, tar, tar.gz, tar.xz, tar.zst and .deb in install/, extra/ and
    /// license-config/ read end to end, CRCs included, expansion bounded against decompression
    /// bombs; RPM, ISO 9660, PE and MSI checked by signature and size); and the database file
    /// (SQLite: header against size and PRAGMA integrity_check, opened read-only and immutable;
    /// pg_dump custom format; SQL dumps). Nothing is
    /// extracted to disk. The conclusion, positive or negative with reasons (D1124-42), is saved
    /// as conclusions/NNNN-DATE.json in the deposit, never over an earlier one. Exit status 0
    /// positive, 1 negative.
    Examine(examine::Args),
    /// Validate a BagIt bag (RFC 8493, and drafts 0.93–0.97), given as a folder or a zip.
    ///
    /// Checks bagit.txt, the declared tag-file encoding, every payload and tag manifest and every
    /// checksum in them, completeness, Payload-Oxum, fetch.txt, and path safety (absolute paths,
    /// `..`, `~`, symbolic links leading out of the bag, zip-slip entries). A zip is read in place,
    /// never extracted. Problems go to stderr, one per line, as `error: FILE:LINE: …` or
    /// `warning: …`; warnings (names that collide by case or Unicode normalization, names unsafe
    /// on Windows, md5sum-style `*` paths, system files) do not make a bag invalid.
    /// Exit status: 0 valid (perhaps with warnings), 1 invalid, 2 not readable at all.
    Verify(verify::Args),
    /// Show what a rulebook asks for: components, fields, events, order and deadlines.
    Rules(rules::Args),
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    match s {
        "kk" => Ok(Lang::Kk),
        "ru" => Ok(Lang::Ru),
        "en" => Ok(Lang::En),
        _ => Err("kk, ru or en".to_string()),
    }
}

pub(crate) fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|e| format!("`{s}` is not a date YYYY-MM-DD: {e}"))
}

/// Runs the command line and returns the exit status.
pub fn main() -> ExitCode {
    crate::platform::tune_allocator();
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(message) => {
            let mut err = anstream::stderr();
            let s = anstyle::AnsiColor::Red.on_default().bold();
            let error = crate::messages::text(crate::messages::operator(), "prefix-error", &args! {});
            let _ = writeln!(err, "{s}{error}{s:#}: {}", crate::names::printable_lines(&message));
            ExitCode::from(2)
        }
    }
}

fn run(mut cli: Cli) -> Result<ExitCode, String> {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    cli.global.root = find_root(cli.global.root_arg.as_deref(), &cwd);
    match cli.global.color {
        Color::Auto => {}
        Color::Always => anstream::ColorChoice::Always.write_global(),
        Color::Never => anstream::ColorChoice::Never.write_global(),
    }
    let mut ctx = output::Ctx::new(&cli.global);
    crate::messages::set_operator(ctx.lang);
    let ctx = &mut ctx;
    match &cli.command {
        Command::Check(a) => check::run(ctx, a),
        Command::Build(a) => build::run(ctx, a),
        Command::Watch(a) => live::watch(ctx, a),
        Command::Serve(a) => live::serve(ctx, a),
        Command::Seal(a) => seal::run(ctx, a),
        Command::Record(a) => record::run(ctx, a),
        Command::Fixity(a) => fixity::run(ctx, a),
        Command::Replicate(a) => replicate::run(ctx, a),
        Command::Workdays(w) => workdays::run(ctx, w),
        Command::Schema(a) => schema::run(ctx, a),
        Command::New(a) => new::run(ctx, a),
        Command::Completions(a) => manual::completions(ctx, a),
        Command::Man => manual::man(ctx),
        Command::Generate(a) => generate::run(ctx, a),
        Command::Package(a) => package::run(ctx, a),
        Command::Examine(a) => examine::run(ctx, a),
        Command::Verify(a) => verify::run(ctx, a),
        Command::Rules(a) => rules::run(ctx, a),
    }
}
