//! JSON coloured as jq colours it, for a terminal: object keys blue and bold, strings green,
//! `null` grey, brackets bold; laid out exactly as serde_json lays it out, so that the text with
//! its colour codes removed is the same JSON.

use serde_json::Value;
use std::fmt::Write;

const KEY: &str = "34;1";
const STRING: &str = "0;32";
const NULL: &str = "1;30";
const PLAIN: &str = "0;39";
const BRACKET: &str = "1;39";

fn paint(out: &mut String, sgr: &str, text: &str) {
    let _ = write!(out, "\x1b[{sgr}m{text}\x1b[0m");
}

/// Writes `value`; `indent` is the current depth for the indented layout, `None` for one line.
pub fn write(out: &mut String, value: &Value, indent: Option<usize>) {
    match value {
        Value::Null => paint(out, NULL, "null"),
        Value::Bool(b) => paint(out, PLAIN, &b.to_string()),
        Value::Number(n) => paint(out, PLAIN, &n.to_string()),
        Value::String(_) => paint(out, STRING, &value.to_string()),
        Value::Array(items) => {
            let entries: Vec<(Option<String>, &Value)> = items.iter().map(|v| (None, v)).collect();
            container(out, ("[", "]"), &entries, indent);
        }
        Value::Object(map) => {
            let entries: Vec<(Option<String>, &Value)> = map
                .iter()
                .map(|(k, v)| (Some(Value::String(k.clone()).to_string()), v))
                .collect();
            container(out, ("{", "}"), &entries, indent);
        }
    }
}

fn container(
    out: &mut String,
    (open, close): (&str, &str),
    entries: &[(Option<String>, &Value)],
    indent: Option<usize>,
) {
    paint(out, BRACKET, open);
    if entries.is_empty() {
        paint(out, BRACKET, close);
        return;
    }
    let inner = indent.map(|d| d + 1);
    for (i, (key, v)) in entries.iter().enumerate() {
        if i > 0 {
            paint(out, BRACKET, ",");
        }
        if let Some(d) = inner {
            out.push('\n');
            out.push_str(&"  ".repeat(d));
        }
        if let Some(k) = key {
            paint(out, KEY, k);
            paint(out, BRACKET, ":");
            if indent.is_some() {
                out.push(' ');
            }
        }
        write(out, v, inner);
    }
    if let Some(d) = indent {
        out.push('\n');
        out.push_str(&"  ".repeat(d));
    }
    paint(out, BRACKET, close);
}

/// The text without its colour codes.
#[cfg(test)]
pub fn strip(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for c in chars.by_ref() {
                if c == 'm' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn without_its_colour_it_is_the_same_json() {
        let v = json!({"id": "t-1", "status": "finished", "n": 3, "ok": true, "none": null,
            "list": [1, "a\"b\n", {}], "empty": [], "nested": {"k": {"deep": [null]}}});
        let mut pretty = String::new();
        write(&mut pretty, &v, Some(0));
        assert_eq!(strip(&pretty), serde_json::to_string_pretty(&v).unwrap());
        let mut compact = String::new();
        write(&mut compact, &v, None);
        assert_eq!(strip(&compact), v.to_string());
        assert!(pretty.contains("\x1b[34;1m\"id\"\x1b[0m"), "keys blue");
        assert!(
            pretty.contains("\x1b[0;32m\"finished\"\x1b[0m"),
            "strings green"
        );
        assert!(pretty.contains("\x1b[1;30mnull\x1b[0m"), "null dimmed");
    }
}
