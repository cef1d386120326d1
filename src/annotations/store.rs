//! Where readings are kept, and keeping them safely (#13): a save writes a temporary file in
//! the same folder, syncs it, renames it over the old one and syncs the folder, so that a
//! crash or a power cut at any moment leaves the old reading or the new one, never a torn
//! file. A save merges with what is on disk under a lock, so that two `stance` processes on
//! one debate keep each other's changes. A reading file that does not read is never
//! overwritten.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::{Annotations, file_name};
use crate::debate::Debate;
use crate::error::FileError;

/// Where readings go: a folder with a file per debate, or the one file `--reading` named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    Folder(PathBuf),
    File(PathBuf),
}

impl Location {
    /// `$XDG_DATA_HOME/stance/readings` (or the platform's data folder), unless `file` is
    /// given.
    pub fn new(file: Option<&Path>) -> Option<Location> {
        use etcetera::BaseStrategy;
        match file {
            Some(file) => Some(Location::File(file.to_path_buf())),
            None => etcetera::choose_base_strategy()
                .ok()
                .map(|s| Location::Folder(s.data_dir().join("stance").join("readings"))),
        }
    }

    /// The file that keeps the reading of `debate`.
    pub fn path_for(&self, debate: &Debate) -> PathBuf {
        match self {
            Location::Folder(dir) => dir.join(file_name(&debate.title, &debate.thesis)),
            Location::File(file) => file.clone(),
        }
    }
}

/// The reading at `path` for `debate`: an empty one if there is no file yet. A file that is
/// not a reading of this debate is an error that names it, with line and column.
pub fn load(path: &Path, debate: &Debate) -> Result<Annotations, FileError> {
    match read(path)? {
        None => Ok(Annotations::of(debate)),
        Some(found) if found.title == debate.title && found.thesis == debate.thesis => Ok(found),
        Some(found) => Err(FileError::new(
            path,
            format!(
                "is the reading of another debate (\"{}\"), not of \"{}\"",
                found.title, debate.title
            ),
        )),
    }
}

/// The reading in the file at `path`, or `None` when there is none.
fn read(path: &Path) -> Result<Option<Annotations>, FileError> {
    let text = match fs::read(path) {
        Ok(bytes) => crate::read::utf8(bytes, path)?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(FileError::new(path, crate::read::io_message(&e))),
    };
    Annotations::from_toml(&text)
        .map(Some)
        .map_err(|(at, message)| {
            let message = format!("is not a reading stance can use: {message}");
            match at {
                Some(offset) => FileError::at_offset(path, &text, offset, message),
                None => FileError::new(path, message),
            }
        })
}

/// Saves `annotations` to `path`, merged with what is there now; returns the fingerprints
/// whose entries came from the file (another process's changes). On failure nothing on disk
/// has changed and `annotations` still counts as unsaved.
pub fn save(path: &Path, annotations: &mut Annotations) -> Result<Vec<String>, FileError> {
    let fail = |e: std::io::Error| FileError::new(path, crate::read::io_message(&e));
    let folder = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if folder.exists() && !folder.is_dir() {
        return Err(FileError::new(
            &folder,
            "is not a folder, so the reading cannot be kept in it",
        ));
    }
    fs::create_dir_all(&folder).map_err(fail)?;
    // A reading kept through a symbolic link (a dotfiles repository) is written where the
    // link points, and the link stays. The whole path, too, names the lock.
    let target = fs::canonicalize(path)
        .or_else(|_| {
            let name = path.file_name().unwrap_or_default();
            fs::canonicalize(&folder).map(|d| d.join(name))
        })
        .unwrap_or_else(|_| path.to_path_buf());
    let dir = target.parent().map_or(folder, Path::to_path_buf);
    // One saver at a time for a reading: reading, merging and writing are one step. The lock
    // is a file of its own outside the reading's folder, which may be a git repository.
    let lock_file = lock_path(&target);
    let lock = hold_lock(&lock_file).map_err(|e| {
        FileError::new(
            &lock_file,
            format!("cannot lock it to save: {}", crate::read::io_message(&e)),
        )
    })?;
    let disk = read(&target)?;
    let mut merged = annotations.clone();
    let adopted = merged.merge_with(disk, now_ms());
    let name = target.file_name().map_or_else(
        || "reading".to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    clean_stale(&dir, &name);
    write_atomic(&dir, &name, &target, &merged.to_toml()).map_err(fail)?;
    drop(lock);
    merged.saved();
    *annotations = merged;
    Ok(adopted)
}

/// The lock that serialises the savers of the reading at `target`: in the user's own runtime
/// folder, or their data folder, never in a folder other users can write (where anyone could
/// hold it) nor beside the reading (a git repository, perhaps).
fn lock_path(target: &Path) -> PathBuf {
    use etcetera::BaseStrategy;
    let key = super::fnv(&[&target.display().to_string()]);
    let dir = std::env::var_os("XDG_RUNTIME_DIR")
        .map(PathBuf::from)
        .filter(|d| d.is_absolute() && d.is_dir())
        .map(|d| d.join("stance"))
        .or_else(|| {
            etcetera::choose_base_strategy()
                .ok()
                .map(|s| s.data_dir().join("stance").join("locks"))
        })
        .unwrap_or_else(|| target.parent().map_or_else(PathBuf::new, Path::to_path_buf));
    let _ = fs::create_dir_all(&dir);
    dir.join(format!("reading-{key:016x}.lock"))
}

/// The lock at `path`, held until the returned file is dropped (or the process ends).
fn hold_lock(path: &Path) -> std::io::Result<File> {
    let lock = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)?;
    lock.lock()?;
    Ok(lock)
}

