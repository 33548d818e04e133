//! Who may change or read the config file where there is no Unix: Windows keeps a user's
//! folders private by their ACLs, and nothing is judged here.

use crate::error::Result;
use std::path::Path;

pub fn refuse_if_others_can_change(_path: &Path, _meta: &std::fs::Metadata) -> Result<()> {
    Ok(())
}

pub fn shared_warning(_path: &Path) -> Option<String> {
    None
}
