//! Saving readings, an effect the event loop carries out as it does a copy (#13): soon after
//! a change, without a key to press; everything on the way out (quitting, suspending); and,
//! from the signal thread, what is unsaved when a signal ends the reader.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::annotations::Annotations;
use crate::annotations::store::{self, Location};
use crate::app::App;

/// How long after a change its save waits for more: a page rated key by key is saved a few
/// times a second, not on every key.
const DEBOUNCE: Duration = Duration::from_millis(300);

/// The readings changed and not saved yet, as of the last change: what the signal thread
/// saves if a signal ends the reader first.
type Pending = Arc<Mutex<Vec<(PathBuf, Annotations)>>>;

pub struct Saver {
    location: Option<Location>,
    /// When the changes waiting should be saved.
    due: Option<Instant>,
    pending: Pending,
}

impl Saver {
    /// Saves to `location`; with none (no data folder), nothing is kept and the reader says
    /// so when something is changed.
    pub fn new(location: Option<Location>) -> Saver {
        Saver {
            location,
            due: None,
            pending: Pending::default(),
        }
    }

    /// What the signal thread runs before the process ends: the pending readings saved.
    pub fn last_words(&self) -> impl Fn() + Send + Sync + 'static {
        let pending = Arc::clone(&self.pending);
        move || {
            let Ok(mut pending) = pending.lock() else {
                return;
            };
            for (path, annotations) in pending.iter_mut() {
                let _ = store::save(path, annotations);
            }
            pending.clear();
        }
    }

    /// After the app handled input: if a reading changed, its save is due soon, and the signal
    /// thread's copy of what is unsaved is brought up to date.
    pub fn after_update(&mut self, app: &mut App) {
        let unsaved = app.unsaved();
        if unsaved.is_empty() {
            return;
        }
        if self.due.is_none() {
            self.due = Some(Instant::now() + DEBOUNCE);
        }
        let now = store::now_ms();
        let mut snapshot = Vec::new();
        for index in unsaved {
            if let Some((debate, annotations)) = app.to_save(index) {
                // Dated now, as it is made: the later of two changes wins a merge.
                annotations.stamp(now);
                if let Some(location) = &self.location {
                    snapshot.push((location.path_for(debate), annotations.clone()));
                }
            }
        }
        if let Ok(mut pending) = self.pending.lock() {
            *pending = snapshot;
        }
    }

    /// How long the loop may wait for input before a save is due; `None` for as long as it
    /// likes (nothing is waiting: idle stays idle).
    pub fn timeout(&self) -> Option<Duration> {
        self.due
            .map(|due| due.saturating_duration_since(Instant::now()))
    }

    /// Saves the readings with changes, if their time has come. Whether the screen changed.
    pub fn save_if_due(&mut self, app: &mut App) -> bool {
        match self.due {
            Some(due) if Instant::now() >= due => self.save(app, false),
            _ => false,
        }
    }

    /// Saves everything unsaved, where the reader is included: on the way out. Whether it all
    /// went to disk.
    pub fn save_all(&mut self, app: &mut App) -> bool {
        self.save(app, true);
        app.unsaved().is_empty()
    }

    /// Saves the readings with changes, and with `places` those where only the reader's place
    /// changed. Whether the screen changed (a notice, or another process's changes shown).
    fn save(&mut self, app: &mut App, places: bool) -> bool {
        self.due = None;
        let Some(location) = self.location.clone() else {
            if app.unsaved().is_empty() {
                return false;
            }
            app.saved_nowhere();
            return true;
        };
        let indices = if places {
            app.open_debates()
        } else {
            app.unsaved()
        };
        let mut changed = false;
        for index in indices {
            let Some((debate, annotations)) = app.to_save(index) else {
                continue;
            };
            let path = location.path_for(debate);
            if !annotations.is_dirty()
                || !annotations.has_changes() && !annotations.is_worth_keeping() && !path.exists()
            {
                continue;
            }
            let result = store::save(&path, annotations);
            changed |= result.as_ref().map_or(true, |adopted| !adopted.is_empty());
            app.saved(index, result);
        }
        let left = app.unsaved();
        let left_paths: Vec<PathBuf> = left
            .iter()
            .filter_map(|&i| app.to_save(i).map(|(debate, _)| location.path_for(debate)))
            .collect();
        if let Ok(mut pending) = self.pending.lock() {
            pending.retain(|(path, _)| left_paths.contains(path));
        }
        if !left.is_empty() {
            // Tried again soon: a full disk or a folder made read-only may come right.
            self.due = Some(Instant::now() + RETRY);
        }
        changed
    }
}

/// How long after a failed save it is tried again.
const RETRY: Duration = Duration::from_secs(5);
