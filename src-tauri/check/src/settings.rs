//! What a library decides about its copy: rules switched off, the house-style table, the
//! abbreviations everyone knows, and the headline's length and casing. Starter values are a
//! newsroom's usual ones; every one can be changed per library.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One house-style choice: the spelling the house uses, and the variants it replaces.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VariantGroup {
    pub preferred: String,
    pub variants: Vec<String>,
}

/// How headlines are cased in this house.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum HeadlineCase {
    /// Only the first word and proper nouns capitalised.
    #[default]
    Sentence,
    /// Every major word capitalised.
    Title,
    /// Not checked.
    Any,
}

/// The copy desk's settings of a library.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct CheckSettings {
    /// Rule ids switched off (`quotes.mixed`…).
    pub disabled: Vec<String>,
    pub house_style: Vec<VariantGroup>,
    /// Abbreviations that need no spelling out (UN, US, EU, NATO…).
    pub known_abbreviations: Vec<String>,
    /// Longest headline, in characters.
    pub headline_max: u32,
    pub headline_case: HeadlineCase,
    /// Whether the editor checks after each pause in typing (off, the journalist checks on
    /// demand: the copy-desk drawer, F8, the checklist).
    pub as_you_type: bool,
}

impl Default for CheckSettings {
    fn default() -> Self {
        let group = |preferred: &str, variants: &[&str]| VariantGroup {
            preferred: preferred.to_string(),
            variants: variants.iter().map(|v| v.to_string()).collect(),
        };
        CheckSettings {
            disabled: Vec::new(),
            house_style: vec![
                group("Secretary-General", &["Secretary General"]),
                group("email", &["e-mail"]),
                group("percent", &["per cent"]),
                group("website", &["web site"]),
                group("online", &["on-line"]),
                group("healthcare", &["health care"]),
                group("ceasefire", &["cease-fire", "cease fire"]),
            ],
            known_abbreviations: [
                "UN", "US", "USA", "UK", "EU", "NATO", "AFP", "AP", "BBC", "CNN", "TV", "GDP", "CEO", "AIDS",
                "HIV", "DNA", "FBI", "CIA", "NASA", "FIFA", "OK", "PC", "ID", "AM", "PM", "ISBN", "UNESCO",
                "UNICEF", "WHO", "IMF", "OPEC", "COVID", "USB", "PDF", "URL", "IT", "I", "GMT", "UTC",
                "HTML", "IQ", "MP", "CCTV", "GPS", "SUV", "ATM", "VIP", "DVD", "CD", "SMS", "LGBT", "LGBTQ",
                "FTSE", "DAX", "CAC", "NASDAQ", "NYSE", "NBA", "NFL", "UEFA", "GOP",
            ]
            .iter()
            .map(|a| a.to_string())
            .collect(),
            headline_max: 70,
            headline_case: HeadlineCase::Sentence,
            as_you_type: true,
        }
    }
}

impl CheckSettings {
    /// Whether a rule runs.
    pub fn enabled(&self, rule: &str) -> bool {
        !self.disabled.iter().any(|d| d == rule)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starter_abbreviations_hold_the_everyday_ones() {
        let s = CheckSettings::default();
        for a in ["UN", "GMT", "UTC", "HTML", "IQ", "MP"] {
            assert!(s.known_abbreviations.iter().any(|k| k == a), "{a}");
        }
        assert!(!s.known_abbreviations.iter().any(|k| k == "KPA"));
    }
}
