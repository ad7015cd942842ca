//! For unit tests: the texts of real documents (the bundled seeds, the test documents).

use std::path::PathBuf;

/// Every readable file in these folders of the crate, with its text, in path order.
pub fn texts_in(folders: &[&str]) -> Vec<(PathBuf, String)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths: Vec<PathBuf> = folders
        .iter()
        .filter_map(|f| std::fs::read_dir(root.join(f)).ok())
        .flatten()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    paths
        .into_iter()
        .filter_map(|p| std::fs::read_to_string(&p).ok().map(|t| (p, t)))
        .collect()
}

/// The seeds, with their texts.
pub fn seed_texts() -> Vec<(PathBuf, String)> {
    texts_in(&["seeds"])
}

/// The seeds' texts alone.
pub fn seed_bodies() -> Vec<String> {
    seed_texts().into_iter().map(|(_, t)| t).collect()
}

/// Every line of every seed.
pub fn seed_lines() -> Vec<String> {
    seed_bodies()
        .iter()
        .flat_map(|t| t.lines().map(str::to_string))
        .collect()
}
