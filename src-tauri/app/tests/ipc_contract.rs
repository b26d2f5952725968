//! The IPC contract, generated from Rust: every `#[tauri::command]` in `src/commands/` is read
//! (with syn), and its arguments and reply become one entry of `ui/src/platform/commands.ts`,
//! typed with the ts-rs bindings; the window's capability is derived from the same list. The
//! UI's `call` is typed by that table, so a renamed argument or a changed reply fails the UI's
//! type check. This test fails when either generated file is stale, or when a command is not
//! registered with the shell. Regenerate with
//! `UPDATE_BINDINGS=1 cargo test -p byline-app --test ipc_contract`.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use syn::{FnArg, GenericArgument, Item, PathArguments, ReturnType, Type};

/// One command as the UI sees it.
#[derive(Debug)]
struct Command {
    name: String,
    /// `(camelCase name, TypeScript type)`; `None` for a raw-body command.
    args: Option<Vec<(String, String)>>,
    reply: String,
    doc: String,
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `use_id` → `useId`, as Tauri names command arguments by default.
fn camel(name: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in name.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// A Rust type that crosses IPC, in TypeScript. Named types must have a ts-rs binding.
fn ts_type(ty: &Type, used: &mut BTreeSet<String>) -> String {
    match ty {
        Type::Tuple(t) if t.elems.is_empty() => "null".into(),
        Type::Reference(r) => ts_type(&r.elem, used),
        Type::Path(p) => {
            let seg = p.path.segments.last().expect("a type has a name");
            let name = seg.ident.to_string();
            let inner = |i: usize, used: &mut BTreeSet<String>| match &seg.arguments {
                PathArguments::AngleBracketed(a) => {
                    let ty = a
                        .args
                        .iter()
                        .filter_map(|g| if let GenericArgument::Type(t) = g { Some(t) } else { None })
                        .nth(i)
                        .unwrap_or_else(|| panic!("{name} without a type argument"));
                    ts_type(ty, used)
                }
                _ => panic!("{name} without a type argument"),
            };
            match name.as_str() {
                "String" | "str" | "PathBuf" | "Path" => "string".into(),
                "bool" => "boolean".into(),
                "u8" | "u16" | "u32" | "u64" | "usize" | "i32" | "i64" | "f32" | "f64" => "number".into(),
                "Option" => format!("{} | null", inner(0, used)),
                "Vec" => format!("Array<{}>", inner(0, used)),
                // The command's reply, or its typed error.
                "Reply" | "Result" => inner(0, used),
                // An argument checked by the core; the UI sends the shape named.
                "Unchecked" => inner(0, used),
                "Channel" => {
                    used.insert("Channel".into());
                    format!("Channel<{}>", inner(0, used))
                }
                _ => {
                    assert!(
                        root().join(format!("ui/src/bindings/{name}.ts")).exists(),
                        "`{name}` crosses IPC but has no ts-rs binding in ui/src/bindings/"
                    );
                    used.insert(name.clone());
                    name
                }
            }
        }
        _ => panic!("a command uses a type the contract cannot name (a tuple, a slice, a function…)"),
    }
}

/// What the shell supplies itself (never sent by the UI).
fn supplied_by_shell(ty: &Type) -> bool {
    let Type::Path(p) = ty else { return false };
    let name = p.path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default();
    matches!(name.as_str(), "State" | "AppHandle" | "Window" | "Webview" | "WebviewWindow")
}

fn is_raw_request(ty: &Type) -> bool {
    matches!(ty, Type::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "Request"))
}

fn doc_of(attrs: &[syn::Attribute]) -> String {
    attrs
        .iter()
        .filter(|a| a.path().is_ident("doc"))
        .filter_map(|a| match &a.meta {
            syn::Meta::NameValue(nv) => match &nv.value {
                syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }) => {
                    Some(s.value().trim().to_string())
                }
                _ => None,
            },
            _ => None,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every command in `src/commands/`, in file order, with the types it uses.
fn commands() -> (Vec<(String, Command)>, BTreeSet<String>) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/commands");
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(&dir).expect("src/commands").filter_map(|e| e.ok()).map(|e| e.path()).collect();
    files.sort();
    let mut out = Vec::new();
    let mut used = BTreeSet::new();
    for file in files {
        let module = file.file_stem().expect("a file name").to_string_lossy().into_owned();
        let source = std::fs::read_to_string(&file).expect("a command file");
        let parsed = syn::parse_file(&source).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        for item in parsed.items {
            let Item::Fn(f) = item else { continue };
            let is_command = f.attrs.iter().any(|a| {
                let segs: Vec<String> = a.path().segments.iter().map(|s| s.ident.to_string()).collect();
                segs == ["tauri", "command"]
            });
            if !is_command {
                continue;
            }
            let mut args = Some(Vec::new());
            for input in &f.sig.inputs {
                let FnArg::Typed(pt) = input else { panic!("{}: a command is a free function", f.sig.ident) };
                if supplied_by_shell(&pt.ty) {
                    continue;
                }
                if is_raw_request(&pt.ty) {
                    args = None;
                    continue;
                }
                let syn::Pat::Ident(name) = &*pt.pat else { panic!("{}: name every argument", f.sig.ident) };
                let ts = ts_type(&pt.ty, &mut used);
                if let Some(list) = args.as_mut() {
                    list.push((camel(&name.ident.to_string()), ts));
                }
            }
            let reply = match &f.sig.output {
                ReturnType::Default => "null".to_string(),
                ReturnType::Type(_, ty) => ts_type(ty, &mut used),
            };
            let name = f.sig.ident.to_string();
            out.push((module.clone(), Command { name, args, reply, doc: doc_of(&f.attrs) }));
        }
    }
    assert!(out.len() >= 30, "found only {} commands in src/commands/", out.len());
    (out, used)
}

/// `ui/src/platform/commands.ts`, as generated.
fn commands_ts(commands: &[(String, Command)], used: &BTreeSet<String>) -> String {
    let mut ts = String::from(
        "// Generated from the #[tauri::command] functions in src-tauri/app/src/commands/ by\n\
         // `UPDATE_BINDINGS=1 cargo test -p byline-app --test ipc_contract`. Do not edit.\n\n",
    );
    for name in used {
        if name == "Channel" {
            ts.push_str("import type { Channel } from \"@tauri-apps/api/core\";\n");
        } else {
            let _ = writeln!(ts, "import type {{ {name} }} from \"../bindings/{name}\";");
        }
    }
    ts.push_str(
        "\n/** Every command of the shell: the arguments the UI sends (camelCase) and the reply.\n \
         * `args: Uint8Array` is a raw-body command (its other inputs ride in headers). */\n\
         export interface Commands {\n",
    );
    for (_, c) in commands {
        if !c.doc.is_empty() {
            let _ = writeln!(ts, "  /** {} */", c.doc.replace("*/", "*\\/"));
        }
        let args = match &c.args {
            None => "Uint8Array".to_string(),
            Some(list) if list.is_empty() => "Record<string, never>".to_string(),
            Some(list) => {
                let fields: Vec<String> = list.iter().map(|(n, t)| format!("{n}: {t}")).collect();
                format!("{{ {} }}", fields.join("; "))
            }
        };
        let _ = writeln!(ts, "  {}: {{ args: {args}; reply: {} }};", c.name, c.reply);
    }
    ts.push_str(
        "}\n\n/** The command names, as the shell registers them. */\nexport const COMMAND_NAMES = [\n",
    );
    for (_, c) in commands {
        let _ = writeln!(ts, "  \"{}\",", c.name);
    }
    ts.push_str("] as const;\n");
    ts
}

/// The permissions the main window is granted: the core's few, then one per command.
fn capability(commands: &[(String, Command)], committed: &serde_json::Value) -> String {
    let core = [
        "core:event:allow-listen",
        "core:event:allow-unlisten",
        "core:window:allow-destroy",
        "core:window:allow-set-title",
        "core:webview:allow-set-webview-zoom",
    ];
    let mut permissions: Vec<String> = core.iter().map(|p| p.to_string()).collect();
    permissions.extend(commands.iter().map(|(_, c)| format!("allow-{}", c.name.replace('_', "-"))));
    let mut cap = committed.clone();
    cap["permissions"] = serde_json::json!(permissions);
    serde_json::to_string_pretty(&cap).expect("JSON") + "\n"
}

fn check_or_update(path: &Path, want: &str) {
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(path, want).expect("write a generated file");
    }
    let have = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        have == want,
        "{} is stale: run UPDATE_BINDINGS=1 cargo test -p byline-app --test ipc_contract",
        path.display()
    );
}

