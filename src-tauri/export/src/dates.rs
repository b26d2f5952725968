//! Dates as a reader reads them, in the story's language: "December 6, 2026" (en-US), "6 December
//! 2026" (en-GB), "6 décembre 2026", "6 de diciembre de 2026", "6. Dezember 2026", "6 ديسمبر 2026".
//! Pages people read print these (inside `<time datetime>` in HTML); machine data (JSON-LD, Hugo's
//! front matter, ninjs, NewsML-G2) keeps RFC 3339.
//!
//! The month names are the C library's own (glibc's locale data, through `pure-rust-locales`), in
//! the form a date uses (Polish "grudnia", Russian "декабря"), the region's own where it has them
//! (Lebanese Arabic "كانون الأول", Moroccan "دجنبر"). The order of day, month and year is the
//! common long form of each language (CLDR's "long" date); a language without a rule here reads
//! day, month, year. Digits are Latin in every language. A language the locale data does not know
//! gets the ISO date (`2026-12-06`), which every reader can read.

use pure_rust_locales::{locale_match, Locale};
use time::OffsetDateTime;

use byline_model::language::{primary_language, region};

/// The region a bare language tag reads its month names from, when the language's own region is
/// not named like the language (`fr` → `fr_FR` needs no entry).
const USUAL_REGION: &[(&str, &str)] = &[
    ("ar", "EG"),
    ("ca", "ES"),
    ("cs", "CZ"),
    ("cy", "GB"),
    ("da", "DK"),
    ("el", "GR"),
    ("en", "US"),
    ("et", "EE"),
    ("eu", "ES"),
    ("fa", "IR"),
    ("ga", "IE"),
    ("gl", "ES"),
    ("he", "IL"),
    ("hi", "IN"),
    ("ja", "JP"),
    ("ko", "KR"),
    ("ms", "MY"),
    ("nb", "NO"),
    ("nn", "NO"),
    ("sl", "SI"),
    ("sq", "AL"),
    ("sr", "RS"),
    ("sv", "SE"),
    ("sw", "KE"),
    ("uk", "UA"),
    ("ur", "PK"),
    ("vi", "VN"),
    ("zh", "CN"),
];

/// English regions that write the month first ("December 6, 2026").
const MONTH_FIRST_ENGLISH: &[&str] = &["US", "PH", "CA", "AS", "GU", "MP", "PR", "UM", "VI"];

/// The locale whose month names a language tag reads, if the locale data has one.
fn locale_of(tag: &str) -> Option<Locale> {
    let language = primary_language(tag);
    if language.is_empty() || !language.chars().all(|c| c.is_ascii_lowercase()) {
        return None;
    }
    let mut names = Vec::new();
    if let Some(region) = region(tag).filter(|r| r.len() == 2) {
        names.push(format!("{language}_{region}"));
    }
    if let Some((_, usual)) = USUAL_REGION.iter().find(|(l, _)| *l == language) {
        names.push(format!("{language}_{usual}"));
    }
    names.push(format!("{language}_{}", language.to_ascii_uppercase()));
    names.push(language);
    names.into_iter().find_map(|name| Locale::try_from(name.as_str()).ok())
}

/// The date of `when` (in UTC, as the library keeps time) as a reader of `language` reads it.
pub fn reader_date(when: OffsetDateTime, language: &str) -> String {
    let (year, day) = (when.year(), when.day());
    let Some(locale) = locale_of(language) else {
        return format!("{year:04}-{:02}-{day:02}", u8::from(when.month()));
    };
    let months: &[&str] = locale_match!(locale => LC_TIME::MON);
    let Some(month) = months.get(usize::from(u8::from(when.month())) - 1) else {
        return format!("{year:04}-{:02}-{day:02}", u8::from(when.month()));
    };
    let english_month_first = || region(language).is_none_or(|r| MONTH_FIRST_ENGLISH.contains(&r.as_str()));
    match primary_language(language).as_str() {
        "en" if english_month_first() => format!("{month} {day}, {year}"),
        "de" | "da" | "nb" | "nn" | "no" | "cs" | "sk" | "sl" | "hr" | "bs" | "sr" | "et" | "fi" | "is" => {
            format!("{day}. {month} {year}")
        }
        "es" | "pt" | "gl" => format!("{day} de {month} de {year}"),
        "ru" | "be" => format!("{day} {month} {year} г."),
        "uk" => format!("{day} {month} {year} р."),
        "hu" => format!("{year}. {month} {day}."),
        "lt" => format!("{year} m. {month} {day} d."),
        "lv" => format!("{year}. gada {day}. {month}"),
        // The locale data's months are "12月" and "12월".
        "ja" | "zh" => format!("{year}年{month}{day}日"),
        "ko" => format!("{year}년 {month} {day}일"),
        _ => format!("{day} {month} {year}"),
    }
}

