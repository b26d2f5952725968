//! Credit lines: agency names normalised ("REUTERS", "Reuters Photo", "RETUERS" all print
//! "Reuters") and composed by the library's template (default `Photo: {credit}`).

use byline_model::{Agency, Error, Result};

/// The template a new library starts with.
pub const DEFAULT_TEMPLATE: &str = "Photo: {credit}";

/// The agencies a new library knows: (name as printed, spellings seen in the wild).
pub const SEED_AGENCIES: &[(&str, &[&str])] = &[
    ("AFP", &["AFP", "Agence France-Presse", "Agence France Presse", "AFP Photo"]),
    ("AP", &["AP", "Associated Press", "The Associated Press", "AP Photo"]),
    ("Reuters", &["Reuters", "Thomson Reuters", "Reuters Photo", "Retuers"]),
    ("EPA", &["EPA", "EPA-EFE", "European Pressphoto Agency", "EFE"]),
    ("Getty Images", &["Getty Images", "Getty", "GettyImages"]),
    ("VNA", &["VNA", "Vietnam News Agency", "TTXVN"]),
    ("Xinhua", &["Xinhua", "Xinhua News Agency", "XINHUA"]),
    ("The Canadian Press", &["The Canadian Press", "Canadian Press", "CP", "CP Photo"]),
    ("Anadolu", &["Anadolu", "Anadolu Agency", "AA"]),
    ("ANSA", &["ANSA"]),
    ("dpa", &["dpa", "Deutsche Presse-Agentur", "DPA Picture-Alliance"]),
    ("Kyodo", &["Kyodo", "Kyodo News"]),
    ("Yonhap", &["Yonhap", "Yonhap News Agency"]),
    ("PA", &["PA", "PA Images", "PA Wire", "Press Association"]),
    ("SIPA", &["SIPA", "Sipa Press"]),
];

/// Words agencies add to their name in credit fields ("Reuters Photo", "AFP/Staff").
const NOISE: &[&str] = &["photo", "photos", "pictures", "picture", "images", "staff", "file"];