/// Replaces `path` (named `name`, in `dir`) with `text`: whole, or not at all. The file keeps
/// its permissions; a new one is readable by all, as files a person writes usually are.
fn write_atomic(dir: &Path, name: &str, path: &Path, text: &str) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mut file = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(TEMP_SUFFIX)
        .tempfile_in(dir)?;
    let permissions = fs::metadata(path)
        .map(|m| m.permissions())
        .unwrap_or_else(|_| fs::Permissions::from_mode(0o644));
    file.as_file().set_permissions(permissions)?;
    file.write_all(text.as_bytes())?;
    file.as_file().sync_all()?;
    file.persist(path).map_err(|e| e.error)?;
    // The rename is only durable once the folder is.
    if let Ok(folder) = File::open(dir) {
        let _ = folder.sync_all();
    }
    Ok(())
}

/// The file that remembers, for each set of debates opened together, which one was being
/// read: opening them again goes back to it (#13).
const LAST_READ: &str = "last-read.toml";

/// How many sets of debates [`LAST_READ`] remembers.
const SESSIONS: usize = 100;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
struct Session {
    /// The files and folders named, as one line.
    sources: String,
    path: PathBuf,
    #[serde(default)]
    part: usize,
}

#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
struct Sessions {
    #[serde(default)]
    session: Vec<Session>,
}

/// The sources named on the command line, as [`last_read`] keys them.
pub fn sources_key(named: &[PathBuf]) -> String {
    let mut paths: Vec<String> = named
        .iter()
        .map(|p| {
            fs::canonicalize(p)
                .unwrap_or_else(|_| p.clone())
                .display()
                .to_string()
        })
        .collect();
    paths.sort();
    paths.join("\n")
}

/// The debate (file, and which of its debates) last read among `sources`.
pub fn last_read(location: &Location, sources: &str) -> Option<(PathBuf, usize)> {
    let Location::Folder(dir) = location else {
        return None;
    };
    let text = fs::read_to_string(dir.join(LAST_READ)).ok()?;
    let sessions: Sessions = toml::from_str(&text).ok()?;
    sessions
        .session
        .into_iter()
        .find(|s| s.sources == sources)
        .map(|s| (s.path, s.part))
}

/// Remembers that debate `part` of `path` was being read among `sources`.
pub fn remember_last_read(
    location: &Location,
    sources: &str,
    path: &Path,
    part: usize,
) -> std::io::Result<()> {
    let Location::Folder(dir) = location else {
        return Ok(());
    };
    fs::create_dir_all(dir)?;
    let file = dir.join(LAST_READ);
    // Held to the end: the file is read, changed and written as one step.
    let _lock = hold_lock(&lock_path(&file))?;
    // A file that does not read is only a memory of places: start it again.
    let mut sessions: Sessions = fs::read_to_string(&file)
        .ok()
        .and_then(|t| toml::from_str(&t).ok())
        .unwrap_or_default();
    sessions.session.retain(|s| s.sources != sources);
    sessions.session.insert(
        0,
        Session {
            sources: sources.to_string(),
            path: path.to_path_buf(),
            part,
        },
    );
    sessions.session.truncate(SESSIONS);
    let text = toml::to_string(&sessions).map_err(std::io::Error::other)?;
    write_atomic(dir, LAST_READ, &file, &text)
}

const TEMP_SUFFIX: &str = ".tmp";

