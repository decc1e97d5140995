//! The formula-injection guard: text cells a spreadsheet could run as a formula get a leading
//! `'` on export (OWASP, "CSV Injection"), and the imports drop it again.

/// Characters that make a spreadsheet treat a cell as a formula (or that hide such a start).
const DANGEROUS_STARTS: [char; 7] = ['=', '+', '-', '@', '\t', '\r', '\n'];

/// `text` made safe to open in a spreadsheet: when it starts with `=`, `+`, `-`, `@`, a tab, a
/// carriage return or a line feed, a single quote `'` is put in front, so the spreadsheet shows
/// it as text instead of running it as a formula (OWASP, "CSV Injection"). Other text is
/// returned unchanged.
///
/// Text that already starts with quotes followed by one of those characters (`'=A1`) gets one
/// more quote, so that the imports of this module, which drop the guard quote again, read back
/// exactly the text that was exported.
pub fn neutralize(text: &str) -> String {
    if needs_guard(text) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

/// True when the text, after any leading quotes, starts with a dangerous character.
fn needs_guard(text: &str) -> bool {
    text.trim_start_matches('\'').starts_with(DANGEROUS_STARTS)
}

/// Drops the `'` that [`neutralize`] put in front: `unneutralize(&neutralize(t)) == t`.
pub(super) fn unneutralize(cell: &str) -> String {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_guard(rest) => rest.to_owned(),
        _ => cell.to_owned(),
    }
}
