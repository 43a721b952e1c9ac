//! What the dependency tree may hold, checked offline from `Cargo.lock` and
//! the crates cargo has already unpacked for this build:
//!
//! - no HTTP, TLS, WebSocket or DNS client anywhere in it: dmlint makes no
//!   network connection, ever (merchants paste private conversations);
//! - every licence is one the project can ship (permissive, or a permissive
//!   choice in an `OR`).
//!
//! The equivalent of `cargo deny check bans licenses`, without a download.

use std::path::PathBuf;

/// Crates whose only job is talking to the network.
const NETWORK_CRATES: &[&str] = &[
    "reqwest",
    "hyper",
    "hyper-util",
    "h2",
    "h3",
    "ureq",
    "curl",
    "curl-sys",
    "isahc",
    "surf",
    "attohttpc",
    "native-tls",
    "openssl",
    "openssl-sys",
    "rustls",
    "webpki",
    "webpki-roots",
    "tungstenite",
    "tokio-tungstenite",
    "hickory-resolver",
    "trust-dns-resolver",
    "quinn",
];

/// Licences the project can ship with.
const ALLOWED_LICENCES: &[&str] = &[
    "MIT",
    "MIT-0",
    "Apache-2.0",
    "LLVM-exception",
    "BSD-2-Clause",
    "BSD-3-Clause",
    "ISC",
    "Zlib",
    "Unlicense",
    "0BSD",
    "CC0-1.0",
    "BSL-1.0",
    "Unicode-3.0",
    "Unicode-DFS-2016",
    "MPL-2.0",
    "OFL-1.1",
    "Ubuntu-font-1.0",
];

/// One `[[package]]` of `Cargo.lock`.
struct Locked {
    name: String,
    version: String,
    /// The names of the packages it depends on (of every kind).
    dependencies: Vec<String>,
}

/// Every package in `Cargo.lock`.
fn locked_packages() -> Vec<Locked> {
    let lock = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.lock"))
        .expect("Cargo.lock is committed");
    lock.split("[[package]]")
        .skip(1)
        .map(|block| {
            let value = |key: &str| {
                block
                    .lines()
                    .find_map(|l| l.strip_prefix(key)?.strip_prefix(" = \""))
                    .and_then(|rest| rest.strip_suffix('"'))
                    .unwrap_or_default()
                    .to_string()
            };
            let dependencies = block
                .split_once("dependencies = [")
                .map(|(_, rest)| rest.split(']').next().unwrap_or_default())
                .unwrap_or_default()
                .split(',')
                .filter_map(|d| d.trim().trim_matches('"').split(' ').next())
                .filter(|d| !d.is_empty())
                .map(str::to_string)
                .collect();
            Locked {
                name: value("name"),
                version: value("version"),
                dependencies,
            }
        })
        .collect()
}

#[test]
fn no_networking_crate_is_in_the_dependency_tree() {
    let packages = locked_packages();
    assert!(
        packages.len() > 200,
        "only {} packages read",
        packages.len()
    );
    let found: Vec<&str> = packages
        .iter()
        .map(|p| p.name.as_str())
        .filter(|name| NETWORK_CRATES.contains(name))
        .collect();
    assert!(
        found.is_empty(),
        "networking crates in Cargo.lock: {found:?}; dmlint must stay offline — \
         find who pulls them in with `cargo tree -i NAME` and drop that feature or crate"
    );
}

#[test]
fn every_unpacked_dependency_has_a_licence_we_can_ship() {
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .expect("a cargo home");
    let registries: Vec<PathBuf> = std::fs::read_dir(cargo_home.join("registry/src"))
        .map(|dirs| dirs.filter_map(|d| d.ok().map(|d| d.path())).collect())
        .unwrap_or_default();
    let mut checked = 0;
    let mut refused = Vec::new();
    for Locked { name, version, .. } in locked_packages() {
        // Crates for other platforms are never unpacked here; those built are.
        let Some(manifest) = registries
            .iter()
            .map(|r| r.join(format!("{name}-{version}/Cargo.toml")))
            .find(|m| m.exists())
        else {
            continue;
        };
        let text = std::fs::read_to_string(&manifest).unwrap();
        let licence = text
            .lines()
            .find_map(|l| l.strip_prefix("license = \""))
            .map(|l| l.trim_end_matches('"').to_string());
        checked += 1;
        match licence {
            Some(expression) if allowed(&expression) => {}
            Some(expression) => refused.push(format!("{name} {version}: {expression}")),
            // A licence file instead of an SPDX expression: read it by hand.
            None => refused.push(format!("{name} {version}: no SPDX licence")),
        }
    }
    assert!(checked > 200, "only {checked} unpacked crates found");
    assert!(
        refused.is_empty(),
        "licences to review:\n{}",
        refused.join("\n")
    );
}

