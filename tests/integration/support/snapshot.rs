//! Whole-text comparisons for text that is the contract (help screens, tables, the lines an
//! interrupt leaves): the expected text is a file in `snapshots/`, compared whole, so a line
//! added, lost or re-wrapped fails as surely as a changed word. `UPDATE_SNAPSHOTS=1` rewrites
//! the files from what the binary printed; the diff is then reviewed and committed.

use std::path::PathBuf;

/// Fails unless `actual` is the text of `snapshots/NAME.txt`, line for line.
pub fn assert_snapshot(name: &str, actual: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/integration/snapshots")
        .join(format!("{name}.txt"));
    // Trailing spaces are invisible in a review and a terminal does not keep them.
    let actual: String = actual
        .replace("\r\n", "\n")
        .lines()
        .map(|l| l.trim_end().to_string() + "\n")
        .collect();
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    if expected == actual {
        return;
    }
    let (e, a): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), actual.lines().collect());
    let at = e
        .iter()
        .zip(&a)
        .position(|(x, y)| x != y)
        .unwrap_or(e.len().min(a.len()));
    panic!(
        "{} differs from what was printed, first at line {}:\n  expected: {:?}\n  printed:  {:?}\n\
         --- printed ---\n{actual}---\nif the change is meant, rewrite it with: \
         UPDATE_SNAPSHOTS=1 cargo test --test integration, then review and commit",
        path.display(),
        at + 1,
        e.get(at).copied().unwrap_or("(end)"),
        a.get(at).copied().unwrap_or("(end)"),
    );
}
