//! File names that are safe on Windows, macOS and Linux alike.

/// Longest file name we make, in bytes (well under every file system's 255).
pub const MAX_NAME_BYTES: usize = 100;

const RESERVED: &[&str] = &[
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
    "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// A safe version of `name`: no `/\\:*?"<>|` or control characters, no leading or trailing dots
/// and spaces, not a Windows device name (`CON`, `nul.txt`…), at most [`MAX_NAME_BYTES`] bytes
/// (cut on a character boundary, extension kept), never empty.
pub fn safe_file_name(name: &str) -> String {
    let cleaned: String =
        name.chars().map(|c| if c.is_control() || "/\\:*?\"<>|".contains(c) { '-' } else { c }).collect();
    let mut out = cleaned.trim_matches(|c: char| c == '.' || c.is_whitespace()).to_string();
    if out.is_empty() {
        out = "untitled".into();
    }
    let first_dot = out.find('.').unwrap_or(out.len());
    if RESERVED.contains(&out[..first_dot].trim().to_ascii_uppercase().as_str()) {
        out.insert(first_dot, '_');
    }
    let (stem, ext) = match out.rfind('.') {
        Some(i) if i > 0 && out.len() - i <= 6 => (out[..i].to_string(), out[i..].to_string()),
        _ => (out.clone(), String::new()),
    };
    let mut stem = stem;
    while stem.len() + ext.len() > MAX_NAME_BYTES {
        stem.pop();
    }
    let stem = stem.trim_end_matches(|c: char| c == '.' || c.is_whitespace()).to_string();
    format!("{}{ext}", if stem.is_empty() { "untitled" } else { &stem })
}

/// Makes every name in `names` unique ignoring case (`Photo.jpg` and `photo.jpg` collide on
/// Windows and macOS): later ones get `-2`, `-3`… before the extension.
pub fn unique_names(names: &[String]) -> Vec<String> {
    let mut seen: Vec<String> = Vec::new();
    names
        .iter()
        .map(|name| {
            let safe = safe_file_name(name);
            let (stem, ext) = match safe.rfind('.') {
                Some(i) if i > 0 => (safe[..i].to_string(), safe[i..].to_string()),
                _ => (safe.clone(), String::new()),
            };
            let mut candidate = safe.clone();
            let mut n = 2;
            while seen
                .iter()
                .any(|s| s.eq_ignore_ascii_case(&candidate) || s.to_lowercase() == candidate.to_lowercase())
            {
                candidate = format!("{stem}-{n}{ext}");
                n += 1;
            }
            seen.push(candidate.clone());
            candidate
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_safe_everywhere() {
        assert_eq!(safe_file_name("CON"), "CON_");
        assert_eq!(safe_file_name("nul.txt"), "nul_.txt");
        assert_eq!(safe_file_name("com1.tar.gz"), "com1_.tar.gz");
        assert_eq!(safe_file_name("Lpt9 .log"), "Lpt9 _.log");
        assert_eq!(safe_file_name("report. "), "report");
        assert_eq!(safe_file_name("...hidden"), "hidden");
        assert_eq!(safe_file_name("a/b\\c:d*e?f\"g<h>i|j"), "a-b-c-d-e-f-g-h-i-j");
        assert_eq!(safe_file_name(""), "untitled");
        assert_eq!(safe_file_name("tab\there"), "tab-here");
        let long = format!("{}.jpg", "é".repeat(200));
        let safe = safe_file_name(&long);
        assert!(safe.len() <= MAX_NAME_BYTES && safe.ends_with(".jpg"), "{safe}");
        assert_eq!(
            unique_names(&["Photo.jpg".into(), "photo.jpg".into(), "PHOTO.jpg".into(), "other.jpg".into()]),
            vec!["Photo.jpg", "photo-2.jpg", "PHOTO-3.jpg", "other.jpg"]
        );
    }
}
