//! The check view: typing, findings, the rewrite and its suggestions, the toolbar.

use super::*;

#[test]
fn a_disguised_wechat_id_is_listed_and_the_badge_says_it_will_be_judged() {
    let mut harness = harness(Persisted::default(), FakePicker::default());
    harness.get_by_label_contains("等待输入消息");
    type_message(&mut harness, "亲，约时间加薇信：meimei_0812 哦");
    assert!(harness.query_by_label_contains("薇信  · 微信").is_some());
    assert!(
        harness
            .query_by_label_contains("meimei_0812  · 微信")
            .is_some()
    );
    harness.get_by_label_contains("会被判导流 · 2 处违规");
    assert_eq!(
        harness.state().state.draft,
        "亲，约时间加薇信：meimei_0812 哦"
    );
}

#[test]
fn switching_the_context_rechecks_at_once() {
    let persisted = Persisted {
        draft: "京东的物流很快，明天就到".to_string(),
        ..Persisted::default()
    };
    let mut harness = harness(persisted, FakePicker::default());
    harness.get_by_label_contains("可以发送");
    harness.get_by_label("发送位置").click();
    harness.run();
    harness.get_by_label("欢迎语").click();
    harness.run();
    harness.get_by_label_contains("有风险 · 0 处违规 · 1 处风险");
    assert_eq!(
        harness.state().state.settings.context,
        dmlint::Context::Welcome
    );
}

#[test]
fn applying_the_rewrite_leaves_nothing_that_blocks_and_undo_brings_it_back() {
    let original = "您好，律师目前外出，急事请加微信 chenlvshi_tw 联系。";
    let persisted = Persisted {
        draft: original.to_string(),
        ..Persisted::default()
    };
    let mut harness = harness(persisted, FakePicker::default());
    harness.get_by_label("应用到编辑器").click();
    harness.run();
    let app = harness.state();
    assert_eq!(
        app.state.draft,
        "您好，律师目前外出，急事，可以点击下方名片联系我们。"
    );
    assert_eq!(app.state.analysis.report.count(dmlint::Severity::Block), 0);
    harness.get_by_label_contains("可以发送");
    harness.get_by_label("撤销").click();
    harness.run();
    assert_eq!(harness.state().state.draft, original);
}

#[test]
fn suggestions_are_accepted_one_by_one() {
    let persisted = Persisted {
        draft: "这款挂毯宽60cm，尺码XL".to_string(),
        ..Persisted::default()
    };
    let mut harness = harness(persisted, FakePicker::default());
    harness.get_by_label("60cm → 60厘米").click();
    harness.run();
    assert_eq!(harness.state().state.draft, "这款挂毯宽60厘米，尺码XL");
}

#[test]
fn a_claim_is_softened_by_its_suggestion() {
    let persisted = Persisted {
        draft: "我们的私教课是全国第一，欢迎预约".to_string(),
        ..Persisted::default()
    };
    let mut harness = harness(persisted, FakePicker::default());
    harness.get_by_label_contains("有风险 · 0 处违规 · 1 处风险");
    harness.get_by_label("全国第一 → 广受好评").click();
    harness.run();
    assert_eq!(
        harness.state().state.draft,
        "我们的私教课是广受好评，欢迎预约"
    );
    harness.get_by_label_contains("可以发送");
}

#[test]
fn a_clinic_names_its_treatment_but_a_cure_still_warns() {
    let persisted = Persisted {
        draft: "本院采用激光治疗，能根治灰指甲".to_string(),
        ..Persisted::default()
    };
    let mut harness = harness(persisted, FakePicker::default());
    harness.get_by_label_contains("0 处违规 · 2 处风险");
    harness.get_by_label("行业").click();
    harness.run();
    harness.get_by_label("医疗机构").click();
    harness.run();
    harness.get_by_label_contains("0 处违规 · 1 处风险");
    harness.get_by_label("提示 (1)");
    assert_eq!(harness.state().state.settings.profile, "medical");
}