/// Removes temporary files a crashed save left beside `name`. One younger than a minute may
/// be another process's save in progress, and is left to it.
fn clean_stale(dir: &Path, name: &str) {
    let prefix = format!(".{name}.");
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let file_name = file_name.to_string_lossy();
        if !file_name.starts_with(&prefix) || !file_name.ends_with(TEMP_SUFFIX) {
            continue;
        }
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > Duration::from_secs(60));
        if old {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Milliseconds since 1970, as readings date their changes.
pub fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::debate::{Insight, Stance};

    fn debate() -> Debate {
        Debate {
            title: "A debate".into(),
            source: None,
            thesis: "A thesis.".into(),
            insights: vec![Insight {
                text: "One.".into(),
                ..Insight::default()
            }],
        }
    }

    #[test]
    fn a_save_reads_back_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().expect("dir");
        let d = debate();
        let path = Location::Folder(dir.path().join("readings")).path_for(&d);
        let mut a = load(&path, &d).expect("no file yet is an empty reading");
        a.set("k", "One.", (Some(Stance::Agrees), Some("n".into())));
        assert!(a.is_dirty());
        save(&path, &mut a).expect("saves");
        assert!(!a.is_dirty());
        let back = load(&path, &d).expect("loads");
        assert_eq!(back.entries, a.entries);
        let names: Vec<String> = fs::read_dir(path.parent().expect("folder"))
            .expect("list")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
    }

    #[test]
    fn a_broken_reading_is_reported_and_never_overwritten() {
        let dir = tempfile::tempdir().expect("dir");
        let d = debate();
        let path = dir.path().join("r.toml");
        fs::write(&path, "title = \"A debate\"\nthesis = [\n").expect("write");
        let e = load(&path, &d).expect_err("broken");
        assert_eq!(e.path, path);
        assert!(e.position.is_some(), "{e}");
        let mut a = Annotations::of(&d);
        a.set("k", "One.", (Some(Stance::Agrees), None));
        assert!(save(&path, &mut a).is_err());
        assert!(a.is_dirty(), "the change is kept to retry");
        assert_eq!(
            fs::read_to_string(&path).expect("read"),
            "title = \"A debate\"\nthesis = [\n"
        );
        fs::write(&path, "title = \"Another\"\nthesis = \"x\"\n").expect("write");
        let e = load(&path, &d).expect_err("another debate's");
        assert!(e.message.contains("another debate"), "{e}");
    }

    #[test]
    fn the_debate_last_read_is_remembered_for_each_set_of_sources() {
        let dir = tempfile::tempdir().expect("dir");
        let location = Location::Folder(dir.path().join("readings"));
        assert_eq!(last_read(&location, "a\nb"), None);
        remember_last_read(&location, "a\nb", Path::new("/x/b.toml"), 2).expect("kept");
        remember_last_read(&location, "c", Path::new("/x/c.toml"), 0).expect("kept");
        remember_last_read(&location, "a\nb", Path::new("/x/a.toml"), 0).expect("kept");
        assert_eq!(
            last_read(&location, "a\nb"),
            Some((PathBuf::from("/x/a.toml"), 0))
        );
        assert_eq!(
            last_read(&location, "c"),
            Some((PathBuf::from("/x/c.toml"), 0))
        );
        // --reading names one file: nothing else is written beside it.
        let file = Location::File(dir.path().join("mine.toml"));
        remember_last_read(&file, "c", Path::new("/x/c.toml"), 0).expect("nothing to do");
        assert_eq!(last_read(&file, "c"), None);
        assert_eq!(
            sources_key(&[PathBuf::from("/b"), PathBuf::from("/a")]),
            "/a\n/b",
            "the order named does not matter"
        );
    }

    #[test]
    fn a_save_goes_through_a_link_and_keeps_the_files_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("dir");
        let d = debate();
        let real = dir.path().join("real");
        fs::create_dir_all(&real).expect("dir");
        let file = real.join("r.toml");
        let mut a = Annotations::of(&d);
        a.set("k", "One.", (Some(Stance::Agrees), None));
        save(&file, &mut a).expect("saves");
        let mode = |p: &Path| fs::metadata(p).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode(&file), 0o644, "a new reading is readable by all");
        fs::set_permissions(&file, fs::Permissions::from_mode(0o640)).expect("chmod");
        let link = dir.path().join("link.toml");
        std::os::unix::fs::symlink(&file, &link).expect("link");
        a.set("k", "One.", (Some(Stance::Mixed), None));
        save(&link, &mut a).expect("saves");
        assert!(
            fs::symlink_metadata(&link)
                .expect("meta")
                .file_type()
                .is_symlink()
        );
        assert_eq!(mode(&file), 0o640);
        assert_eq!(
            load(&file, &d).expect("loads").mark("k").0,
            Some(Stance::Mixed)
        );
        let names: Vec<_> = fs::read_dir(&real).expect("list").flatten().collect();
        assert_eq!(names.len(), 1, "nothing beside the reading");
    }

    #[test]
    fn stale_temporary_files_are_cleaned_up_and_fresh_ones_left() {
        let dir = tempfile::tempdir().expect("dir");
        let d = debate();
        let path = dir.path().join("r.toml");
        let stale = dir.path().join(".r.toml.abc123.tmp");
        let fresh = dir.path().join(".r.toml.def456.tmp");
        fs::write(&stale, "torn").expect("write");
        fs::write(&fresh, "in progress").expect("write");
        let old = SystemTime::now() - Duration::from_secs(3600);
        File::options()
            .write(true)
            .open(&stale)
            .and_then(|f| f.set_modified(old))
            .expect("age it");
        let mut a = Annotations::of(&d);
        a.set("k", "One.", (Some(Stance::Agrees), None));
        save(&path, &mut a).expect("saves");
        assert!(!stale.exists());
        assert!(fresh.exists());
    }
}