#[test]
fn the_ui_contract_and_the_capability_are_generated_from_the_commands() {
    let (commands, used) = commands();
    check_or_update(&root().join("ui/src/platform/commands.ts"), &commands_ts(&commands, &used));
    let cap_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("capabilities/main-window.json");
    let committed: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&cap_path).expect("capability"))
            .expect("capability JSON");
    check_or_update(&cap_path, &capability(&commands, &committed));
}

#[test]
fn every_command_is_registered_with_the_shell() {
    let (commands, _) = commands();
    let main =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/main.rs")).expect("main.rs");
    let start = main.find("generate_handler![").expect("main.rs registers the commands");
    let end = start + main[start..].find(']').expect("the handler list ends");
    let registered: BTreeSet<String> = main[start + "generate_handler![".len()..end]
        .split(',')
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect();
    let defined: BTreeSet<String> =
        commands.iter().map(|(module, c)| format!("commands::{module}::{}", c.name)).collect();
    assert_eq!(registered, defined, "main.rs registers exactly the commands in src/commands/");
}

#[test]
fn the_generator_names_types_as_the_ui_does() {
    let mut used = BTreeSet::new();
    let ty = |s: &str| syn::parse_str::<Type>(s).expect("a type");
    assert_eq!(ts_type(&ty("Option<Status>"), &mut used), "Status | null");
    assert_eq!(ts_type(&ty("Reply<Vec<StoryRef>>"), &mut used), "Array<StoryRef>");
    assert_eq!(ts_type(&ty("Unchecked<StoryEdit>"), &mut used), "StoryEdit");
    assert_eq!(ts_type(&ty("Reply<()>"), &mut used), "null");
    assert_eq!(ts_type(&ty("Channel<AttachProgress>"), &mut used), "Channel<AttachProgress>");
    assert_eq!(camel("base_revision"), "baseRevision");
    assert!(used.contains("Channel") && used.contains("Status") && !used.contains("Reply"));
    let unknown = std::panic::catch_unwind(|| ts_type(&ty("NotAType"), &mut BTreeSet::new()));
    assert!(unknown.is_err(), "a type without a binding must fail the contract");
}
