//! The command line: parsing, dispatch and exit statuses.
//!
//! Exit status: 0 all good, 1 findings of error severity, 2 the tool could not run.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::args;
use crate::calendar::Calendar;
use crate::catalog::{self, Catalog};
use crate::messages::Lang;
use crate::report;
use crate::scaffold;
use crate::schema::{self, Which};

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

#[derive(Parser, Debug)]
#[command(name = "qoima", version = VERSION, about = ABOUT, after_help = AFTER, max_term_width = 100)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

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

/// Options of `watch` and `serve`.
#[derive(Args, Debug)]
pub struct LiveArgs {
    /// The output folder (default: site.toml's `[site] output`).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Poll for changes every SECONDS (2 when no value is given) instead of waiting for the
    /// kernel's change events; for shared drives that deliver none.
    #[arg(long, value_name = "SECONDS", num_args = 0..=1, default_missing_value = "2")]
    pub poll: Option<f64>,
    /// How long, in milliseconds, a changed file must stay quiet before it is read. An editor's
    /// save is over in a millisecond; a file read while it is still being copied is only read
    /// again when the copy goes on (a half-written deposit.yaml is a finding until then). Raise
    /// it when a slow writer makes the catalogue rebuild too often.
    #[arg(long, value_name = "MS", default_value_t = 10)]
    pub debounce: u64,
}

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

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

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
    Check {
        /// Print only these systems' or deposits' findings.
        #[arg(value_name = "SYSTEM[/VERSION]")]
        only: Vec<String>,
    },
    /// Render the catalogue: the public and the internal edition, every language.
    ///
    /// Writes `<out>/public/` and `<out>/internal/` (site.toml `[site] output`, by default
    /// `dist/`). The public edition never holds anything of a restricted system or deposit
    /// (D1124-12, D1124-28), nor findings and deadlines. Each edition is built beside its target and
    /// renamed into place: a reader never sees half a site, and a failed build leaves the
    /// previous one. Open `<out>/internal/index.html` straight from disk.
    Build {
        /// Build only this edition.
        #[arg(long, value_enum)]
        edition: Option<crate::render::Edition>,
        /// The output folder (default: site.toml's `[site] output`).
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
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
    Watch {
        #[command(flatten)]
        live: LiveArgs,
    },
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
    Serve {
        #[command(flatten)]
        live: LiveArgs,
        /// The edition to serve.
        #[arg(long, value_enum, default_value = "internal")]
        edition: crate::render::Edition,
        /// The TCP port (0 picks a free one).
        #[arg(long, default_value_t = 1124)]
        port: u16,
        /// The address to listen on. Anything but loopback exposes the catalogue to the network.
        #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Another name under which browsers reach the server (repeatable).
        #[arg(long, value_name = "NAME")]
        host_name: Vec<String>,
    },
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
    Seal {
        /// The deposits, as SYSTEM/VERSION.
        #[arg(value_name = "SYSTEM/VERSION", required_unless_present = "all")]
        deposits: Vec<String>,
        /// Seal every deposit that is not sealed yet; those with errors are listed and left
        /// (exit 1). The records stay locked until all are sealed.
        #[arg(long, conflicts_with = "deposits")]
        all: bool,
        /// Who seals (recorded in seal.yaml and the register, for ever).
        #[arg(long, env = "QOIMA_OPERATOR", value_name = "NAME")]
        by: Option<String>,
        /// Put a seal made before the register existed into the register, after checking every
        /// file against its manifest; nothing in the deposit is written.
        #[arg(long)]
        register_existing: bool,
    },
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
    Record {
        /// SYSTEM/VERSION (a deposit), SYSTEM (the register record) or `.` (the depository).
        target: String,
        /// The kind of event, e.g. depository_certificate, yearly_notice, decommissioned.
        kind: String,
        /// When it happened (YYYY-MM-DD; never after today).
        #[arg(long, value_parser = parse_date, value_name = "YYYY-MM-DD")]
        date: NaiveDate,
        /// The number it gave (a certificate's, a letter's).
        #[arg(long)]
        number: Option<String>,
        /// To whom (a hand-over, access granted).
        #[arg(long)]
        to: Option<String>,
        /// A reason (a return, a refusal, a termination); repeat for several.
        #[arg(long, value_name = "TEXT")]
        reasons: Vec<String>,
        /// The outcome (a conclusion: positive|negative; a yearly notice:
        /// updated|no_updates|terminated).
        #[arg(long)]
        outcome: Option<String>,
        /// The year a yearly notice or a half-year report is for.
        #[arg(long)]
        year: Option<i32>,
        /// The half of --year a half-year report is for: 1 (January–June) or 2 (July–December).
        #[arg(long, value_parser = clap::value_parser!(u8).range(1..=2))]
        half: Option<u8>,
        /// A scanned letter or act, a file of the deposit (relative to its folder).
        #[arg(long, value_name = "PATH")]
        document: Option<String>,
        /// Free text.
        #[arg(long)]
        note: Option<String>,
        /// Who did it or signed it.
        #[arg(long, value_name = "NAME")]
        by: Option<String>,
        /// The authorized body was notified (access granted, O146-10).
        #[arg(long)]
        authorized_body_notified: bool,
    },
    /// Re-hash sealed deposits in full and log the outcome (D1124-53); exit 1 when any differs.
    ///
    /// Appends one JSON line per deposit to fixity-log.jsonl beside site.toml (date, agent,
    /// deposit, files, bytes, outcome, details) and names every file that differs. Shows a
    /// progress bar with bytes per second on a terminal.
    Fixity {
        /// Check only this share of the sealed deposits, those checked longest ago first.
        #[arg(long, value_name = "PERCENT", value_parser = clap::value_parser!(u8).range(1..=100))]
        sample: Option<u8>,
        /// Check only deposits not checked within this many days.
        #[arg(long, value_name = "DAYS")]
        older_than: Option<u32>,
        /// Who runs the check (recorded as the agent).
        #[arg(long, env = "QOIMA_OPERATOR", value_name = "NAME")]
        by: Option<String>,
        /// Replace a file that fails its hash from the copy (original or replica) whose bytes
        /// still match the manifest; a file no copy matches is reported as a loss, untouched.
        #[arg(long)]
        repair: bool,
    },
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
    Replicate {
        /// Who replicates (recorded as the agent in the fixity log).
        #[arg(long, env = "QOIMA_OPERATOR", value_name = "NAME")]
        by: Option<String>,
    },
    /// Count Kazakh working days (weekends, public holidays, moved days off, yearly transfers).
    #[command(subcommand)]
    Workdays(Workdays),
    /// Print the JSON Schema of deposit.yaml or system.yaml, for editors.
    ///
    /// Put `# yaml-language-server: $schema=<path>` at the top of a YAML file and editors with
    /// the YAML language server validate and complete it.
    Schema {
        /// Which file the schema describes.
        #[arg(value_enum, default_value_t = Which::Deposit)]
        which: Which,
        /// Write both schemas into this folder instead of printing one.
        #[arg(long, value_name = "DIR")]
        write: Option<PathBuf>,
    },
    /// Scaffold a new deposit: a commented deposit.yaml (and system.yaml for a new system) and
    /// the empty component folders. Never overwrites anything.
    New {
        /// The system folder under archive/.
        system: String,
        /// The version folder (e.g. 2.0).
        version: String,
    },
    /// Print the completion script of a shell to standard output.
    ///
    ///   qoima completions bash > /etc/bash_completion.d/qoima
    ///   qoima completions zsh > "${fpath[1]}/_qoima"
    ///   qoima completions fish > ~/.config/fish/completions/qoima.fish
    ///   qoima completions powershell >> $PROFILE
    Completions {
        /// bash, zsh, fish, powershell or elvish.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) to standard output: `qoima man > qoima.1; man ./qoima.1`.
    Man,
    /// Write a synthetic site root of N deposits (for benchmarks).
    #[command(hide = true)]
    Generate {
        /// The folder to create.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// How many deposits.
        #[arg(long, default_value_t = 1000)]
        deposits: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Size of each payload file in bytes.
        #[arg(long, default_value_t = 256)]
        payload_bytes: usize,
    },
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
    Package {
        /// The system folder under archive/.
        #[arg(required_unless_present = "all")]
        system: Option<String>,
        /// One version; every sealed version of the system when omitted (of a public system,
        /// every sealed public version: a restricted deposit is packaged alone, by its version).
        version: Option<String>,
        /// Write the zip here instead.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Package every system with sealed deposits into <output>/packages/ (and each restricted
        /// deposit of a public system alone, as SYSTEM-VERSION.zip), then rebuild the internal
        /// edition so that each system page links its packages with size and SHA-256.
        #[arg(long, conflicts_with_all = ["system", "version", "out"])]
        all: bool,
    },
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
    Examine {
        /// The deposit, as SYSTEM/VERSION.
        deposit: String,
        /// Who examines (recorded in the conclusion).
        #[arg(long)]
        by: Option<String>,
        /// Print the conclusion without saving it.
        #[arg(long)]
        dry_run: bool,
        /// Also rebuild: run the deposit's build steps in a scratch copy of source/ (never in
        /// the archive), without network, killed at the time limit; then compare what it built
        /// with the deposited install/ files (identical, different, missing). The log (a bounded
        /// head and tail of each step's output) is saved beside the conclusion. The build runs
        /// in bubblewrap (bwrap): it sees only the scratch copy, a private /tmp and the system
        /// folders, with limits on CPU, memory, file size, processes and output.
        #[arg(long)]
        rebuild: bool,
        /// The time limit of each build step, in seconds.
        #[arg(long, default_value_t = 600, value_name = "SECONDS")]
        timeout: u64,
        /// Rebuild without bubblewrap: no isolation at all, the build runs as you, with your
        /// files, your network and your processes. Only for deposits you trust.
        #[arg(long, requires = "rebuild")]
        no_isolation: bool,
    },
    /// Validate a BagIt bag (RFC 8493, and drafts 0.93–0.97), given as a folder or a zip.
    ///
    /// Checks bagit.txt, the declared tag-file encoding, every payload and tag manifest and every
    /// checksum in them, completeness, Payload-Oxum, fetch.txt, and path safety (absolute paths,
    /// `..`, `~`, symbolic links leading out of the bag, zip-slip entries). A zip is read in place,
    /// never extracted. Problems go to stderr, one per line, as `error: FILE:LINE: …` or
    /// `warning: …`; warnings (names that collide by case or Unicode normalization, names unsafe
    /// on Windows, md5sum-style `*` paths, system files) do not make a bag invalid.
    /// Exit status: 0 valid (perhaps with warnings), 1 invalid, 2 not readable at all.
    Verify {
        /// The bag: a folder holding bagit.txt, or a zip of one.
        path: PathBuf,
        /// Also check the bag against this BagIt profile (JSON, the bagit-profiles
        /// specification), e.g. docs/bagit-profile.json for qoima's transfer packages.
        #[arg(long, value_name = "FILE")]
        profile: Option<PathBuf>,
    },
    /// Show what a rulebook asks for: components, fields, events, order and deadlines.
    Rules {
        /// The rulebook (O146, D1124); all of them when omitted.
        id: Option<String>,
    },
}

#[derive(Subcommand, Debug)]
pub enum Workdays {
    /// Print the date N working days after DATE (DATE itself does not count).
    Add {
        #[arg(value_parser = parse_date)]
        date: NaiveDate,
        n: u32,
    },
    /// Print how many working days lie after A up to and including B.
    Between {
        #[arg(value_parser = parse_date)]
        a: NaiveDate,
        #[arg(value_parser = parse_date)]
        b: NaiveDate,
    },
}

/// A progress bar of bytes on a terminal (stderr) for text output; hidden otherwise.
pub fn bytes_bar(g: &Global, what: &str) -> indicatif::ProgressBar {
    if !std::io::IsTerminal::is_terminal(&std::io::stderr()) || g.format != Format::Text || g.quiet {
        return indicatif::ProgressBar::hidden();
    }
    let b = indicatif::ProgressBar::new(0);
    let template = format!("{{bar:40}} {{bytes}}/{{total_bytes}} {{binary_bytes_per_sec}} {what}");
    b.set_style(
        indicatif::ProgressStyle::with_template(&template).unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    b
}

/// A byte progress bar as the BagIt crate's verification reports to it.
struct BytesBar(indicatif::ProgressBar);

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
fn agent_of(by: &Option<String>) -> String {
    let who = by.clone().or_else(|| std::env::var("USER").ok()).unwrap_or_else(|| "unnamed user".into());
    format!("qoima {} ({who})", env!("CARGO_PKG_VERSION"))
}

/// A spinner with a message for long work that cannot count its steps; hidden when stderr is
/// not a terminal, with --quiet, and for JSON output.
pub fn spinner(g: &Global, what: &str) -> indicatif::ProgressBar {
    if !std::io::IsTerminal::is_terminal(&std::io::stderr()) || g.format != Format::Text || g.quiet {
        return indicatif::ProgressBar::hidden();
    }
    let b = indicatif::ProgressBar::new_spinner();
    b.set_message(what.to_string());
    b.enable_steady_tick(std::time::Duration::from_millis(120));
    b
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    match s {
        "kk" => Ok(Lang::Kk),
        "ru" => Ok(Lang::Ru),
        "en" => Ok(Lang::En),
        _ => Err("kk, ru or en".to_string()),
    }
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|e| format!("`{s}` is not a date YYYY-MM-DD: {e}"))
}

/// Runs the command line and returns the exit status.
pub fn main() -> ExitCode {
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
    let g = &cli.global;
    let today = g.today.unwrap_or_else(|| chrono::Local::now().date_naive());
    // Buffered: a report of tens of thousands of findings must not cost a syscall per line.
    // JSON goes to stdout as it is (serde_json escapes every control character, so it carries
    // no colour codes to strip); text goes through anstream, which drops colour for pipes and
    // NO_COLOR.
    let sink: Box<dyn Write> =
        if g.format == Format::Json { Box::new(std::io::stdout()) } else { Box::new(anstream::stdout()) };
    let mut out = std::io::BufWriter::with_capacity(1 << 16, sink);
    let lang = g.lang();
    crate::messages::set_operator(lang);
    // What the operator reads, in the operator's language.
    let t = |id: &str, args: crate::messages::Args| crate::messages::text(lang, id, &args);
    let io = |e: std::io::Error| t("output-unwritable", args! { "error" => crate::messages::io(&e) });
    match &cli.command {
        Command::Check { only } => {
            let spin = spinner(g, &t("progress-check", args! {}));
            let cat = Catalog::open(&g.root, today);
            spin.finish_and_clear();
            let cat = cat.map_err(|e| e.text(lang))?;
            let only = report::Only::new(only);
            if let Some(unknown) = only.unknown(&cat) {
                let args = args! { "name" => unknown, "archive" => cat.site.site.archive.as_str() };
                return Err(t("no-such-target", args));
            }
            let detail = if g.quiet {
                report::Detail::Errors
            } else if g.verbose {
                report::Detail::All
            } else {
                report::Detail::Default
            };
            match g.format {
                Format::Text => report::write_text(&mut out, &cat, detail, &only, g.lang()).map_err(io)?,
                Format::Json => report::write_json(&mut out, &cat, &only).map_err(io)?,
            }
            out.flush().map_err(io)?;
            let code = if only.has_errors(&cat) { ExitCode::from(1) } else { ExitCode::SUCCESS };
            // The process ends here: freeing a large catalog piece by piece only costs time.
            std::mem::forget(cat);
            Ok(code)
        }
        Command::Workdays(w) => workdays(w, g, &mut out).map_err(io),
        Command::Package { system, version, out: file, all } => {
            let cat = Catalog::open(&g.root, today).map_err(|e| e.text(lang))?;
            let theme = crate::theme::Theme::load(&g.root, &cat.site.site.theme).map_err(|e| e.text(lang))?;
            let dist = g.root.join(&cat.site.site.output);
            let dir = dist.join(crate::package::PACKAGES_DIR);
            let wanted: Vec<(String, Option<String>)> = if *all {
                cat.archive
                    .systems
                    .iter()
                    .flat_map(|s| crate::package::bags_of(s).into_iter().map(|v| (s.id.clone(), v)))
                    .collect()
            } else {
                vec![(system.clone().unwrap_or_default().trim_end_matches('/').to_string(), version.clone())]
            };
            let mut done = Vec::new();
            let mut refused = Vec::new();
            for (sys, ver) in &wanted {
                let name = crate::package::bag_name(sys, ver.as_deref());
                let target = file.clone().unwrap_or_else(|| dir.join(format!("{name}.zip")));
                let bar = bytes_bar(g, &t("progress-package", args! { "bag" => name.as_str() }));
                match crate::package::package(&cat, &theme, sys, ver.as_deref(), &target, &bar) {
                    Ok(p) => {
                        if file.is_none() {
                            crate::package::record(&dir, &p).map_err(|e| format!("{}: {e}", dir.display()))?;
                        }
                        if g.format == Format::Text {
                            let args = args! {
                                "path" => target.display().to_string(),
                                "files" => p.payload_files,
                                "payload" => p.payload_bytes.to_string(),
                                "bytes" => p.bytes.to_string(),
                                "sha256" => p.sha256.as_str(),
                            };
                            writeln!(out, "{}", t("package-done", args)).map_err(io)?;
                        }
                        done.push(serde_json::json!({"path": target, "package": p}));
                    }
                    Err(r) => {
                        let mut err = anstream::stderr();
                        // Name the bag unless the message starts with it already.
                        if r.message().starts_with(sys.as_str()) {
                            let _ = writeln!(
                                err,
                                "{}: {}",
                                t("prefix-error", args! {}),
                                crate::names::printable_lines(&r.text(lang))
                            );
                        } else {
                            let error = t("prefix-error", args! {});
                            let _ = writeln!(err, "{error}: {name}: {}", crate::names::printable_lines(&r.text(lang)));
                        }
                        refused.push(serde_json::json!({"bag": name, "message": r.message(), "files": r.files()}));
                    }
                }
            }
            if *all {
                crate::render::build(&cat, &theme, &dist, &[crate::render::Edition::Internal])?;
                if g.format == Format::Text {
                    let args = args! { "packages" => done.len(), "dir" => dir.display().to_string() };
                    writeln!(out, "{}", t("package-all-done", args)).map_err(io)?;
                }
            }
            if g.format == Format::Json {
                serde_json::to_writer_pretty(&mut out, &serde_json::json!({"packages": done, "refused": refused}))
                    .map_err(|e| e.to_string())?;
                writeln!(out).map_err(io)?;
            }
            out.flush().map_err(io)?;
            Ok(if refused.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
        }
        Command::Examine { deposit, by, dry_run, rebuild, timeout, no_isolation } => {
            let cat = Catalog::open(&g.root, today).map_err(|e| e.text(lang))?;
            let key = deposit.trim_end_matches('/');
            let (sys, ver) = key.split_once('/').ok_or_else(|| t("deposit-name-form", args! { "key" => key }))?;
            let d = cat
                .archive
                .system(sys)
                .and_then(|s| s.deposits.iter().find(|d| d.version == ver))
                .ok_or_else(|| t("no-such-deposit", args! { "key" => key }))?;
            let by = by.clone().or_else(|| std::env::var("USER").ok()).unwrap_or_else(|| "operator".into());
            let opts = rebuild.then_some(crate::examine::RebuildOptions {
                timeout: std::time::Duration::from_secs(*timeout),
                allow_unisolated: *no_isolation,
            });
            let spin = spinner(g, &t("progress-examine", args! { "key" => key }));
            let conclusion = crate::examine::examine(&cat, d, &by, opts);
            spin.finish_and_clear();
            let saved = if *dry_run { None } else { Some(crate::examine::save(&cat.root, d, &conclusion)?) };
            match g.format {
                Format::Json => {
                    serde_json::to_writer_pretty(&mut out, &conclusion).map_err(|e| e.to_string())?;
                    writeln!(out).map_err(io)?;
                }
                Format::Text => {
                    let verdict = if conclusion.positive { "positive" } else { "negative" };
                    let args = args! { "key" => key, "number" => conclusion.number.to_string(), "verdict" => verdict };
                    writeln!(out, "{}", t("examine-conclusion", args)).map_err(io)?;
                    for c in &conclusion.checks {
                        let o = t(
                            match c.outcome {
                                crate::examine::Outcome::Pass => "examine-pass",
                                crate::examine::Outcome::Warning => "examine-warning",
                                crate::examine::Outcome::Fail => "examine-fail",
                            },
                            args! {},
                        );
                        writeln!(out, "  {:<14} {o:<8} [{}]", c.id, c.rule).map_err(io)?;
                        for d in &c.details {
                            writeln!(out, "      {}", crate::names::printable(d)).map_err(io)?;
                        }
                    }
                    if !rebuild {
                        writeln!(out, "  {}", t("examine-no-rebuild", args! {})).map_err(io)?;
                    }
                    if let Some(p) = &saved {
                        writeln!(out, "{}", t("examine-saved", args! { "path" => p.display().to_string() }))
                            .map_err(io)?;
                    }
                }
            }
            out.flush().map_err(io)?;
            Ok(if conclusion.positive { ExitCode::SUCCESS } else { ExitCode::from(1) })
        }
        Command::Verify { path, profile } => {
            let profile = profile
                .as_deref()
                .map(bagit::profile::Profile::load)
                .transpose()
                .map_err(|e| crate::bag_messages::profile_error(&e).text(lang))?;
            let bar = BytesBar(bytes_bar(g, &t("progress-verify", args! {})));
            let report = bagit::verify::verify_against(path, &bar, profile.as_ref()).map_err(|e| {
                let error = crate::bag_messages::error(&e).text(lang);
                t("bag-unreadable", args! { "path" => path.display().to_string(), "error" => error })
            })?;
            let mut err = anstream::stderr();
            for p in &report.problems {
                let line = crate::bag_messages::problem_line(p, lang);
                let _ = writeln!(err, "{}", crate::names::printable_lines(&line));
            }
            match g.format {
                Format::Json => {
                    serde_json::to_writer_pretty(&mut out, &report).map_err(|e| e.to_string())?;
                    writeln!(out).map_err(io)?;
                }
                Format::Text => {
                    let args = args! {
                        "bag" => report.bag.to_string(),
                        "verdict" => if report.valid { "valid" } else { "invalid" },
                        "version" => report.version.as_deref().unwrap_or("?"),
                        "files" => report.payload_files,
                        "bytes" => report.payload_bytes.to_string(),
                        "algorithms" => if report.algorithms.is_empty() { "none".to_string() } else { report.algorithms.join(", ") },
                        "errors" => report.errors,
                        "warnings" => report.warnings,
                    };
                    writeln!(out, "{}", t("verify-summary", args)).map_err(io)?;
                }
            }
            out.flush().map_err(io)?;
            Ok(if report.valid { ExitCode::SUCCESS } else { ExitCode::from(1) })
        }
        Command::Replicate { by } => {
            let cat = Catalog::open(&g.root, today).map_err(|e| e.text(lang))?;
            let agent = agent_of(by);
            let spin = spinner(g, &t("progress-replicate", args! {}));
            let done = crate::replica::replicate(&cat, &agent);
            spin.finish_and_clear();
            let done = done.map_err(|e| e.text(lang))?;
            let failed = done.deposits.iter().filter(|r| !r.failed.is_empty()).count();
            let mut err = anstream::stderr();
            for w in &done.warnings {
                let _ = writeln!(err, "{}: {}", t("prefix-warning", args! {}), w.text(lang));
            }
            match g.format {
                Format::Json => {
                    serde_json::to_writer_pretty(&mut out, &done).map_err(|e| e.to_string())?;
                    writeln!(out).map_err(io)?;
                }
                Format::Text => {
                    for r in &done.deposits {
                        let line = if r.skipped {
                            t("replicate-skipped", args! { "deposit" => r.deposit.as_str() })
                        } else {
                            let args = args! { "deposit" => r.deposit.as_str(), "copied" => r.copied, "unchanged" => r.unchanged };
                            t("replicate-copied", args)
                        };
                        writeln!(out, "{line}").map_err(io)?;
                        for f in &r.failed {
                            writeln!(out, "  {}", crate::names::printable(&f.text(lang))).map_err(io)?;
                        }
                    }
                    let records: Vec<String> = done.records.iter().map(|r| r.text(lang)).collect();
                    writeln!(out, "{}", t("replicate-records", args! { "records" => records.join(", ") }))
                        .map_err(io)?;
                }
            }
            Ok(if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
        }
        Command::Fixity { sample, older_than, by, repair } => {
            let cat = Catalog::open(&g.root, today).map_err(|e| e.text(lang))?;
            let agent = agent_of(by);
            let select = crate::fixity::Selection { older_than_days: *older_than, sample_percent: *sample };
            let bar = bytes_bar(g, "");
            let tick = |done: u64, total: u64, key: &str| {
                bar.set_length(total);
                bar.set_position(done);
                bar.set_message(key.to_string());
            };
            let records = crate::fixity::records_against_replica(&cat);
            let events = crate::fixity::run(&cat, &agent, &select, *repair, &tick)?;
            bar.finish_and_clear();
            let failed = events.iter().filter(|e| e.outcome == "failure").count();
            match g.format {
                Format::Json => {
                    let records: Vec<String> = records.iter().map(|r| r.en()).collect();
                    let value = serde_json::json!({"events": events, "failed": failed, "records": records});
                    serde_json::to_writer_pretty(&mut out, &value).map_err(|e| e.to_string())?;
                    writeln!(out).map_err(io)?;
                }
                Format::Text => {
                    for e in &events {
                        let args = args! {
                            "date" => e.date.to_string(),
                            "deposit" => e.deposit.as_str(),
                            "number" => e.number.as_str(),
                            "outcome" => e.outcome.as_str(),
                            "files" => e.files,
                            "bytes" => e.bytes.to_string(),
                        };
                        writeln!(out, "{}", t("fixity-deposit", args)).map_err(io)?;
                        for d in &e.details {
                            writeln!(out, "  {}", crate::names::printable(&crate::fixity::say_in(d, lang)))
                                .map_err(io)?;
                        }
                    }
                    let args = args! {
                        "deposits" => events.len(),
                        "failed" => failed,
                        "log" => crate::records::fixity_log::LOG,
                        "head" => cat.register.head.to_string(),
                    };
                    writeln!(out, "{}", t("fixity-summary", args)).map_err(io)?;
                    for r in &records {
                        writeln!(out, "{}", crate::names::printable(&r.text(lang))).map_err(io)?;
                    }
                }
            }
            Ok(if failed > 0 || !records.is_empty() { ExitCode::from(1) } else { ExitCode::SUCCESS })
        }
        Command::Seal { deposits, all, by, register_existing } => {
            let cat = Catalog::open(&g.root, today).map_err(|e| e.text(lang))?;
            // Registering an existing seal keeps who sealed it, as its seal.yaml says.
            let by = match by.clone().or_else(|| cat.site.records.by.clone()).filter(|b| !b.trim().is_empty()) {
                Some(b) => b,
                None if *register_existing => String::new(),
                None => return Err(t("seal-who", args! {})),
            };
            let keys: Vec<String> = if *all {
                let unsealed = cat
                    .archive
                    .deposits()
                    .map(|(_, d)| d)
                    .filter(|d| d.sealed.as_ref().is_none_or(|x| x.seal.is_none()));
                unsealed.map(|d| d.key()).collect()
            } else {
                deposits.iter().map(|k| k.trim_end_matches('/').to_string()).collect()
            };
            let bar = bytes_bar(g, &t("progress-hash", args! {}));
            let size_of =
                |key: &str| crate::seal::find(&cat, key).map_or(0, |d| d.files.iter().map(|f| f.size).sum::<u64>());
            bar.set_length(keys.iter().map(|k| size_of(k)).sum());
            let tick = |n: u64| bar.inc(n);
            let mut results: Vec<(String, Result<crate::seal::Sealed, crate::messages::Msg>)> = Vec::new();
            let what = if *register_existing { "registering seals" } else { "sealing" };
            if keys.len() == 1 && !*register_existing {
                // One deposit: hashed before the lock is taken, so others wait only for the writes.
                let prepared = crate::seal::prepare(&cat, &keys[0], &tick).map_err(|e| e.text(lang))?;
                let mut sealer = crate::seal::Sealer::new(&cat, &by, today, &format!("{what} {}", keys[0]))
                    .map_err(|e| e.text(lang))?;
                let r = sealer.seal(prepared);
                sealer.finish();
                results.push((keys[0].clone(), r));
            } else if !keys.is_empty() {
                let mut sealer = crate::seal::Sealer::new(&cat, &by, today, what).map_err(|e| e.text(lang))?;
                for key in &keys {
                    let r = if *register_existing {
                        sealer.register_existing(key, &tick)
                    } else {
                        crate::seal::prepare(&cat, key, &tick).and_then(|p| sealer.seal(p))
                    };
                    results.push((key.clone(), r));
                }
                sealer.finish();
            }
            bar.finish_and_clear();
            let one = keys.len() == 1 && !*all;
            if let (true, [(_, Err(e))]) = (one, &results[..]) {
                return Err(e.text(lang));
            }
            let refused = results.iter().filter(|(_, r)| r.is_err()).count();
            let mut err = anstream::stderr();
            for (key, r) in &results {
                if let Err(e) = r {
                    let args = args! { "key" => key.as_str(), "error" => crate::names::printable_lines(&e.text(lang)) };
                    let _ = writeln!(err, "{}", t("seal-refused", args));
                }
            }
            let sealed: Vec<&crate::seal::Sealed> = results.iter().filter_map(|(_, r)| r.as_ref().ok()).collect();
            match g.format {
                Format::Json => {
                    let value = if one {
                        serde_json::to_value(sealed[0]).map_err(|e| e.to_string())?
                    } else {
                        let refused: Vec<serde_json::Value> = results
                            .iter()
                            .filter_map(|(k, r)| {
                                r.as_ref().err().map(|e| serde_json::json!({"deposit": k, "error": e.en()}))
                            })
                            .collect();
                        serde_json::json!({"sealed": sealed, "refused": refused})
                    };
                    serde_json::to_writer_pretty(&mut out, &value).map_err(|e| e.to_string())?;
                    writeln!(out).map_err(io)?;
                }
                Format::Text => {
                    for sealed in &sealed {
                        let args = args! {
                            "action" => sealed.action,
                            "deposit" => sealed.deposit.as_str(),
                            "number" => sealed.number.as_str(),
                            "files" => sealed.files,
                            "bytes" => sealed.bytes.to_string(),
                            "line" => sealed.register_line.to_string(),
                        };
                        writeln!(out, "{}", t("seal-done", args)).map_err(io)?;
                        let dir =
                            sealed.manifest.trim_end_matches(crate::records::seal::MANIFEST).trim_end_matches('/');
                        let args = args! { "dir" => dir, "manifest" => crate::records::seal::MANIFEST };
                        writeln!(out, "{}", t("seal-verify-hint", args)).map_err(io)?;
                        if let Some(j) = &sealed.journal {
                            writeln!(out, "{}", t("seal-journal", args! { "journal" => j.as_str() })).map_err(io)?;
                        }
                    }
                    if !one {
                        let args = args! { "sealed" => sealed.len(), "refused" => refused };
                        writeln!(out, "{}", t("seal-count", args)).map_err(io)?;
                    }
                }
            }
            Ok(if refused > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
        }
        Command::Record {
            target,
            kind,
            date,
            number,
            to,
            reasons,
            outcome,
            year,
            half,
            document,
            note,
            by,
            authorized_body_notified,
        } => {
            let cat = Catalog::open(&g.root, today).map_err(|e| e.text(lang))?;
            let entry = crate::records::journal::NewEntry {
                deposit: None,
                kind: kind.clone(),
                date: Some(*date),
                number: number.clone(),
                reasons: reasons.clone(),
                authorized_body_notified: authorized_body_notified.then_some(true),
                year: *year,
                half: *half,
                outcome: outcome.clone(),
                by: by.clone(),
                to: to.clone(),
                document: document.clone(),
                sha256: None,
                note: note.clone(),
            };
            match crate::record::record(&cat, target, entry) {
                Ok(r) => {
                    match g.format {
                        Format::Json => {
                            serde_json::to_writer_pretty(&mut out, &r).map_err(|e| e.to_string())?;
                            writeln!(out).map_err(io)?;
                        }
                        Format::Text => {
                            let args = args! { "journal" => r.journal.as_str(), "line" => r.line.to_string() };
                            writeln!(out, "{}\n{}", t("record-done", args), crate::names::printable(&r.entry))
                                .map_err(io)?;
                            for w in &r.warnings {
                                crate::report::write_finding(&mut out, w, g.lang()).map_err(io)?;
                            }
                        }
                    }
                    Ok(ExitCode::SUCCESS)
                }
                Err(crate::record::Refused::Target(m)) => Err(m.text(lang)),
                Err(crate::record::Refused::Cannot(e)) => Err(e),
                Err(crate::record::Refused::Findings(found)) => {
                    match g.format {
                        Format::Json => {
                            serde_json::to_writer_pretty(
                                &mut out,
                                &serde_json::json!({"recorded": false, "findings": found}),
                            )
                            .map_err(|e| e.to_string())?;
                            writeln!(out).map_err(io)?;
                        }
                        Format::Text => {
                            let mut err = anstream::stderr();
                            for f in &found {
                                let _ = crate::report::write_finding(&mut err, f, g.lang());
                            }
                            let _ = writeln!(err, "{}", t("record-nothing", args! {}));
                        }
                    }
                    Ok(ExitCode::from(1))
                }
            }
        }
        Command::Build { edition, out: dir } => {
            let cat = Catalog::open(&g.root, today).map_err(|e| e.text(lang))?;
            let theme = crate::theme::Theme::load(&g.root, &cat.site.site.theme).map_err(|e| e.text(lang))?;
            let dir = dir.clone().unwrap_or_else(|| g.root.join(&cat.site.site.output));
            let editions = match edition {
                Some(e) => vec![*e],
                None => vec![crate::render::Edition::Public, crate::render::Edition::Internal],
            };
            let started = std::time::Instant::now();
            let spin = spinner(g, &t("progress-build", args! {}));
            let built = crate::render::build(&cat, &theme, &dir, &editions);
            spin.finish_and_clear();
            let built = built?;
            let secs = started.elapsed().as_secs_f64();
            // A deposit whose metadata cannot be read is never hidden: the internal edition
            // lists it with its findings, the public one says nothing of it, and build fails.
            let unreadable: Vec<String> = cat
                .archive
                .systems
                .iter()
                .flat_map(|s| {
                    let system = s.doc.is_none().then(|| s.id.clone());
                    system.into_iter().chain(s.deposits.iter().filter(|d| d.doc.is_none()).map(|d| d.key()))
                })
                .collect();
            match g.format {
                Format::Json => {
                    let editions: Vec<_> = built
                        .editions
                        .iter()
                        .map(|(e, p, n)| serde_json::json!({"edition": e.name(), "path": p, "pages": n}))
                        .collect();
                    let value = serde_json::json!({
                        "editions": editions, "seconds": secs, "renamed": built.renamed.iter().map(|m| m.en()).collect::<Vec<_>>(), "unreadable": unreadable
                    });
                    serde_json::to_writer_pretty(&mut out, &value).map_err(|e| e.to_string())?;
                    writeln!(out).map_err(io)?;
                }
                Format::Text => {
                    for r in &built.renamed {
                        eprintln!("{}: {}", t("prefix-warning", args! {}), crate::names::printable(&r.text(lang)));
                    }
                    for (e, p, n) in &built.editions {
                        let args = args! { "edition" => e.name(), "pages" => *n, "path" => p.display().to_string() };
                        writeln!(out, "{}", t("build-edition", args)).map_err(io)?;
                    }
                    if !unreadable.is_empty() {
                        let args = args! { "count" => unreadable.len(), "names" => unreadable.join(", ") };
                        writeln!(out, "{}", t("build-unreadable", args)).map_err(io)?;
                    }
                }
            }
            Ok(if unreadable.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
        }
        Command::Watch { live } => {
            let editions = vec![crate::render::Edition::Public, crate::render::Edition::Internal];
            watch(g, live, editions, None)
        }
        Command::Serve { live, edition, port, bind, host_name } => {
            watch(g, live, vec![*edition], Some((std::net::SocketAddr::new(*bind, *port), host_name.clone())))
        }
        Command::Schema { which, write } => {
            match write {
                Some(dir) => {
                    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
                    for w in [Which::Deposit, Which::System] {
                        let path = dir.join(w.file_name());
                        std::fs::write(&path, schema::schema_json(w))
                            .map_err(|e| format!("{}: {e}", path.display()))?;
                        writeln!(out, "{}", t("wrote-file", args! { "path" => path.display().to_string() }))
                            .map_err(io)?;
                    }
                }
                None => out.write_all(schema::schema_json(*which).as_bytes()).map_err(io)?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::New { system, version } => {
            let setup = catalog::setup(&g.root).map_err(|e| e.text(lang))?;
            let created =
                scaffold::new_deposit(&g.root, &setup.site.site.archive, system, version, today, &setup.rulebooks)?;
            match g.format {
                Format::Json => {
                    serde_json::to_writer_pretty(&mut out, &serde_json::json!({ "created": created.paths }))
                        .map_err(|e| e.to_string())?;
                    writeln!(out).map_err(io)?;
                }
                Format::Text => {
                    for p in &created.paths {
                        writeln!(out, "{}", t("new-created", args! { "path" => p.as_str() })).map_err(io)?;
                    }
                    writeln!(out, "{}", t("new-next", args! {})).map_err(io)?;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Completions { shell } => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(*shell, &mut cmd, "qoima", &mut out);
            out.flush().map_err(io)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Man => {
            let cmd = <Cli as clap::CommandFactory>::command();
            clap_mangen::Man::new(cmd).render(&mut out).map_err(io)?;
            out.flush().map_err(io)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Generate { out: dir, deposits, seed, payload_bytes } => {
            if dir.exists() && std::fs::read_dir(dir).map(|mut d| d.next().is_some()).unwrap_or(true) {
                return Err(t("generate-not-empty", args! { "dir" => dir.display().to_string() }));
            }
            let spec = crate::generate::Spec { deposits: *deposits, seed: *seed, payload_bytes: *payload_bytes };
            let n = crate::generate::generate(dir, &spec).map_err(|e| format!("{}: {e}", dir.display()))?;
            let args = args! { "deposits" => n, "dir" => dir.display().to_string() };
            writeln!(out, "{}", t("generate-wrote", args)).map_err(io)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Rules { id } => {
            let setup = catalog::setup(&g.root).map_err(|e| e.text(lang))?;
            let books: Vec<_> = match id {
                Some(id) => vec![setup.rulebooks.get(id).ok_or_else(|| {
                    let known = setup.rulebooks.books.iter().map(|b| b.id.as_str()).collect::<Vec<_>>().join(", ");
                    t("no-such-rulebook", args! { "id" => id.as_str(), "known" => known })
                })?],
                None => setup.rulebooks.books.iter().collect(),
            };
            match g.format {
                Format::Json => {
                    serde_json::to_writer_pretty(&mut out, &books).map_err(|e| e.to_string())?;
                    writeln!(out).map_err(io)?;
                }
                Format::Text => {
                    for b in books {
                        report::write_rulebook(&mut out, b, g.lang()).map_err(io)?;
                    }
                }
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn workdays(w: &Workdays, g: &Global, out: &mut impl Write) -> std::io::Result<ExitCode> {
    let calendar = match catalog::setup(&g.root) {
        Ok(setup) => setup.calendar,
        // Outside a site root the shipped calendar answers.
        Err(_) if !g.root.join(crate::site::SITE_FILE).exists() => Calendar::builtin(),
        Err(e) => {
            let mut err = anstream::stderr();
            let lang = g.lang();
            writeln!(err, "{}: {}", crate::messages::text(lang, "prefix-error", &args! {}), e.text(lang))?;
            return Ok(ExitCode::from(2));
        }
    };
    let (answer, uncovered) = match w {
        Workdays::Add { date, n } => {
            let d = calendar.add_working_days(*date, *n);
            (serde_json::json!(d.to_string()), calendar.uncovered_years(*date, d))
        }
        Workdays::Between { a, b } => {
            (serde_json::json!(calendar.working_days_between(*a, *b)), calendar.uncovered_years(*a, *b))
        }
    };
    let known = calendar.known_years();
    let warnings: Vec<String> = uncovered
        .iter()
        .map(|y| {
            let args = args! {
                "year" => y.to_string(), "first" => known.start().to_string(), "last" => known.end().to_string(),
            };
            crate::messages::text(g.lang(), "workdays-outside", &args)
        })
        .collect();
    match g.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &serde_json::json!({ "result": answer, "warnings": warnings }))?;
            writeln!(out)?;
        }
        Format::Text => {
            match answer {
                serde_json::Value::String(s) => writeln!(out, "{s}")?,
                other => writeln!(out, "{other}")?,
            }
            let mut err = anstream::stderr();
            let s = anstyle::AnsiColor::Yellow.on_default().bold();
            for w in &warnings {
                writeln!(err, "{s}warning{s:#}: {w}")?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `watch` and `serve`: a live session, its watcher, and (for `serve`) the server.
fn watch(
    g: &Global,
    live: &LiveArgs,
    editions: Vec<crate::render::Edition>,
    serve: Option<(std::net::SocketAddr, Vec<String>)>,
) -> Result<ExitCode, String> {
    use crate::live::{Options, Session, watch::Watcher};
    let lang = g.lang();
    let t = |id: &str, args: crate::messages::Args| crate::messages::text(lang, id, &args);
    let site = crate::site::SiteConfig::load(&g.root).map_err(|e| catalog::OpenError::from(e).text(lang))?;
    let out_dir = live.out.clone().unwrap_or_else(|| g.root.join(&site.site.output));
    let served = editions[0];
    let poll = match live.poll {
        Some(s) if !(s.is_finite() && s > 0.0) => return Err(t("poll-invalid", args! { "value" => s.to_string() })),
        Some(s) => Some(std::time::Duration::from_secs_f64(s)),
        None => None,
    };
    // Watching starts before the first build, so that nothing changed meanwhile is missed.
    let dirs = crate::live::watched(&g.root, &site, &out_dir)?;
    let watcher = Watcher::start(&g.root, &dirs, poll, std::time::Duration::from_millis(live.debounce.max(1)))?;
    if g.format == Format::Text {
        let mode = match &watcher.mode {
            crate::live::watch::Mode::Native => t("watch-native", args! {}),
            crate::live::watch::Mode::Poll { every, why } => {
                t("watch-polling", args! { "every" => format!("{:.1}", every.as_secs_f64()), "why" => why.arg() })
            }
        };
        eprintln!("{}", t("watching", args! { "root" => g.root.display().to_string(), "mode" => mode }));
    }
    let opts = Options { root: g.root.clone(), out: out_dir.clone(), editions, today: g.today };
    let (mut session, first) = Session::start(opts)?;
    print_update(g, "built", &first);
    let (tx, _) = tokio::sync::broadcast::channel::<std::sync::Arc<String>>(16);
    let senders = tx.clone();
    let text = g.format == Format::Text;
    let json = !text;
    let watch_loop = move |session: &mut Session| {
        let t = |id: &str, args: crate::messages::Args| crate::messages::text(lang, id, &args);
        while let Some((paths, errors)) = watcher.next(std::time::Duration::from_secs(60)) {
            for e in errors {
                eprintln!(
                    "{}: {}",
                    t("prefix-warning", args! {}),
                    t("watcher-reported", args! { "error" => e.to_string() })
                );
            }
            match session.apply(&paths) {
                Ok(u) if u.full || !u.systems.is_empty() => {
                    print_update_to(text, json, lang, "update", &u);
                    let pages = crate::live::pages_of(&u, served);
                    let _ = senders.send(std::sync::Arc::new(crate::live::serve::message(&pages, u.full)));
                }
                Ok(_) => {}
                Err(e) => eprintln!("{}: {}", t("prefix-error", args! {}), t("live-kept", args! { "error" => e })),
            }
        }
    };
    match serve {
        None => {
            watch_loop(&mut session);
            Ok(ExitCode::SUCCESS)
        }
        Some((addr, host_names)) => {
            if !addr.ip().is_loopback() {
                let args = args! { "addr" => addr.to_string(), "edition" => served.name() };
                eprintln!("{}: {}", t("prefix-warning", args! {}), t("serve-exposed", args));
            }
            let token = match served {
                crate::render::Edition::Internal => Some(crate::live::serve::new_token()?),
                crate::render::Edition::Public => None,
            };
            std::thread::spawn(move || watch_loop(&mut session));
            let opts = crate::live::serve::Options {
                dir: out_dir.join(served.name()),
                addr,
                token: token.clone(),
                host_names,
            };
            crate::live::serve::run(opts, tx, |bound| {
                let open = match &token {
                    Some(t) => format!("http://{bound}/?token={t}"),
                    None => format!("http://{bound}/"),
                };
                if text {
                    eprintln!("{}", t("serving", args! { "edition" => served.name(), "url" => open.as_str() }));
                } else {
                    println!(
                        "{}",
                        serde_json::json!({"event": "serving", "url": format!("http://{bound}/"), "open": open, "token": token})
                    );
                }
            })?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn print_update(g: &Global, event: &str, u: &crate::live::Update) {
    print_update_to(g.format == Format::Text, g.format == Format::Json, g.lang(), event, u);
}

/// One rebuild: a line and the findings of what changed (text), or one JSON object per line.
fn print_update_to(text: bool, json: bool, lang: Lang, event: &str, u: &crate::live::Update) {
    use crate::finding::Severity;
    let mut out = anstream::stdout();
    if json {
        let finished =
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs_f64()).unwrap_or(0.0);
        let mut v = serde_json::json!({
            "event": event,
            "full": u.full,
            "systems": u.systems,
            "written": u.written.len(),
            "removed": u.removed.len(),
            "errors": u.errors,
            "warnings": u.warnings,
            "ms": u.took.as_secs_f64() * 1000.0,
            "finished_unix": finished,
            "findings": if u.full { &[][..] } else { &u.findings[..] },
        });
        if !u.full {
            v["pages"] = serde_json::json!({"written": u.written, "removed": u.removed});
        }
        let _ = writeln!(out, "{v}");
    } else if text {
        let now = chrono::Local::now().format("%H:%M:%S");
        let _ = writeln!(out, "{now} {}", update_summary(lang, event, u));
        let shown: Vec<_> = u.findings.iter().filter(|f| f.severity != Severity::Info).collect();
        const MAX: usize = 20;
        for f in shown.iter().take(MAX) {
            let _ = report::write_finding(&mut out, f, lang);
        }
        if shown.len() > MAX {
            let args = args! { "more" => shown.len() - MAX };
            let _ = writeln!(out, "{}", crate::messages::text(lang, "live-more", &args));
        }
    }
    let _ = out.flush();
}

/// A rebuild in one line: `event` (`built` or `update`), what it rebuilt, what it wrote and
/// removed, and what the archive has.
fn update_summary(lang: Lang, event: &str, u: &crate::live::Update) -> String {
    let (what, systems) = if u.full {
        ("all", String::new())
    } else if u.systems.is_empty() {
        ("nothing", String::new())
    } else {
        ("systems", u.systems.iter().cloned().collect::<Vec<_>>().join(", "))
    };
    let args = args! {
        "event" => event,
        "what" => what,
        "systems" => systems,
        "written" => u.written.len(),
        "removed" => u.removed.len(),
        "ms" => format!("{:.0}", u.took.as_secs_f64() * 1000.0),
        "errors" => u.errors,
        "warnings" => u.warnings,
    };
    crate::messages::text(lang, "live-update", &args)
}