#[test]
fn the_ui_switches_to_english_and_back() {
    let mut harness = harness(Persisted::default(), FakePicker::default());
    harness.get_by_label("English").click();
    harness.run();
    harness.get_by_label("Sent as");
    harness.get_by_label(editor_label(UiLang::En));
    harness.get_by_label_contains("Waiting for a message");
    assert!(harness.query_by_label("发送位置").is_none());
    click_toolbar(&mut harness, "中文", UiLang::En);
    harness.get_by_label("发送位置");
}

#[test]
fn a_word_selected_in_the_editor_joins_the_allowlist() {
    let persisted = Persisted {
        draft: "欢迎来到 lumina 工作室".to_string(),
        ..Persisted::default()
    };
    let mut harness = harness(persisted, FakePicker::default());
    harness.get_by_label_contains("lumina  · 英文");
    select(&mut harness, 5..11);
    harness
        .get_by_label(crate::app::editor::never_flag_label(UiLang::Zh))
        .click();
    harness.run();
    assert_eq!(harness.state().state.settings.allowlist, "lumina");
    assert!(harness.query_by_label_contains("lumina  · 英文").is_none());
    harness.get_by_label_contains("可以发送");
}

#[test]
fn a_word_selected_in_the_editor_is_always_flagged_from_then_on() {
    let folder = tempfile::tempdir().unwrap();
    let mut harness = harness_on("老规矩，暗号小绿书", folder.path());
    harness.get_by_label_contains("可以发送");
    select(&mut harness, 6..9);
    harness
        .get_by_label(crate::app::editor::always_flag_label(UiLang::Zh))
        .click();
    harness.run();
    harness.get_by_label_contains("会被判导流 · 1 处违规");
    // The editor marks it at once, not at the next keystroke.
    let (_, job) = harness.state().editor.layout.peek().unwrap();
    let marked = job.sections.iter().any(|s| {
        job.text[s.byte_range.start.0..s.byte_range.end.0] == *"小绿书"
            && s.format.background != egui::Color32::TRANSPARENT
    });
    assert!(marked, "{:?}", job.sections);
    let pack =
        std::fs::read_to_string(folder.path().join(crate::app::rule_set::OWN_WORDS_FILE)).unwrap();
    assert!(pack.contains("小绿书"), "{pack}");
    // The pack it wrote is a valid pack with passing examples.
    let packs = dmlint::rules::read_packs(folder.path()).unwrap();
    let checker =
        dmlint::Checker::new(dmlint::rules::RuleBook::with_pack_files(&packs).unwrap()).unwrap();
    let rule = checker
        .rules()
        .iter()
        .find(|r| r.id == "mine.always_flag")
        .unwrap();
    assert!(checker.example_failures(rule).is_empty());
}

/// The suggestion buttons clicked in every order an operator might — always
/// the first, always the last, alternating — on warn-heavy messages leave
/// well-formed text at every step.
#[test]
fn suggestion_buttons_clicked_in_any_order_leave_well_formed_text() {
    let messages = [
        "全网最低价！三天见效，美白祛斑零副作用，最近上新",
        "加大码XL，现价￥499，包邮到家",
        "这款挂毯宽60cm，挂在床头刚好，新客体验价98元，会员价¥499，",
        "尺码有S/M/L/XL，宽60cm，重2kg，今天下单立减20元！",
        "我们家的精华是全网最低价，还能美白祛斑，放心下单～",
        "Follow my meal plan and you'll melt belly fat in just one week, guaranteed results.",
    ];
    for message in messages {
        for order in ["first", "last", "alternate"] {
            let persisted = Persisted {
                draft: message.to_string(),
                ..Persisted::default()
            };
            let mut harness = harness(persisted, FakePicker::default());
            harness.run();
            let mut clicked = 0;
            for step in 0..12 {
                let buttons: Vec<_> = harness.query_all_by_label_contains(" → ").collect();
                let Some(button) = (match (order, step % 2) {
                    ("first", _) | ("alternate", 0) => buttons.into_iter().next(),
                    _ => buttons.into_iter().last(),
                }) else {
                    break;
                };
                button.click();
                harness.run();
                clicked += 1;
                let draft = &harness.state().state.draft;
                if let Err(e) = well_formed::well_formed(message, draft) {
                    panic!("{e} after clicking the {order} buttons: {message:?} → {draft:?}");
                }
            }
            assert!(clicked > 0, "{message:?} offered no suggestion");
            assert_ne!(harness.state().state.draft, message, "nothing was applied");
        }
    }
}

