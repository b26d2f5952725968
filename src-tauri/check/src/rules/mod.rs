//! The newsroom rules, one module each. A passage rule reads one passage (the editor re-checks
//! only the edited block with these); a story rule reads the whole story (variants, the first use
//! of an abbreviation, structure). Each finding names its rule id, which the library's settings
//! can switch off.

pub mod doubled;
pub mod sentences;

use byline_model::Story;

use crate::text::Passage;
use crate::{Context, Finding};

/// The rules that read one passage.
pub fn passage(p: &Passage, cx: &Context, out: &mut Vec<Finding>) {
    let _ = cx;
    doubled::check(p, out);
    sentences::check(p, out);
}

/// The rules that read the whole story.
pub fn story(story: &Story, passages: &[Passage], cx: &Context, out: &mut Vec<Finding>) {
    let _ = (story, passages, cx, out);
}
