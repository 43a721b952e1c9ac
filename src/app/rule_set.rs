//! The rules the app checks with: the built-in packs, the packs in the
//! user's rules folder, and the rules the operator switched off. A broken
//! pack never stops the app: it is skipped, and the reason shown. The folder
//! is watched, so a pack edited on disk takes effect within a second.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use dmlint::Checker;
use dmlint::rules::{PackFile, Rule, RuleBook, RulePack, read_packs};
use notify::Watcher;

use super::errors::Said;

pub struct RuleSet {
    pub checker: Arc<Checker>,
    /// Packs that were skipped, each with its problems (`file:line:col: …`).
    pub skipped: Vec<String>,
    /// The user's rules folder; `None` where the platform has none.
    pub folder: Option<PathBuf>,
    /// Counts reloads: what derived data keys on instead of the rules.
    pub generation: u64,
    changed: Arc<AtomicBool>,
    /// Kept alive for as long as the folder is watched.
    _watcher: Option<notify::RecommendedWatcher>,
}

impl RuleSet {
    /// Loads the rules and starts watching `folder` (created if missing, so
    /// there is a place to put packs). `wake` is called when a file changes.
    pub fn new(
        folder: Option<PathBuf>,
        switched_off: &[String],
        wake: impl Fn() + Send + 'static,
    ) -> RuleSet {
        let changed = Arc::new(AtomicBool::new(false));
        let watcher = folder.as_deref().and_then(|dir| {
            std::fs::create_dir_all(dir).ok()?;
            let flag = Arc::clone(&changed);
            let mut watcher =
                notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
                    if event.is_ok_and(|e| !e.kind.is_access()) {
                        flag.store(true, Ordering::Release);
                        wake();
                    }
                })
                .ok()?;
            watcher
                .watch(dir, notify::RecursiveMode::NonRecursive)
                .ok()?;
            Some(watcher)
        });
        let (checker, skipped) = load(folder.as_deref(), switched_off);
        RuleSet {
            checker: Arc::new(checker),
            skipped,
            folder,
            generation: 0,
            changed,
            _watcher: watcher,
        }
    }

    /// Reloads if the folder changed since the last call; true when it did.
    pub fn reload_if_changed(&mut self, switched_off: &[String]) -> bool {
        if !self.changed.swap(false, Ordering::AcqRel) {
            return false;
        }
        self.reload(switched_off);
        true
    }

    /// Reloads now: after the operator switched a rule or added a word.
    pub fn reload(&mut self, switched_off: &[String]) {
        let (checker, skipped) = load(self.folder.as_deref(), switched_off);
        self.checker = Arc::new(checker);
        self.skipped = skipped;
        self.generation += 1;
    }
}

/// The built-in rules with every usable pack of `folder` over them, and the
/// operator's switched-off rules taken out. Returns the packs skipped.
fn load(folder: Option<&Path>, switched_off: &[String]) -> (Checker, Vec<String>) {
    let mut skipped = Vec::new();
    let packs: Vec<PackFile> = match folder.filter(|f| f.is_dir()).map(read_packs) {
        Some(Ok(packs)) => packs,
        Some(Err(e)) => {
            skipped.push(e.to_string());
            Vec::new()
        }
        None => Vec::new(),
    };
    let compile = |packs: &[PackFile]| {
        RuleBook::with_pack_files(packs).and_then(|mut book| {
            book.switch_off(switched_off);
            Checker::new(book)
        })
    };
    if let Ok(checker) = compile(&packs) {
        return (checker, skipped);
    }
    // Each pack is tried over the built-in rules alone, so one broken file
    // names itself and does not take the others down with it.
    let mut usable = Vec::new();
    for pack in packs {
        match compile(std::slice::from_ref(&pack)) {
            Ok(_) => usable.push(pack),
            Err(e) => skipped.push(e.to_string()),
        }
    }
    let checker = compile(&usable).or_else(|e| {
        // Usable one by one, in conflict together (the same id twice, too
        // many patterns for one set).
        skipped.push(e.to_string());
        compile(&[])
    });
    let checker = checker
        .or_else(|_| Checker::builtin())
        .expect("the built-in rules compile: the test suite builds them");
    (checker, skipped)
}

/// The pack "always flag this" writes to, in the user's rules folder.
pub const OWN_WORDS_FILE: &str = "my-words.json";
const OWN_WORDS_RULE: &str = "mine.always_flag";

impl RuleSet {
    /// Adds `word` to the operator's own rule (a pack in the rules folder,
    /// made on first use) and reloads. The error says what went wrong.
    pub fn always_flag(&mut self, word: &str, switched_off: &[String]) -> Result<(), Said> {
        let folder = self.folder.clone().ok_or_else(|| {
            Said::new(
                "这台电脑上没有存放你自己规则的文件夹",
                "this system has no folder for your own rules",
            )
        })?;
        let path = folder.join(OWN_WORDS_FILE);
        let mut pack: RulePack = match std::fs::read_to_string(&path) {
            Ok(text) => serde_json::from_str(&text).map_err(|e| {
                let shown = path.display();
                Said::new(
                    format!("{shown}：内容有误（{e}），请改正或删掉这个文件"),
                    format!("{shown}: {e}; fix or remove the file"),
                )
            })?,
            Err(_) => template(),
        };
        if !pack.rules.iter().any(|r| r.id == OWN_WORDS_RULE) {
            pack.rules.push(own_words_rule());
        }
        for rule in pack.rules.iter_mut().filter(|r| r.id == OWN_WORDS_RULE) {
            if !rule.keywords.iter().any(|k| k == word) {
                rule.keywords.push(word.to_string());
                rule.examples.matches.push(word.to_string());
            }
        }
        let json = serde_json::to_string_pretty(&pack)
            .map_err(|e| Said::new(format!("无法写出规则（{e}）"), e.to_string()))?;
        std::fs::create_dir_all(&folder).map_err(|e| Said::io(&folder, &e))?;
        dmlint::library::write_atomically(&path, json.as_bytes())
            .map_err(|e| Said::io(&path, &e))?;
        self.reload(switched_off);
        Ok(())
    }
}

/// A pack with the rule that holds the words the operator chose to always flag.
fn template() -> RulePack {
    serde_json::from_str(OWN_WORDS_TEMPLATE).expect("the template parses")
}

fn own_words_rule() -> Rule {
    template().rules.remove(0)
}

/// What "always flag this" starts from: a blocking rule with no words yet.
const OWN_WORDS_TEMPLATE: &str = r#"{
  "pack": "my-words",
  "description": {"zh": "我自己加的词", "en": "Words I added"},
  "rules": [{
    "id": "mine.always_flag",
    "category": "solicitation",
    "severity": "block",
    "keywords": [],
    "message": {"zh": "这是你设为“总是标记”的词。", "en": "A word you chose to always flag."},
    "fix": {"zh": "删掉或换个说法。", "en": "Remove it or say it another way."}
  }]
}"#;
