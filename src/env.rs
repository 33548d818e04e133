//! Environment lookups, behind a value so that flag parsing is tested without touching the
//! process environment, and so that `-v` can say which variables were used.

use std::cell::RefCell;
use std::collections::HashMap;

pub struct Env {
    vars: HashMap<String, String>,
    used: RefCell<Vec<&'static str>>,
    notes: RefCell<Vec<String>>,
}

impl Env {
    /// The process environment, read once.
    pub fn process() -> Self {
        Self::from_pairs(
            std::env::vars_os()
                .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?))),
        )
    }

    pub fn from_pairs<K: Into<String>, V: Into<String>>(
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> Self {
        Env {
            vars: pairs
                .into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
            used: RefCell::new(Vec::new()),
            notes: RefCell::new(Vec::new()),
        }
    }

    /// A variable's value, when set and not empty (`AWS_SESSION_TOKEN=` means unset), noting
    /// the name as used.
    pub fn get(&self, name: &'static str) -> Option<String> {
        let value = self.peek(name)?;
        let mut used = self.used.borrow_mut();
        if !used.contains(&name) {
            used.push(name);
        }
        Some(value)
    }

    /// Like `get`, without noting the variable as used.
    pub fn peek(&self, name: &str) -> Option<String> {
        self.vars.get(name).filter(|v| !v.is_empty()).cloned()
    }

    /// The names of the variables whose values were used, in order.
    pub fn used(&self) -> Vec<&'static str> {
        self.used.borrow().clone()
    }

    /// Records a note for the user about how a value was read (shown unless `-q`).
    pub fn note(&self, text: String) {
        self.notes.borrow_mut().push(text);
    }

    pub fn notes(&self) -> Vec<String> {
        self.notes.borrow().clone()
    }
}
