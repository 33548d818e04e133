//! Which file a path named when it was checked, so that the file opened at its turn is the same
//! one: a file swapped for another (or for a link to `../secret.txt`) after the check is never
//! sent in its place. Unix compares the device and inode, Windows the volume serial number and
//! the file index of an open handle.

#[cfg(unix)]
mod unix;
#[cfg(unix)]
use unix as imp;
#[cfg(windows)]
mod windows;
#[cfg(windows)]
use windows as imp;
#[cfg(not(any(unix, windows)))]
mod imp {
    /// No stable identity to read here: kind and size are still compared.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub struct Id;
    pub fn of(_file: &std::fs::File) -> Option<Id> {
        Some(Id)
    }
}

/// A checked file's identity, and whether the path itself was a link.
#[derive(Debug, Clone, Copy)]
pub struct Identity {
    id: Option<imp::Id>,
    pub link: bool,
}

impl Identity {
    /// The identity of the file opened for the check.
    pub fn of(opened: &std::fs::File, link: bool) -> Identity {
        Identity {
            id: imp::of(opened),
            link,
        }
    }

    /// Whether `opened` is the file checked. A file whose identity cannot be read now, when
    /// it could then, is not the same.
    pub fn same(&self, opened: &std::fs::File) -> bool {
        match self.id {
            Some(id) => imp::of(opened) == Some(id),
            None => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same file opened twice is the same; another file, and a file put in the place of
    /// the one checked, are not. Run on Windows under wine in CI, where the identity is the
    /// volume serial number and the file index.
    #[test]
    fn a_file_is_itself_and_a_file_put_in_its_place_is_not() {
        let d = tempfile::tempdir().unwrap();
        let (a, b) = (d.path().join("a.pdf"), d.path().join("b.pdf"));
        std::fs::write(&a, "a").unwrap();
        std::fs::write(&b, "b").unwrap();
        let checked = Identity::of(&std::fs::File::open(&a).unwrap(), false);
        assert!(checked.id.is_some(), "an identity is read on this system");
        assert!(checked.same(&std::fs::File::open(&a).unwrap()));
        assert!(!checked.same(&std::fs::File::open(&b).unwrap()));
        // Replaced by another file of the same name and size.
        let held_b = std::fs::File::open(&b).unwrap();
        std::fs::remove_file(&a).unwrap();
        std::fs::rename(&b, &a).unwrap();
        assert!(!checked.same(&std::fs::File::open(&a).unwrap()));
        drop(held_b);
    }
}
