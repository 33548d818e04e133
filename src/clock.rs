//! Dates without a date crate: the few conversions the tool makes between civil UTC time and
//! `SystemTime` (an RFC 3339 `created_at`, a certificate's end), each field checked so that no
//! value from outside can overflow the arithmetic. HTTP dates are httpdate's.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// A UTC civil date and time as a `SystemTime`, every field checked (years 1970 to 9999), so
/// that no value a server sends can overflow the arithmetic. Days from the civil date by
/// Howard Hinnant's algorithm.
pub fn unix_time(
    year: u64,
    month: u64,
    day: u64,
    (h, m, sec): (u64, u64, u64),
) -> Option<SystemTime> {
    if !(1970..=9999).contains(&year) || !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    if h > 23 || m > 59 || sec > 60 {
        return None;
    }
    let (y, mo) = if month <= 2 {
        (year - 1, month + 9)
    } else {
        (year, month - 3)
    };
    let era = y / 400;
    let yoe = y - era * 400;
    let doy = (153 * mo + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = (era * 146_097 + doe).checked_sub(719_468)?;
    UNIX_EPOCH.checked_add(Duration::from_secs(days * 86_400 + h * 3600 + m * 60 + sec))
}

/// A date as people and certificates write it: `2021-01-01 00:00 UTC`.
pub fn date(t: SystemTime) -> String {
    let secs = t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let (days, rest) = (secs / 86_400, secs % 86_400);
    // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02} UTC",
        rest / 3600,
        rest % 3600 / 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_words() {
        assert_eq!(date(UNIX_EPOCH), "1970-01-01 00:00 UTC");
        let t = UNIX_EPOCH + Duration::from_secs(1_709_210_096); // 2024-02-29 12:34:56
        assert_eq!(date(t), "2024-02-29 12:34 UTC");
    }

    #[test]
    fn civil_times_are_checked() {
        assert_eq!(
            unix_time(1994, 11, 6, (8, 49, 37)),
            Some(UNIX_EPOCH + Duration::from_secs(784_111_777))
        );
        assert_eq!(unix_time(1994, 13, 6, (8, 49, 37)), None);
        assert_eq!(unix_time(99_999, 1, 1, (0, 0, 0)), None);
        assert_eq!(unix_time(1994, 1, 1, (24, 0, 0)), None);
    }
}