fn squash(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

use byline_model::edit::distance;

/// One agency name as printed, given the library's table of (alias, name) pairs.
pub fn normalise_agency(raw: &str, table: &[(String, String)]) -> String {
    let trimmed = raw.trim();
    let lookup = |key: &str| {
        let key = squash(key);
        table.iter().find(|(alias, _)| squash(alias) == key).map(|(_, name)| name.clone())
    };
    if let Some(name) = lookup(trimmed) {
        return name;
    }
    let words: Vec<&str> =
        trimmed.split_whitespace().filter(|w| !NOISE.contains(&squash(w).as_str())).collect();
    if !words.is_empty() {
        if let Some(name) = lookup(&words.join(" ")) {
            return name;
        }
    }
    // A typo of a known name of five letters or more: one edit away ("RETUERS").
    let key = squash(trimmed);
    if key.len() >= 5 {
        if let Some((_, name)) = table.iter().find(|(alias, _)| {
            let alias = squash(alias);
            alias.len() >= 5 && distance(&key, &alias) <= 1
        }) {
            return name.clone();
        }
    }
    trimmed.to_string()
}

/// A whole credit ("AFP/VNA", "REUTERS; Getty") with each agency normalised; parts that are
/// only filler ("Reuters/Staff") are dropped.
pub fn normalise_credit(raw: &str, table: &[(String, String)]) -> String {
    let mut parts: Vec<(char, String)> = vec![('/', String::new())];
    for c in raw.chars() {
        if matches!(c, '/' | ';' | ',') {
            parts.push((c, String::new()));
        } else if let Some(last) = parts.last_mut() {
            last.1.push(c);
        }
    }
    let mut out = String::new();
    for (separator, part) in parts {
        if part.trim().is_empty() || NOISE.contains(&squash(&part).as_str()) {
            continue;
        }
        if !out.is_empty() {
            out.push(separator);
            if separator != '/' {
                out.push(' ');
            }
        }
        out.push_str(&normalise_agency(&part, table));
    }
    out
}

/// The credit line as printed under a caption: the template with `{credit}` filled in.
pub fn credit_line(template: &str, credit: &str) -> String {
    if credit.trim().is_empty() {
        String::new()
    } else {
        template.replace("{credit}", credit.trim())
    }
}

/// The seed table as (alias, name) pairs.
pub fn seed_table() -> Vec<(String, String)> {
    SEED_AGENCIES
        .iter()
        .flat_map(|(name, aliases)| aliases.iter().map(move |a| (a.to_string(), name.to_string())))
        .collect()
}

/// The agency table grouped by the name printed, names in alphabetical order. A spelling equal
/// to its name (ignoring case) is not listed: the name always counts as a spelling.
pub fn group_agencies(table: &[(String, String)]) -> Vec<Agency> {
    let mut out: Vec<Agency> = Vec::new();
    for (alias, name) in table {
        let at = match out.iter().position(|a| a.name == *name) {
            Some(at) => at,
            None => {
                out.push(Agency { name: name.clone(), spellings: Vec::new() });
                out.len() - 1
            }
        };
        if alias.to_lowercase() != name.to_lowercase() {
            out[at].spellings.push(alias.clone());
        }
    }
    out.sort_by_key(|a| a.name.to_lowercase());
    for a in &mut out {
        a.spellings.sort_by_key(|s| s.to_lowercase());
    }
    out
}

/// Refuses a credit template without the `{credit}` placeholder.
pub fn check_template(template: &str) -> Result<()> {
    if template.contains("{credit}") {
        Ok(())
    } else {
        Err(Error::InvalidInput(format!("the credit template `{template}` has no {{credit}} placeholder")))
    }
}

/// The (spelling, name) rows of an agency table as edited: names and spellings trimmed, empty
/// spellings dropped, each name one of its own spellings. Refused, naming the problem, when an
/// agency has no name or a spelling (ignoring case, spaces and punctuation) would print as two
/// different agencies.
pub fn agency_rows(agencies: &[Agency]) -> Result<Vec<(String, String)>> {
    let mut rows: Vec<(String, String)> = Vec::new();
    let mut owner: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    for agency in agencies {
        let name = agency.name.trim();
        if squash(name).is_empty() {
            let spellings = agency.spellings.join(", ");
            return Err(Error::InvalidInput(if spellings.trim().is_empty() {
                "an agency needs a name".to_string()
            } else {
                format!("the agency spelt {spellings} needs a name to print")
            }));
        }
        if name.chars().count() > 100 {
            return Err(Error::InvalidInput(format!(
                "the agency name `{name}` is longer than 100 characters"
            )));
        }
        for spelling in std::iter::once(name).chain(agency.spellings.iter().map(|s| s.trim())) {
            let key = squash(spelling);
            if key.is_empty() {
                continue;
            }
            match owner.get(&key) {
                Some(other) if other != name => {
                    return Err(Error::InvalidInput(format!(
                        "“{spelling}” cannot print as both {other} and {name}; keep it under one agency"
                    )))
                }
                _ => {
                    owner.insert(key, name.to_string());
                    // Spellings differing only in case are one row (the table ignores case).
                    if !rows.iter().any(|(alias, _)| alias.to_lowercase() == spelling.to_lowercase()) {
                        rows.push((spelling.to_string(), name.to_string()));
                    }
                }
            }
        }
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agencies_print_the_same_however_they_are_spelt() {
        let table = seed_table();
        for raw in ["REUTERS", "Reuters Photo", "RETUERS", "reuters", " Reuters/Staff "] {
            assert_eq!(normalise_credit(raw, &table), "Reuters", "{raw}");
        }
        assert_eq!(normalise_credit("AFP/VNA", &table), "AFP/VNA");
        assert_eq!(normalise_credit("afp / vna", &table), "AFP/VNA");
        assert_eq!(normalise_credit("AP Photo", &table), "AP");
        assert_eq!(normalise_credit("THE CANADIAN PRESS", &table), "The Canadian Press");
        assert_eq!(normalise_credit("Getty", &table), "Getty Images");
        assert_eq!(normalise_credit("XINHUA", &table), "Xinhua");
        assert_eq!(normalise_credit("Jane Roe", &table), "Jane Roe", "unknown names are kept");
        assert_eq!(normalise_credit("Jane Roe; EPA-EFE", &table), "Jane Roe; EPA");
        assert_eq!(normalise_credit("APE", &table), "APE", "short names are not guessed");
    }

    #[test]
    fn the_agency_table_groups_by_name_and_back() {
        let grouped = group_agencies(&seed_table());
        let reuters = grouped.iter().find(|a| a.name == "Reuters").expect("Reuters");
        assert_eq!(reuters.spellings, ["Retuers", "Reuters Photo", "Thomson Reuters"]);
        let names: Vec<&str> = grouped.iter().map(|a| a.name.as_str()).collect();
        let mut sorted = names.clone();
        sorted.sort_by_key(|n| n.to_lowercase());
        assert_eq!(names, sorted, "alphabetical");
        // Back to rows and grouped again: the same table.
        let rows = agency_rows(&grouped).expect("the seed table is consistent");
        assert_eq!(group_agencies(&rows), grouped);
        for (raw, want) in
            [("REUTERS", "Reuters"), ("Retuers", "Reuters"), ("CP Photo", "The Canadian Press")]
        {
            assert_eq!(normalise_credit(raw, &rows), want, "{raw}");
        }
    }

    #[test]
    fn an_edited_agency_table_is_checked() {
        let agency = |name: &str, spellings: &[&str]| Agency {
            name: name.into(),
            spellings: spellings.iter().map(|s| s.to_string()).collect(),
        };
        let rows = agency_rows(&[agency(" Wire Co ", &["WIRECO", " ", "Wire-Co Photo"])]).expect("ok");
        assert_eq!(
            rows,
            [("Wire Co", "Wire Co"), ("WIRECO", "Wire Co"), ("Wire-Co Photo", "Wire Co")]
                .map(|(a, b)| (a.to_string(), b.to_string()))
        );
        let err = agency_rows(&[agency("The Canadian Press", &["CP"]), agency("CP Images", &["c.p."])])
            .expect_err("one spelling, two agencies");
        assert!(
            err.to_string().contains("“c.p.” cannot print as both The Canadian Press and CP Images"),
            "{err}"
        );
        let err = agency_rows(&[agency("  ", &["AFP Photo"])]).expect_err("no name");
        assert!(err.to_string().contains("the agency spelt AFP Photo needs a name"), "{err}");
        assert!(agency_rows(&[agency("", &[])]).is_err());
        assert!(agency_rows(&[]).expect("an empty table is allowed").is_empty());
    }

    #[test]
    fn the_credit_line_follows_the_template() {
        assert_eq!(credit_line(DEFAULT_TEMPLATE, "AFP/VNA"), "Photo: AFP/VNA");
        assert_eq!(credit_line("© {credit}", "Reuters"), "© Reuters");
        assert_eq!(credit_line(DEFAULT_TEMPLATE, "  "), "");
    }
}
