//! The bars' terminal: stderr as indicatif draws on it, with the width the rest of the output
//! uses. Where the terminal's size cannot be read (a console that does not say, a terminal
//! emulated under another system), indicatif would assume its own width while the lines were
//! fitted to `COLUMNS`: one width for both keeps every drawn line within the screen.

use indicatif::TermLike;

#[derive(Debug)]
pub struct Screen {
    term: console::Term,
    /// The width where the terminal's own cannot be read.
    fallback: u16,
}

impl Screen {
    pub fn stderr(fallback: usize) -> Screen {
        Screen {
            term: console::Term::buffered_stderr(),
            fallback: u16::try_from(fallback).unwrap_or(u16::MAX),
        }
    }
}

impl TermLike for Screen {
    fn width(&self) -> u16 {
        self.term
            .size_checked()
            .map(|(_, cols)| cols)
            .filter(|c| *c > 0)
            .unwrap_or(self.fallback)
    }

    fn height(&self) -> u16 {
        self.term.size_checked().map_or(24, |(rows, _)| rows)
    }

    fn move_cursor_up(&self, n: usize) -> std::io::Result<()> {
        self.term.move_cursor_up(n)
    }

    fn move_cursor_down(&self, n: usize) -> std::io::Result<()> {
        self.term.move_cursor_down(n)
    }

    fn move_cursor_right(&self, n: usize) -> std::io::Result<()> {
        self.term.move_cursor_right(n)
    }

    fn move_cursor_left(&self, n: usize) -> std::io::Result<()> {
        self.term.move_cursor_left(n)
    }

    fn write_line(&self, s: &str) -> std::io::Result<()> {
        self.term.write_line(s)
    }

    fn write_str(&self, s: &str) -> std::io::Result<()> {
        self.term.write_str(s)
    }

    fn clear_line(&self) -> std::io::Result<()> {
        self.term.clear_line()
    }

    fn flush(&self) -> std::io::Result<()> {
        self.term.flush()
    }
}