/// An empty editor is judged nothing: a neutral badge, never a green 可以发送.
#[test]
fn an_empty_editor_shows_a_neutral_state() {
    let mut harness = harness(Persisted::default(), FakePicker::default());
    harness.run();
    harness.get_by_label_contains("等待输入消息");
    harness.get_by_label_contains("问题会列在这里");
    harness.get_by_label_contains("合规改写会出现在这里");
    assert!(harness.query_by_label_contains("可以发送").is_none());
    assert!(harness.query_by_label_contains("没有发现风险").is_none());
    harness.state_mut().state.replace_draft("你好".to_string());
    harness.run();
    harness.get_by_label_contains("可以发送");
}

/// Salons have a trade of their own: their address and prices only inform,
/// and their efficacy claims come first.
#[test]
fn the_beauty_profile_softens_a_salons_address_and_puts_claims_first() {
    let persisted = Persisted {
        draft: "欢迎光临！店在徐汇区天钥桥路580号，新客体验价98元，三天见效，全网最低价。".into(),
        ..Persisted::default()
    };
    let mut harness = harness(persisted, FakePicker::default());
    harness.run();
    harness.get_by_label_contains("0 处违规 · 4 处风险");
    harness.state_mut().state.settings.profile = "beauty".to_string();
    harness.state_mut().state.refresh();
    harness.run();
    harness.get_by_label_contains("0 处违规 · 2 处风险");
    let state = &harness.state().state;
    let order: Vec<dmlint::Category> = state
        .rules
        .checker
        .reading_order(&state.analysis.report, state.profile())
        .iter()
        .map(|f| f.category)
        .collect();
    assert_eq!(order[0], dmlint::Category::Efficacy, "{order:?}");
    assert!(order.contains(&dmlint::Category::Address), "{order:?}");
}

/// 设置 opens the settings in every view, not only the check view.
#[test]
fn settings_open_from_every_view() {
    let mut harness = harness(Persisted::default(), FakePicker::default());
    for view in ["批量检查", "规则", "培训", "手册", "检查"] {
        harness.get_by_label(view).click();
        harness.run();
        harness.get_by_label("设置").click();
        harness.run();
        harness.get_by_label("名片话术（中文）");
        // The toolbar's toggle, not the panel's heading.
        let toggle = harness.query_all_by_label("设置").next().unwrap();
        toggle.click();
        harness.run();
        assert!(
            harness.query_by_label("名片话术（中文）").is_none(),
            "{view}"
        );
    }
}

/// A tooltip reads as an operator's text: no developer id, no fake italics.
#[test]
fn a_finding_tooltip_shows_no_rule_id() {
    let persisted = Persisted {
        draft: "加我薇信 meimei_0812".into(),
        ..Persisted::default()
    };
    let mut harness = harness(persisted, FakePicker::default());
    harness.run();
    harness.get_by_label_contains("薇信  · 微信").hover();
    harness.run();
    assert!(harness.query_by_label_contains("wechat.variant").is_none());
}

