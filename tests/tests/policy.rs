//! Repository rules that a tool can check, so they do not live only in prose
//! (docs/style.md): services and apps are safe Rust, every crate documents
//! itself and uses the workspace lints.

use std::fs;
use std::path::{Path, PathBuf};

fn repository_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every directory holding a `Cargo.toml` under `dir` (not descending into
/// `target`).
fn crates_under(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else { return found };
    for entry in entries.flatten() {
        let path = entry.path();
        if !path.is_dir() || path.file_name().is_some_and(|name| name == "target") {
            continue;
        }
        if path.join("Cargo.toml").is_file() {
            found.push(path.clone());
        }
        found.extend(crates_under(&path));
    }
    found
}

/// The crate root files (`src/lib.rs`, `src/main.rs`) of a crate.
fn crate_roots(krate: &Path) -> Vec<PathBuf> {
    ["src/lib.rs", "src/main.rs"].iter().map(|root| krate.join(root)).filter(|path| path.is_file()).collect()
}

#[test]
fn services_and_apps_forbid_unsafe_code() {
    let root = repository_root();
    let mut offenders = Vec::new();
    for dir in ["services", "apps"] {
        for krate in crates_under(&root.join(dir)) {
            for file in crate_roots(&krate) {
                let text = fs::read_to_string(&file).unwrap();
                if !text.contains("#![forbid(unsafe_code)]") {
                    offenders.push(file.display().to_string());
                }
            }
        }
    }
    assert!(offenders.is_empty(), "crate roots without #![forbid(unsafe_code)]: {offenders:#?}");
}

#[test]
fn every_crate_opens_with_crate_docs_and_uses_workspace_lints() {
    let root = repository_root();
    let mut crates = Vec::new();
    for dir in ["kernel", "libipc", "idlc", "services", "apps", "targets", "tests"] {
        crates.extend(crates_under(&root.join(dir)));
        if root.join(dir).join("Cargo.toml").is_file() {
            crates.push(root.join(dir));
        }
    }
    crates.sort();
    crates.dedup();
    assert!(crates.len() >= 5, "found too few crates: {crates:?}");
    let mut problems = Vec::new();
    for krate in &crates {
        let manifest = fs::read_to_string(krate.join("Cargo.toml")).unwrap();
        if !manifest.contains("[lints]\nworkspace = true") {
            problems.push(format!("{}: no `[lints] workspace = true`", krate.display()));
        }
        for file in crate_roots(krate) {
            let text = fs::read_to_string(&file).unwrap();
            if !text.trim_start().starts_with("//!") {
                problems.push(format!("{}: does not open with `//!` docs", file.display()));
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}
