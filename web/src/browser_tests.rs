//! Component and page tests in a real browser (`wasm-bindgen-test` in headless Chromium, run by
//! `cargo xtask wasm-test`): components rendered into the document, the real `localStorage`,
//! and the whole page driven through its DOM. The state's and helpers' unit tests also run here,
//! compiled to wasm32 (their modules use `wasm_bindgen_test` as `test` on this target).

use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement, HtmlInputElement};

use crate::browser::pause;
use crate::components::ranking_table::{RankingTable, RankingTableProps};
use crate::components::weight_field::{WeightField, WeightFieldProps};
use crate::format;
use crate::state::{Action, State};
use crate::storage::{self, KeptWork, LocalStorage};

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh element in the document to render into.
fn mount() -> Element {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("document");
    let root = document.create_element("div").expect("div");
    document
        .body()
        .expect("body")
        .append_child(&root)
        .expect("append");
    root
}

/// Wait (up to two seconds) until `selector` matches inside `root`.
async fn find(root: &Element, selector: &str) -> Element {
    for _ in 0..100 {
        if let Ok(Some(found)) = root.query_selector(selector) {
            return found;
        }
        pause(20).await;
    }
    panic!("nothing matches {selector:?}: {}", root.inner_html());
}

/// The test server serves no `templates/`: the page's fetch of the demo's file is answered here
/// with the shipped file (every other fetch goes on as before).
fn serve_demo() {
    let window = web_sys::window().expect("window");
    let wrap = js_sys::Function::new_with_args(
        "name, text",
        "const original = window.fetch.bind(window);
         window.fetch = (url, init) => String(url).endsWith('templates/' + name)
             ? Promise.resolve(new Response(text))
             : original(url, init);",
    );
    wrap.call2(
        &window.into(),
        &rfp_templates::DEMO.file_name().into(),
        &rfp_templates::DEMO_FILE.into(),
    )
    .expect("fetch wrapped");
}

/// The vendor names of the ranking table inside `root`, top first.
fn ranked_names(root: &Element) -> Vec<String> {
    let rows = root
        .query_selector_all("table.ranking tbody tr")
        .expect("selector");
    (0..rows.length())
        .filter_map(|i| rows.item(i))
        .filter_map(|row| row.dyn_into::<Element>().ok())
        .filter_map(|row| row.query_selector("th, td:nth-child(2)").ok().flatten())
        .map(|cell| cell.text_content().unwrap_or_default().trim().to_owned())
        .collect()
}

fn button(root: &Element, label: &str) -> HtmlElement {
    let buttons = root.query_selector_all("button").expect("selector");
    (0..buttons.length())
        .filter_map(|i| buttons.item(i))
        .filter_map(|b| b.dyn_into::<HtmlElement>().ok())
        .find(|b| b.text_content().is_some_and(|t| t.trim() == label))
        .unwrap_or_else(|| panic!("no button {label:?}"))
}

#[wasm_bindgen_test]
async fn ranking_table_shows_every_vendor_in_the_reports_order() {
    let report = Rc::new(rfp_core::score(&rfp_templates::demo()));
    let root = mount();
    yew::Renderer::<RankingTable>::with_root_and_props(
        root.clone(),
        RankingTableProps {
            report: Rc::clone(&report).into(),
        },
    )
    .render();
    find(&root, "table.ranking tbody tr").await;
    let expected: Vec<_> = report.vendors.iter().map(|v| v.name.clone()).collect();
    assert_eq!(ranked_names(&root), expected);
    let text = root.text_content().unwrap_or_default();
    for vendor in &report.vendors {
        assert!(text.contains(&format::points(vendor.total)), "{text}");
    }
}

#[wasm_bindgen_test]
async fn a_vendor_name_with_markup_renders_as_text() {
    let mut scorecard = rfp_templates::demo();
    let hostile = "<img src=x onerror=alert(1)>";
    scorecard.vendors[0].name = hostile.into();
    let report = Rc::new(rfp_core::score(&scorecard));
    let root = mount();
    yew::Renderer::<RankingTable>::with_root_and_props(
        root.clone(),
        RankingTableProps {
            report: report.into(),
        },
    )
    .render();
    find(&root, "table.ranking tbody tr").await;
    assert!(root.query_selector("img").expect("selector").is_none());
    assert!(ranked_names(&root).iter().any(|name| name == hostile));
}