/// One analysis per edit, shared by the highlighter, the findings, the
/// rewrite and the suggestions; nothing at all on a frame where nothing
/// changed, in any view.
#[test]
fn a_keystroke_runs_one_check_and_an_idle_frame_none() {
    let persisted = Persisted {
        draft: "宝子加我薇信 meimei_0812，60cm 的款".to_string(),
        ..Persisted::default()
    };
    let mut harness = harness(persisted, FakePicker::default());
    harness.get_by_label(editor_label(UiLang::Zh)).click();
    harness.run();
    assert_eq!(checks_during(&mut harness, idle_frames), 0);
    for key in ["好", "的"] {
        let checks = checks_during(&mut harness, |h| {
            h.get_by_label(editor_label(UiLang::Zh)).type_text(key);
            h.run();
        });
        assert_eq!(checks, 1, "typing {key}");
    }
    assert!(harness.state().state.draft.ends_with("好的"));
    harness.get_by_label_contains("meimei_0812  · 微信").hover();
    harness.run();
    assert_eq!(checks_during(&mut harness, idle_frames), 0);

    // The rules view with a rule tried on some text.
    harness.get_by_label("规则").click();
    harness.run();
    let search = crate::app::rules_view::search_label(UiLang::Zh);
    harness.get_by_label(search).click();
    harness.run();
    harness.get_by_label(search).type_text("wechat.variant");
    harness.run();
    harness.get_by_label("微信的变体写法").click();
    harness.run();
    let trial = crate::app::rules_view::trial_label(UiLang::Zh);
    harness.get_by_label(trial).click();
    harness.run();
    let checks = checks_during(&mut harness, |h| {
        h.get_by_label(trial).type_text("加我 vx 吧");
        h.run();
    });
    assert!(checks >= 1, "the trial text is checked");
    harness.get_by_label_contains("这条规则标记了：vx");
    assert_eq!(checks_during(&mut harness, idle_frames), 0);

    // A rewrite exercise, checked live.
    harness.get_by_label("培训").click();
    harness.run();
    harness.get_by_label_contains("开始 合规改写").click();
    harness.run();
    harness.get_by_label_contains("你的版本：会被判导流");
    assert_eq!(checks_during(&mut harness, idle_frames), 0);

    // A library in the batch view.
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("scripts.csv");
    std::fs::write(&library, "text\n加我微信 abc123\n欢迎光临\n").unwrap();
    let ctx = harness.ctx.clone();
    harness
        .state_mut()
        .state
        .open_library(&library, Default::default(), &ctx);
    wait_for_batch(&mut harness);
    assert_eq!(checks_during(&mut harness, idle_frames), 0);
}

/// A finding picked in the list is selected in the editor, even far down a
/// long message; the finding under the pointer, in the list or the editor,
/// is the one both show.
#[test]
fn a_finding_in_the_list_selects_its_span_and_hovering_links_both() {
    let filler = "今天的新品到了，欢迎来店里看看。\n".repeat(80);
    let draft = format!("{filler}约时间加薇信：meimei_0812 哦");
    let start = draft.chars().count() - "meimei_0812 哦".chars().count();
    let persisted = Persisted {
        draft,
        ..Persisted::default()
    };
    let mut harness = harness(persisted, FakePicker::default());
    harness.get_by_label_contains("meimei_0812  · 微信").click();
    harness.run();
    let state = &harness.state().state;
    assert_eq!(state.selection.as_deref(), Some("meimei_0812"));

    let span = start..start + "meimei_0812".len();
    assert_eq!(harness.state().state.pointed, Some(span));
    harness.get_by_label_contains("薇信  · 微信").hover();
    harness.run();
    let pointed = harness.state().state.pointed.clone();
    assert_eq!(pointed.map(|s| s.len()), Some(2));
}

/// The same change is offered once with its count, and accepted everywhere;
/// a kind with several changes accepts them all at once.
#[test]
fn suggestions_are_grouped_by_kind_and_accepted_together() {
    let persisted = Persisted {
        draft: "宽60cm，长60cm，高60cm，尺码XL，重2kg".to_string(),
        ..Persisted::default()
    };
    let mut harness = harness(persisted.clone(), FakePicker::default());
    harness.get_by_label("60cm → 60厘米 ×3").click();
    harness.run();
    assert_eq!(
        harness.state().state.draft,
        "宽60厘米，长60厘米，高60厘米，尺码XL，重2kg"
    );

    let mut harness = self::harness(persisted, FakePicker::default());
    harness.get_by_label_contains("全部采用 (4)").click();
    harness.run();
    assert_eq!(
        harness.state().state.draft,
        "宽60厘米，长60厘米，高60厘米，尺码XL，重2公斤"
    );
}

