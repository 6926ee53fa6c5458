//! The `.rules` files `eindex fmt` works on: each file named on the command line, and every
//! `.rules` file under each folder named, found recursively (hidden files and folders, `target`
//! folders and symbolic links to folders are skipped), in sorted order, each file once.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// The files to format, and the folders named that hold none.
#[derive(Debug, Default)]
pub struct Found {
    pub files: Vec<PathBuf>,
    pub empty_folders: Vec<PathBuf>,
}

/// The `.rules` files named by the arguments. Finding none at all is an error, as is a path that
/// does not exist or a folder that cannot be read.
pub fn rules_files(paths: &[PathBuf]) -> Result<Found, String> {
    let mut found = Found::default();
    for p in paths {
        if p.is_dir() {
            let mut v = Vec::new();
            walk(p, &mut v)?;
            v.sort();
            if v.is_empty() {
                found.empty_folders.push(p.clone());
            }
            found.files.extend(v);
        } else if p.exists() {
            found.files.push(p.clone());
        } else {
            return Err(format!("`{}` does not exist", p.display()));
        }
    }
    // a file named twice, or under two folders named, is formatted once
    let mut seen = HashSet::new();
    found.files.retain(|f| seen.insert(f.clone()));
    if found.files.is_empty() {
        let searched: Vec<String> = paths.iter().map(|p| format!("`{}`", p.display())).collect();
        return Err(format!(
            "no `.rules` files found in {} (folders are searched recursively for files whose \
             name ends in `.rules`; hidden folders and `target` are skipped)",
            searched.join(", ")
        ));
    }
    Ok(found)
}

/// Adds the `.rules` files under `dir` to `out`.
fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    let cannot = |e: std::io::Error| format!("cannot read `{}`: {e}", dir.display());
    for entry in std::fs::read_dir(dir).map_err(cannot)? {
        let entry = entry.map_err(cannot)?;
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        if entry.file_type().map_err(cannot)?.is_dir() {
            if name != "target" {
                walk(&path, out)?;
            }
        } else if path.extension().is_some_and(|x| x == "rules") && path.is_file() {
            out.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn touch(p: &Path) {
        if let Some(d) = p.parent() {
            std::fs::create_dir_all(d).unwrap();
        }
        std::fs::write(p, "").unwrap();
    }

    #[test]
    fn folders_are_walked_in_sorted_order_skipping_hidden_and_target() {
        let tmp = tempfile::Builder::new()
            .prefix("eindex-fmt-walk-")
            .tempdir()
            .unwrap();
        let root = tmp.path().to_path_buf();
        for f in [
            "b/z.rules",
            "b/a.rules",
            "a.rules",
            "a/deep/er/x.rules",
            ".hidden/h.rules",
            "target/t.rules",
            "b/notes.txt",
            "b/.h.rules",
        ] {
            touch(&root.join(f));
        }
        std::fs::create_dir_all(root.join("empty")).unwrap();
        std::fs::create_dir_all(root.join("other/.git")).unwrap();
        touch(&root.join("other/.git/o.rules"));
        let found = rules_files(&[root.clone(), root.join("b"), root.join("empty")]).unwrap();
        let rel: Vec<String> = found
            .files
            .iter()
            .map(|f| f.strip_prefix(&root).unwrap().display().to_string())
            .collect();
        assert_eq!(
            rel,
            // sorted by path components: folder `a` before the file `a.rules`
            vec!["a/deep/er/x.rules", "a.rules", "b/a.rules", "b/z.rules"]
        );
        assert_eq!(found.empty_folders, vec![root.join("empty")]);
        let err = rules_files(&[root.join("empty"), root.join("other")]).unwrap_err();
        assert!(err.starts_with("no `.rules` files found in `"), "{err}");
        assert!(err.contains("empty`, `") && err.contains("other`"), "{err}");
        // a folder named explicitly is searched even if hidden or called `target`
        assert_eq!(rules_files(&[root.join("target")]).unwrap().files.len(), 1);
        let err = rules_files(&[root.join("nope")]).unwrap_err();
        assert!(err.ends_with("nope` does not exist"), "{err}");
        let _ = std::fs::remove_dir_all(&root);
    }
}