/// Whether an SPDX expression (`A OR B`, `(A OR B) AND C`, `A WITH E`, the old
/// `A/B`) can be satisfied with allowed licences.
fn allowed(expression: &str) -> bool {
    let spaced = expression
        .replace('/', " OR ")
        .replace('(', " ( ")
        .replace(')', " ) ");
    let tokens: Vec<&str> = spaced.split_whitespace().collect();
    let mut at = 0;
    let ok = or_expression(&tokens, &mut at);
    ok && at == tokens.len()
}

fn or_expression(tokens: &[&str], at: &mut usize) -> bool {
    let mut ok = and_expression(tokens, at);
    while tokens.get(*at) == Some(&"OR") {
        *at += 1;
        ok |= and_expression(tokens, at);
    }
    ok
}

fn and_expression(tokens: &[&str], at: &mut usize) -> bool {
    let mut ok = licence(tokens, at);
    while tokens.get(*at) == Some(&"AND") {
        *at += 1;
        ok &= licence(tokens, at);
    }
    ok
}

fn licence(tokens: &[&str], at: &mut usize) -> bool {
    let ok = match tokens.get(*at) {
        Some(&"(") => {
            *at += 1;
            let ok = or_expression(tokens, at);
            *at += 1; // ")"
            ok
        }
        Some(id) => {
            *at += 1;
            ALLOWED_LICENCES.contains(id)
        }
        None => false,
    };
    if tokens.get(*at) == Some(&"WITH") {
        *at += 2;
    }
    ok
}

#[test]
fn licence_expressions_are_read_as_spdx() {
    assert!(allowed("MIT OR Apache-2.0"));
    assert!(allowed("MIT/Apache-2.0"));
    assert!(allowed("(MIT OR Apache-2.0) AND Unicode-3.0"));
    assert!(allowed("Apache-2.0 WITH LLVM-exception OR MIT"));
    assert!(allowed("Apache-2.0 OR GPL-2.0-only"));
    assert!(!allowed("GPL-3.0-only"));
    assert!(!allowed("MIT AND GPL-2.0-only"));
}

/// Every package `root` depends on in `Cargo.lock`, itself included (dev and
/// build dependencies too: the check is stricter than `cargo tree -e normal`).
fn locked_closure(root: &str) -> Vec<String> {
    let packages = locked_packages();
    let mut seen = vec![root.to_string()];
    let mut next = 0;
    while next < seen.len() {
        let name = seen[next].clone();
        let deps = packages.iter().filter(|p| p.name == name);
        for dep in deps.flat_map(|p| p.dependencies.iter()) {
            if !seen.contains(dep) {
                seen.push(dep.clone());
            }
        }
        next += 1;
    }
    seen
}

/// The engine is for embedding: a server or another tool that checks
/// messages must not compile a GUI, a file dialog or a spreadsheet reader.
#[test]
fn the_engine_depends_on_text_and_data_crates_only() {
    let closure = locked_closure("dmlint-engine");
    assert!(
        closure.contains(&"regex-automata".to_string()),
        "{closure:?}"
    );
    let faces = [
        "eframe",
        "egui",
        "winit",
        "rfd",
        "notify",
        "clap",
        "calamine",
        "indicatif",
        "rust_xlsxwriter",
        "rayon",
        "dmlint-library",
    ];
    let found: Vec<&&str> = faces
        .iter()
        .filter(|f| closure.iter().any(|c| c == *f))
        .collect();
    assert!(found.is_empty(), "the engine pulls in {found:?}");
    assert!(locked_closure("dmlint").contains(&"eframe".to_string()));
}