/// The date and the time of day (UTC, 24-hour) as a reader of `language` reads them: "6 December
/// 2026, 18:00 UTC".
pub fn reader_date_time(when: OffsetDateTime, language: &str) -> String {
    format!("{}, {:02}:{:02} UTC", reader_date(when, language), when.hour(), when.minute())
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    const DAY: OffsetDateTime = datetime!(2026-12-06 18:30:00 UTC);

    #[test]
    fn english_reads_the_date_as_its_region_does() {
        assert_eq!(reader_date(DAY, "en-US"), "December 6, 2026");
        assert_eq!(reader_date(DAY, "en"), "December 6, 2026");
        assert_eq!(reader_date(DAY, "en-GB"), "6 December 2026");
        assert_eq!(reader_date(DAY, "en-AU"), "6 December 2026");
        assert_eq!(reader_date(DAY, "en-IE"), "6 December 2026");
    }

    #[test]
    fn each_newsroom_language_reads_its_own_date() {
        assert_eq!(reader_date(DAY, "fr"), "6 décembre 2026");
        assert_eq!(reader_date(DAY, "fr-CA"), "6 décembre 2026");
        assert_eq!(reader_date(DAY, "es"), "6 de diciembre de 2026");
        assert_eq!(reader_date(DAY, "es-MX"), "6 de diciembre de 2026");
        assert_eq!(reader_date(DAY, "de"), "6. Dezember 2026");
        assert_eq!(reader_date(DAY, "de-AT"), "6. Dezember 2026");
        assert_eq!(reader_date(DAY, "it"), "6 dicembre 2026");
        assert_eq!(reader_date(DAY, "pt-BR"), "6 de dezembro de 2026");
        assert_eq!(reader_date(DAY, "nl"), "6 december 2026");
    }

    #[test]
    fn arabic_names_the_month_as_its_region_does() {
        assert_eq!(reader_date(DAY, "ar"), "6 ديسمبر 2026");
        assert_eq!(reader_date(DAY, "ar-EG"), "6 ديسمبر 2026");
        assert_eq!(reader_date(DAY, "ar-LB"), "6 كانون الأول 2026");
        assert_eq!(reader_date(DAY, "ar-MA"), "6 دجنبر 2026");
    }

    #[test]
    fn a_date_takes_the_month_in_the_form_a_date_uses() {
        assert_eq!(reader_date(DAY, "pl"), "6 grudnia 2026");
        assert_eq!(reader_date(DAY, "ru"), "6 декабря 2026 г.");
        assert_eq!(reader_date(DAY, "ja"), "2026年12月6日");
    }

    #[test]
    fn a_language_the_locale_data_does_not_know_gets_the_iso_date() {
        assert_eq!(reader_date(DAY, "tlh"), "2026-12-06");
        assert_eq!(reader_date(DAY, "x-private"), "2026-12-06");
        assert_eq!(reader_date(DAY, ""), "2026-12-06");
    }

    #[test]
    fn the_first_and_last_day_of_the_year_and_the_time_of_day() {
        assert_eq!(reader_date(datetime!(2027-01-01 00:00:00 UTC), "en-GB"), "1 January 2027");
        assert_eq!(reader_date(datetime!(2026-12-31 23:59:59 UTC), "fr"), "31 décembre 2026");
        assert_eq!(reader_date_time(DAY, "en-GB"), "6 December 2026, 18:30 UTC");
    }
}
