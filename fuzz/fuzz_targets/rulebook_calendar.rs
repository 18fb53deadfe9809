//! Rulebook and calendar files (site.toml may name any): an error, never a panic; a calendar
//! that loads answers working-day questions without panicking.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = qoima::rulebook::Rulebook::from_yaml_str(text, "fuzz.yaml");
    let mut cal = qoima::calendar::Calendar::builtin();
    if cal.extend_from_yaml_str(text, "fuzz.yaml").is_ok() {
        let d = chrono::NaiveDate::from_ymd_opt(2024, 12, 27).unwrap();
        let later = cal.add_working_days(d, 15);
        let _ = cal.working_days_between(d, later);
    }
});