/// A 20,000-char message with hundreds of warnings: the suggestions scroll
/// in their own column, and the editor and the findings keep their room.
#[test]
fn a_huge_message_leaves_the_editor_and_findings_usable() {
    let draft = "这款挂毯宽60cm，尺码XL，现价￥499，加我薇信 abc_123 哦。\n".repeat(600);
    let draft: String = draft.chars().take(20_000).collect();
    let persisted = Persisted {
        draft,
        ..Persisted::default()
    };
    let mut harness = harness(persisted, FakePicker::default());
    harness.run();
    // The editor runs from under its label down to the rewrite panel.
    let editor = harness.get_by_label(editor_label(UiLang::Zh)).rect();
    let rewrite = harness.get_by_label("复制改写").rect();
    assert!(rewrite.max.y < 800.0, "rewrite header {rewrite:?}");
    assert!(
        rewrite.min.y - editor.min.y > 300.0,
        "editor from {editor:?} to {rewrite:?}"
    );
    let findings = harness.get_by_label("发现的问题").rect();
    assert!(
        findings.min.x > 800.0 && findings.max.x <= 1280.0,
        "findings {findings:?}"
    );
    // Typing still goes into the editor.
    harness.get_by_label(editor_label(UiLang::Zh)).focus();
    harness.run();
    harness
        .get_by_label(editor_label(UiLang::Zh))
        .type_text("好");
    harness.run();
    let typed = &harness.state().state.draft;
    assert_eq!(typed.chars().count(), 20_001);
    assert!(typed.contains('好'));
}

/// At 1024×640 the toolbar stays one row, in both languages: what does not
/// fit is in the 更多 menu, and the badge and the views stay put.
#[test]
fn a_narrow_window_keeps_the_toolbar_on_one_row() {
    let places = crate::app::Places {
        rules: None,
        progress: None,
        session: None,
    };
    let persisted = Persisted {
        draft: "加我薇信 abc_123".to_string(),
        ..Persisted::default()
    };
    let size = egui::vec2(1024.0, 640.0);
    let mut harness = harness_sized(persisted, FakePicker::default(), places, size);
    harness.run();
    for lang in [UiLang::Zh, UiLang::En] {
        let check = crate::app::batch_view::view_label(lang, crate::app::state::View::Check);
        let row = harness.get_by_label(check).rect();
        let verdict = format!("{} · ", lang.verdict(dmlint::Verdict::Block));
        let badge = harness.get_by_label_contains(&verdict).rect();
        let more = harness
            .get_by_label(crate::app::toolbar::more_label(lang))
            .rect();
        for rect in [badge, more] {
            let off = (rect.center().y - row.center().y).abs();
            assert!(off < 4.0, "{lang:?}: {rect:?} off the row {row:?}");
        }
        assert!(more.max.x <= 1024.0, "{lang:?}: {more:?} cut off");
        harness
            .get_by_label(crate::app::toolbar::more_label(lang))
            .click();
        harness.run();
        harness.get_by_label(lang.pick("打开文件", "Open file"));
        harness
            .get_by_label(lang.other().pick("中文", "English"))
            .click();
        harness.run();
    }
    assert_eq!(harness.state().state.settings.lang, UiLang::Zh);
}

/// The same finding repeated is one entry with its count; each click on it
/// selects the next occurrence in the editor.
#[test]
fn a_repeated_finding_is_one_entry_and_clicks_walk_its_occurrences() {
    let persisted = Persisted {
        draft: "加薇信，找薇信，问薇信".to_string(),
        ..Persisted::default()
    };
    let mut harness = harness(persisted, FakePicker::default());
    harness.run();
    assert_eq!(
        harness.query_all_by_label_contains("薇信  · 微信").count(),
        1
    );
    let mut starts = Vec::new();
    for _ in 0..4 {
        harness.get_by_label("薇信  · 微信 ×3").click();
        harness.run();
        harness.run();
        let state = &harness.state().state;
        assert_eq!(state.selection.as_deref(), Some("薇信"));
        let id = egui::Id::unique(crate::app::editor::Editor::ID);
        let range = egui::text_edit::TextEditState::load(&harness.ctx, id)
            .and_then(|s| s.cursor.char_range())
            .unwrap();
        starts.push(range.sorted_cursors()[0].index.0);
    }
    assert_eq!(starts, [1, 5, 9, 1]);
}
