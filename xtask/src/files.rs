//! Files and folders, with errors that name the path: the one directory walker of the xtask.

use std::path::{Path, PathBuf};

use crate::Result;

/// Every file under `folder`, at any depth, as paths relative to `folder`, sorted.
pub fn files_under(folder: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(folder).sort_by_file_name() {
        let entry = entry.map_err(|e| format!("cannot read {}: {e}", folder.display()))?;
        if entry.file_type().is_file() {
            let relative = entry.path().strip_prefix(folder).map_err(|e| e.to_string())?;
            files.push(relative.to_path_buf());
        }
    }
    files.sort();
    Ok(files)
}

/// Copies every file under `from` to the same place under `to`, creating folders as needed.
pub fn copy_files(from: &Path, to: &Path) -> Result {
    for file in files_under(from)? {
        let (source, target) = (from.join(&file), to.join(&file));
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        std::fs::copy(&source, &target).map_err(|e| format!("cannot copy {}: {e}", source.display()))?;
    }
    Ok(())
}

/// A relative path with `/` between its parts, as in a URL.
pub fn slash_path(path: &Path) -> String {
    path.iter().map(|part| part.to_string_lossy()).collect::<Vec<_>>().join("/")
}

pub fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

pub fn read_text(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

pub fn write(path: &Path, bytes: impl AsRef<[u8]>) -> Result {
    std::fs::write(path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fresh, empty folder for one test, in the system's temporary folder.
    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-files-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("creates a scratch folder");
        dir
    }

    #[test]
    fn files_at_every_depth_are_listed_sorted_and_copied() {
        let from = scratch("from");
        std::fs::create_dir_all(from.join("embed/deep")).unwrap();
        for (name, text) in [("b.js", "b"), ("a.html", "a"), ("embed/deep/c.wasm", "c"), ("embed/d.css", "d")]
        {
            std::fs::write(from.join(name), text).unwrap();
        }
        let listed: Vec<String> = files_under(&from).unwrap().iter().map(|p| slash_path(p)).collect();
        assert_eq!(listed, ["a.html", "b.js", "embed/d.css", "embed/deep/c.wasm"]);

        let to = scratch("to");
        copy_files(&from, &to).unwrap();
        assert_eq!(std::fs::read_to_string(to.join("embed/deep/c.wasm")).unwrap(), "c");
        assert_eq!(files_under(&to).unwrap(), files_under(&from).unwrap());
        assert!(files_under(&from.join("missing")).is_err());
        for dir in [from, to] {
            std::fs::remove_dir_all(dir).unwrap();
        }
    }
}
