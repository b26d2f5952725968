//! A photo use as the journalist sees it: the stored words with the credit line the library's
//! template prints and the "from IPTC" marks (which fields still say what the file said), and
//! the warnings a desk editor would give before publishing.

use byline_model::{FromPhoto, PhotoRole, PhotoUse, PhotoWarning, PhotoWarningKind, StoredUse};

use crate::credit::{credit_line, normalise_credit};

/// The [`PhotoUse`] of a stored use, its credit line printed by `template` and its credit
/// compared with the file's through the library's agency table.
pub fn photo_use(stored: StoredUse, template: &str, agencies: &[(String, String)]) -> PhotoUse {
    let meta = &stored.metadata;
    let same = |field: &str, source: &Option<String>| !field.is_empty() && source.as_deref() == Some(field);
    // The credit was prefilled from the file's credit (or source), normalised by the library's
    // agency table: it is still "from the photo" while it equals that.
    let file_credit =
        meta.credit.as_deref().or(meta.source.as_deref()).map(str::trim).filter(|c| !c.is_empty());
    let credit_from_file = match file_credit {
        Some(c) if !stored.credit.is_empty() => {
            c.eq_ignore_ascii_case(&stored.credit) || normalise_credit(c, agencies) == stored.credit
        }
        _ => false,
    };
    let from_photo = FromPhoto {
        caption: same(&stored.caption, &meta.caption),
        credit: credit_from_file,
        alt_text: same(&stored.alt_text, &meta.alt_text),
        creator: same(&stored.creator, &meta.creator),
        copyright: same(&stored.copyright, &meta.copyright),
    };
    PhotoUse {
        credit_line: credit_line(template, &stored.credit),
        id: stored.id,
        photo: stored.photo,
        role: stored.role,
        caption: stored.caption,
        credit: stored.credit,
        alt_text: stored.alt_text,
        creator: stored.creator,
        copyright: stored.copyright,
        width: stored.width,
        height: stored.height,
        from_photo,
        instructions: meta.instructions.clone().unwrap_or_default(),
        usage_terms: meta.usage_terms.clone().unwrap_or_default(),
        soft_edits: meta.soft_edits.clone().unwrap_or_default(),
        stand_in: stored.stand_in,
    }
}

/// What to fix or read in a story's photos before publishing: a stand-in for the real photo, no
/// credit, no alt text, alt text that only repeats the caption, or the agency's instructions and
/// usage terms.
pub fn warnings(uses: &[PhotoUse]) -> Vec<PhotoWarning> {
    let mut out = Vec::new();
    for (n, u) in uses.iter().enumerate() {
        let which = match u.role {
            PhotoRole::Lead => "the lead photo".to_string(),
            PhotoRole::Inline => format!("photo {}", n + 1),
        };
        let mut warn =
            |kind, message: String| out.push(PhotoWarning { photo_use: u.id.clone(), kind, message });
        let stand_in = u.stand_in.trim();
        if !stand_in.is_empty() {
            let said: String = stand_in.chars().take(300).collect();
            warn(
                PhotoWarningKind::StandIn,
                format!("{which} is a stand-in, not the real photo (“{said}”): replace it before publishing"),
            );
        }
        if u.credit.trim().is_empty() {
            warn(PhotoWarningKind::NoCredit, format!("{which} has no credit"));
        }
        if u.alt_text.trim().is_empty() {
            warn(PhotoWarningKind::NoAltText, format!("{which} has no alt text"));
        } else if u.alt_text.trim() == u.caption.trim() {
            warn(
                PhotoWarningKind::AltTextIsCaption,
                format!("{which}: the alt text repeats the caption; describe what the photo shows"),
            );
        }
        let terms: Vec<&str> =
            [u.instructions.trim(), u.usage_terms.trim()].into_iter().filter(|t| !t.is_empty()).collect();
        if !terms.is_empty() {
            let said: String = terms.join(" / ").chars().take(300).collect();
            warn(PhotoWarningKind::Restricted, format!("{which} comes with the agency's terms: “{said}”"));
        }
    }
    out
}