#[wasm_bindgen_test]
async fn a_consensus_agreed_before_the_ratings_changed_is_marked_for_review() {
    use crate::components::disagreements::{Disagreements, DisagreementsProps, Shown};
    let mut report = rfp_core::score(&rfp_templates::demo());
    // The demo's disagreement, settled before the ratings changed, and the same one settled
    // for another vendor.
    report.disagreements.truncate(1);
    report.disagreements[0].resolved = true;
    report.disagreements[0].stale_consensus = true;
    let mut settled = report.disagreements[0].clone();
    settled.vendor_id = report
        .vendors
        .iter()
        .map(|v| v.vendor_id.as_str())
        .find(|id| *id != settled.vendor_id.as_str())
        .expect("another vendor")
        .into();
    settled.stale_consensus = false;
    report.disagreements.push(settled);
    let root = mount();
    yew::Renderer::<Disagreements>::with_root_and_props(
        root.clone(),
        DisagreementsProps {
            shown: Rc::new(Shown::of(&report)),
            consensus: Rc::new(Vec::new()),
            problem: None,
            on_consensus: yew::Callback::noop(),
        },
    )
    .render();
    let stale = find(&root, "li.disagreement .stale").await;
    assert_eq!(
        stale.text_content().unwrap_or_default(),
        " (consensus agreed before the ratings changed: to review)"
    );
    // Only the one flagged: the other reads as settled.
    let items = root
        .query_selector_all("li.disagreement")
        .expect("selector");
    assert_eq!(items.length(), 2);
    assert_eq!(
        root.query_selector_all(".stale")
            .expect("selector")
            .length(),
        1
    );
    assert_eq!(
        root.query_selector_all(".resolved")
            .expect("selector")
            .length(),
        1
    );
}

#[wasm_bindgen_test]
async fn weight_field_reports_what_was_typed_and_shows_its_problem() {
    let typed = Rc::new(std::cell::RefCell::new(Vec::new()));
    let root = mount();
    let on_change = {
        let typed = Rc::clone(&typed);
        yew::Callback::from(move |change: (usize, String)| typed.borrow_mut().push(change))
    };
    yew::Renderer::<WeightField>::with_root_and_props(
        root.clone(),
        WeightFieldProps {
            index: 3,
            name: "Billing".into(),
            value: "20".into(),
            share: "20%".into(),
            problem: Some("a weight cannot be negative".into()),
            on_change,
        },
    )
    .render();
    let input: HtmlInputElement = find(&root, "input#weight-3")
        .await
        .dyn_into()
        .expect("input");
    let label = root
        .query_selector("label")
        .expect("selector")
        .expect("label");
    assert_eq!(label.get_attribute("for").as_deref(), Some("weight-3"));
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    let alert = root
        .query_selector("[role=alert]")
        .expect("selector")
        .expect("the problem is shown");
    assert_eq!(
        alert.text_content().as_deref(),
        Some("a weight cannot be negative")
    );
    input.set_value("35");
    let event = web_sys::InputEvent::new("input").expect("event");
    input.dispatch_event(&event).expect("dispatch");
    assert_eq!(*typed.borrow(), vec![(3, "35".to_owned())]);
}

#[wasm_bindgen_test]
fn local_storage_keeps_restores_and_forgets_work() {
    let mut local = LocalStorage::new();
    storage::forget(&mut local);
    assert_eq!(storage::kept(&local), None);
    let work = KeptWork {
        text: rfp_core::file::save(&rfp_templates::demo()).expect("saved"),
        file_name: "committee.rfp.json".into(),
        unsaved: true,
    };
    storage::keep(&mut local, &work).expect("kept");
    assert_eq!(storage::kept(&LocalStorage::new()), Some(work));
    storage::forget(&mut local);
    assert_eq!(storage::kept(&local), None);
}

/// The whole page: it opens on the demo's ranking, and changing a category's weight on the
/// Weights view re-ranks exactly as `rfp-core` says, and the work is kept in `localStorage`.
#[wasm_bindgen_test]
async fn the_page_ranks_the_demo_and_re_ranks_when_a_weight_changes() {
    let mut local = LocalStorage::new();
    storage::forget(&mut local);
    serve_demo();
    let root = mount();
    yew::Renderer::<crate::app::App>::with_root(root.clone()).render();
    find(&root, "table.ranking tbody tr").await;
    let demo = State::demo();
    let before: Vec<_> = demo.report.vendors.iter().map(|v| v.name.clone()).collect();
    assert_eq!(ranked_names(&root), before);

    // The same change through the state, for the expected ranking: the first category whose
    // weight, raised until it dominates, re-ranks the vendors (found here, so that the test
    // keeps its meaning whatever the demo's weights are).
    let names = |state: &State| -> Vec<String> {
        state
            .report
            .vendors
            .iter()
            .map(|v| v.name.clone())
            .collect()
    };
    let (index, expected) = (0..demo.scorecard.criteria.len())
        .map(|index| {
            let action = Action::SetTopWeight {
                index,
                text: "400".into(),
            };
            (
                index,
                names(&yew::Reducible::reduce(Rc::new(State::demo()), action)),
            )
        })
        .find(|(_, ranking)| *ranking != before)
        .expect("some category's weight re-ranks the demo");

    button(&root, "Weights").click();
    let input: HtmlInputElement = find(&root, &format!("input#weight-{index}"))
        .await
        .dyn_into()
        .expect("input");
    input.set_value("400");
    input
        .dispatch_event(&web_sys::InputEvent::new("input").expect("event"))
        .expect("dispatch");
    pause(50).await;
    assert_eq!(ranked_names(&root), expected);

    // Autosave keeps the changed work (after its short delay).
    pause(600).await;
    let kept = storage::kept(&LocalStorage::new()).expect("work kept");
    assert!(kept.unsaved);
    let loaded = rfp_core::file::load(&kept.text).expect("kept work loads");
    assert_eq!(loaded.scorecard.criteria[index].weight, 400.0);
    storage::forget(&mut local);
}
