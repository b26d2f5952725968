//! Time as the library keeps it (milliseconds since the epoch, UTC) and as exports print it
//! (RFC 3339): one place for both, so every crate rounds and prints the same way.

use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// Now, to the millisecond (what the store keeps).
pub fn now() -> OffsetDateTime {
    from_millis(to_millis(OffsetDateTime::now_utc()))
}

/// Milliseconds since the epoch.
pub fn to_millis(t: OffsetDateTime) -> i64 {
    (t.unix_timestamp_nanos() / 1_000_000) as i64
}

/// A time from milliseconds since the epoch (the epoch itself for a value out of range).
pub fn from_millis(ms: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp_nanos(ms as i128 * 1_000_000).unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

/// RFC 3339 text (`2026-11-28T09:30:00.123Z`); empty for a time RFC 3339 cannot print (a year
/// outside 0000-9999), which the library never stores.
pub fn rfc3339(t: OffsetDateTime) -> String {
    t.format(&Rfc3339).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn millis_round_trip_and_print_as_rfc3339() {
        let t = from_millis(1_764_322_200_123);
        assert_eq!(to_millis(t), 1_764_322_200_123);
        assert_eq!(rfc3339(t), "2025-11-28T09:30:00.123Z");
        assert!(now() >= t);
    }
}
