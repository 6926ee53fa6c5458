//! Nothing lost or changed in silence (issue 17): every problem printed and counted once, exit
//! statuses that never hide a loss.

use crate::common::eindex;

/// The bundled 2022 submissions with `edit` applied to their lines, in a scratch folder.
fn bundled_with(tag: &str, edit: impl Fn(usize, &str) -> String) -> (tempfile::TempDir, String) {
    let csv = std::fs::read_to_string("data/2022/synthetic-submissions-2022.csv").unwrap();
    let text: Vec<String> = csv.lines().enumerate().map(|(i, l)| edit(i, l)).collect();
    let dir = crate::common::temp_dir(tag);
    let path = dir.path().join("submissions.csv");
    std::fs::write(&path, text.join("\n") + "\n").unwrap();
    let path = path.to_str().unwrap().to_string();
    (dir, path)
}

#[test]
fn a_bad_value_is_printed_and_counted_once_in_strict_mode() {
    // row 4 (the third unit): `q_docs_received` (column 61) becomes `abc`
    let (_dir, path) = bundled_with("once", |i, l| {
        if i != 3 {
            return l.to_string();
        }
        let mut cells: Vec<&str> = l.split(',').collect();
        cells[60] = "abc";
        cells.join(",")
    });
    for extra in [&[][..], &["-j", "2"][..], &["--format", "table"][..]] {
        let mut args = vec!["eval", "rules/2022", path.as_str()];
        args.extend_from_slice(extra);
        let (code, _, err) = eindex(&args).into_parts();
        assert_eq!(code, 1, "{args:?}: {err}");
        assert_eq!(
            err.matches("`abc` is not a number").count(),
            1,
            "{args:?}: {err}"
        );
        assert!(
            err.contains("error: 1 problem in the submissions"),
            "{args:?}: {err}"
        );
    }
}
