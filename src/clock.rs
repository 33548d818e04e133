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

/// A time as its civil UTC date and the seconds into that day. Days since 1970-01-01 to a
/// civil date by Howard Hinnant's algorithm.
fn civil(t: SystemTime) -> ((i64, i64, i64), u64) {
    let secs = t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let (days, rest) = (secs / 86_400, secs % 86_400);
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    ((year, month, day), rest)
}

/// A date as people and certificates write it: `2021-01-01 00:00 UTC`.
pub fn date(t: SystemTime) -> String {
    let ((year, month, day), rest) = civil(t);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02} UTC",
        rest / 3600,
        rest % 3600 / 60
    )
}

/// A time as RFC 3339 in UTC, to the second: `2026-12-07T05:40:00Z`.
pub fn rfc3339(t: SystemTime) -> String {
    let ((year, month, day), rest) = civil(t);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

/// An RFC 3339 time as the API and S3 policies write it (`2026-11-27T10:00:00+00:00`,
/// `…T10:00:00.000Z`): fractions skipped, an offset applied.
pub fn parse_rfc3339(text: &str) -> Option<SystemTime> {
    let (date, rest) = text.split_once('T')?;
    let mut d = date.split('-').map(|p| p.parse::<u64>().ok());
    let (y, mo, day) = (d.next()??, d.next()??, d.next()??);
    let time = rest.get(..8)?;
    let mut t = time.split(':').map(|p| p.parse::<u64>().ok());
    let (h, mi, s) = (t.next()??, t.next()??, t.next()??);
    let at = unix_time(y, mo, day, (h, mi, s))?;
    // An offset after the seconds: `+01:00` is an hour ahead of UTC.
    let zone = rest[8..].trim_start_matches(|c: char| c == '.' || c.is_ascii_digit());
    if let Some((sign, hm)) = zone.split_at_checked(1)
        && let Some((zh, zm)) = hm.split_once(':')
        && let (Ok(zh), Ok(zm)) = (zh.parse::<u64>(), zm.parse::<u64>())
    {
        let offset = Duration::from_secs(zh * 3600 + zm * 60);
        return match sign {
            "+" => at.checked_sub(offset),
            "-" => at.checked_add(offset),
            _ => Some(at),
        };
    }
    Some(at)
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
    fn rfc3339_both_ways() {
        let t = UNIX_EPOCH + Duration::from_secs(1_709_210_096);
        assert_eq!(rfc3339(t), "2024-02-29T12:34:56Z");
        assert_eq!(parse_rfc3339("2024-02-29T12:34:56Z"), Some(t));
        assert_eq!(parse_rfc3339("2024-02-29T12:34:56.000Z"), Some(t));
        assert_eq!(parse_rfc3339("2024-02-29T13:34:56+01:00"), Some(t));
        assert_eq!(parse_rfc3339("2024-02-29"), None);
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
