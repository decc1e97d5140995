//! Keeping the work in the browser between visits, behind a small [`Storage`] trait with an
//! in-memory twin for tests (the pattern of ruffle's `web/src/storage.rs`).
//!
//! The work is kept as the scorecard file's text (the same bytes "Save" writes), its file name,
//! and whether it has changes not yet saved to a file or exported. Restoring goes through
//! `rfp_core::load`, so a damaged or newer entry is refused like any file.

/// Where the work is kept: `localStorage` in the page, a map in tests.
pub trait Storage {
    /// The value stored under `key`.
    fn get(&self, key: &str) -> Option<String>;
    /// Store `value` under `key`; the browser's reason when it cannot (a full quota).
    fn put(&mut self, key: &str, value: &str) -> Result<(), String>;
    /// Forget `key`.
    fn remove(&mut self, key: &str);
}

/// The in-memory twin of `localStorage`, with an optional quota in bytes.
#[cfg(test)]
#[derive(Debug, Default, Clone)]
pub struct MemoryStorage {
    /// What is stored.
    pub entries: std::collections::BTreeMap<String, String>,
    /// Refuse values longer than this many bytes (like a full `localStorage`).
    pub quota: Option<usize>,
}

#[cfg(test)]
impl Storage for MemoryStorage {
    fn get(&self, key: &str) -> Option<String> {
        self.entries.get(key).cloned()
    }
    fn put(&mut self, key: &str, value: &str) -> Result<(), String> {
        if self.quota.is_some_and(|quota| value.len() > quota) {
            return Err("the browser's storage is full".into());
        }
        self.entries.insert(key.to_owned(), value.to_owned());
        Ok(())
    }
    fn remove(&mut self, key: &str) {
        self.entries.remove(key);
    }
}

/// The page's `localStorage` (absent storage, e.g. when the browser blocks it, stores nothing).
pub struct LocalStorage(Option<web_sys::Storage>);

impl LocalStorage {
    /// The window's `localStorage`, if the browser gives one.
    pub fn new() -> LocalStorage {
        LocalStorage(web_sys::window().and_then(|w| w.local_storage().ok().flatten()))
    }
}

impl Storage for LocalStorage {
    fn get(&self, key: &str) -> Option<String> {
        self.0.as_ref()?.get_item(key).ok().flatten()
    }
    fn put(&mut self, key: &str, value: &str) -> Result<(), String> {
        let storage = self
            .0
            .as_ref()
            .ok_or("this browser keeps no local storage")?;
        storage
            .set_item(key, value)
            .map_err(|_| "the browser's storage is full or turned off".to_owned())
    }
    fn remove(&mut self, key: &str) {
        if let Some(storage) = &self.0 {
            let _ = storage.remove_item(key);
        }
    }
}

const WORK: &str = "rfp-scorecard.work";
const NAME: &str = "rfp-scorecard.file-name";
const DIRTY: &str = "rfp-scorecard.unsaved";

/// Work kept in the browser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptWork {
    /// The scorecard file's text.
    pub text: String,
    /// The file name it is saved under.
    pub file_name: String,
    /// Whether it has changes not yet saved to a scorecard file (an export does not save them).
    pub unsaved: bool,
}

/// Keep the work; the reason when the browser refuses (then nothing half-written stays).
pub fn keep(storage: &mut dyn Storage, work: &KeptWork) -> Result<(), String> {
    let result = storage
        .put(WORK, &work.text)
        .and_then(|()| storage.put(NAME, &work.file_name))
        .and_then(|()| storage.put(DIRTY, if work.unsaved { "1" } else { "0" }));
    if result.is_err() {
        forget(storage);
    }
    result
}

/// The work kept, if any.
pub fn kept(storage: &dyn Storage) -> Option<KeptWork> {
    Some(KeptWork {
        text: storage.get(WORK)?,
        file_name: storage.get(NAME).unwrap_or_else(|| "scorecard.json".into()),
        unsaved: storage.get(DIRTY).as_deref() == Some("1"),
    })
}

/// Forget the work kept.
pub fn forget(storage: &mut dyn Storage) {
    storage.remove(WORK);
    storage.remove(NAME);
    storage.remove(DIRTY);
}

#[cfg(test)]
mod tests {
    use super::*;
    // In headless Chromium (`cargo xtask wasm-test`) these run as wasm-bindgen tests.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn keeps_and_restores_and_refuses_past_the_quota() {
        let mut storage = MemoryStorage::default();
        assert_eq!(kept(&storage), None);
        let work = KeptWork {
            text: "{}".into(),
            file_name: "a.json".into(),
            unsaved: true,
        };
        keep(&mut storage, &work).expect("kept");
        assert_eq!(kept(&storage), Some(work.clone()));
        storage.quota = Some(1);
        assert!(keep(&mut storage, &work).is_err());
        assert_eq!(kept(&storage), None, "nothing half-written stays");
    }
}
