//! What the copy desk reports: a finding names its rule, its category and severity, where it is
//! (a field, a block of the body or a photo use, with offsets the editor can use), a message
//! written for a journalist and its suggestions, best first.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The kind of slip, as the editor colours it and the checklist counts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "FindingCategory")]
pub enum Category {
    Spelling,
    Grammar,
    Punctuation,
    Style,
    Captions,
    Structure,
}

/// How much it matters: an error should not go out; a warning is worth a look; advice is taste.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "FindingSeverity")]
pub enum Severity {
    Advice,
    Warning,
    Error,
}

/// The field of a story a finding is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "FindingField")]
pub enum Field {
    Kicker,
    Headline,
    Standfirst,
    Byline,
    Dateline,
    Body,
    Caption,
    Credit,
    AltText,
}

/// Where a finding is. `block` is the path of a body block from the document's root (`[3]` is
/// the fourth block, `[5, 0, 1]` the second block of the first item of the list at 5); it is
/// empty outside the body. `photoUse` names the use for a caption, credit or alt text.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "FindingPlace")]
pub struct Place {
    pub field: Field,
    pub block: Vec<u32>,
    pub photo_use: Option<String>,
}

impl Place {
    /// A field of the story's head (kicker, headline…).
    pub fn field(field: Field) -> Self {
        Place { field, block: Vec::new(), photo_use: None }
    }

    /// A block of the body.
    pub fn block(path: Vec<u32>) -> Self {
        Place { field: Field::Body, block: path, photo_use: None }
    }

    /// A field of a photo use.
    pub fn photo(field: Field, photo_use: &str) -> Self {
        Place { field, block: Vec::new(), photo_use: Some(photo_use.to_string()) }
    }
}

/// One thing the copy desk would point out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    /// The rule's id (`spelling.unknown`, `quotes.reversed`…): what the settings switch off.
    pub rule: String,
    pub category: Category,
    pub severity: Severity,
    pub place: Place,
    /// Where in the field's or block's text, in UTF-16 code units (as the editor counts), `end`
    /// exclusive; both 0 for a finding about the whole field.
    pub start: u32,
    pub end: u32,
    /// The text flagged, as it stands.
    pub text: String,
    pub message: String,
    /// Replacements for `text`, best first (may be empty).
    pub suggestions: Vec<String>,
}

/// The findings of a story, in reading order, with counts per category.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "CheckReport")]
pub struct Report {
    pub findings: Vec<Finding>,
    /// Languages asked for that have no dictionary: spelling is not checked in them (said once).
    pub missing_dictionaries: Vec<String>,
}

impl Report {
    /// How many findings of each category, in the categories' order; categories without any are
    /// left out.
    pub fn counts(&self) -> Vec<(Category, usize)> {
        let mut counts: std::collections::BTreeMap<Category, usize> = Default::default();
        for f in &self.findings {
            *counts.entry(f.category).or_default() += 1;
        }
        counts.into_iter().collect()
    }

    /// Whether any finding is an error.
    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error)
    }
}
