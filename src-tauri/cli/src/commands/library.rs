//! The library commands: backups, a backup restored, the settings and the agency table.

use std::path::PathBuf;

use byline_core::{Agency, Error, Library};

use super::json;
use crate::cli::AgenciesCommand;

/// `backup`: a verified backup made now; prints its file.
pub fn backup(lib: &Library) -> Result<(), Error> {
    let backup = lib.backup("manual")?;
    println!("{}", backup.file);
    Ok(())
}

/// `backups`: the library's backups, newest first.
pub fn backups(lib: &Library, as_json: bool) -> Result<(), Error> {
    let backups = lib.backups()?;
    if as_json {
        return json(&backups);
    }
    for b in backups {
        let made = byline_core::time::rfc3339(b.made);
        println!("{made}  {:<15} {:>9} bytes  {}", b.reason, b.bytes, b.file);
    }
    Ok(())
}

/// `restore BACKUP`: puts a whole library backup back, after backing up what is there now.
pub fn restore_backup(lib: &mut Library, target: &str) -> Result<(), Error> {
    let path = PathBuf::from(target);
    if !path.is_file() {
        return Err(Error::InvalidInput(format!(
            "{target} is not a backup file; to restore a revision, name it: byline restore STORY REVISION"
        )));
    }
    let safety = lib.restore_backup(&path)?;
    println!("library restored from {target}; what was there before is in {}", safety.file);
    Ok(())
}

/// `settings`: shows the settings, after changing the ones given.
pub fn settings(
    lib: &mut Library,
    base_url: Option<String>,
    credit_template: Option<String>,
    as_json: bool,
) -> Result<(), Error> {
    let settings = if base_url.is_some() || credit_template.is_some() {
        // One read-modify-write transaction: a setting changed at the same time by
        // another process is kept.
        lib.update_settings(|settings| {
            if let Some(url) = base_url {
                settings.base_url = Some(url);
            }
            if let Some(template) = credit_template {
                settings.credit_template = template;
            }
            Ok(())
        })?
    } else {
        lib.settings()?
    };
    if as_json {
        return json(&settings);
    }
    println!(
        "base URL: {}",
        settings.base_url.as_deref().unwrap_or("(none: story links export as plain text)")
    );
    println!("credit template: {}", settings.credit_template);
    Ok(())
}

/// `agencies`: shows the agency table, after the change asked for.
pub fn agencies(lib: &mut Library, command: Option<AgenciesCommand>, as_json: bool) -> Result<(), Error> {
    let mut settings = lib.settings()?;
    let find =
        |list: &[Agency], name: &str| list.iter().position(|a| a.name.eq_ignore_ascii_case(name.trim()));
    match command {
        None => {}
        Some(AgenciesCommand::Set { name, spellings }) => {
            match find(&settings.agencies, &name) {
                Some(at) => settings.agencies[at] = Agency { name, spellings },
                None => settings.agencies.push(Agency { name, spellings }),
            }
            settings = lib.set_settings(&settings)?;
        }
        Some(AgenciesCommand::Remove { name }) => {
            let at = find(&settings.agencies, &name)
                .ok_or_else(|| Error::InvalidInput(format!("no agency named `{name}` in this library")))?;
            settings.agencies.remove(at);
            settings = lib.set_settings(&settings)?;
        }
    }
    if as_json {
        return json(&settings.agencies);
    }
    for a in &settings.agencies {
        println!("{}  <-  {}", a.name, a.spellings.join(", "));
    }
    Ok(())
}
