//! Parts of the page, one per file. Each takes values and callbacks, and renders; none
//! computes a score, a rank or a flag.

use std::rc::Rc;

use rfp_core::Criterion;
use yew::prelude::*;

use crate::state::{Action, FieldProblem};

/// Props of the editors of a requirement's rule and gate (choice options, curve, price rule,
/// rating scale, gate).
#[derive(Properties, PartialEq)]
pub struct RuleEditorProps {
    /// The requirement.
    pub criterion: Rc<Criterion>,
    /// Its place in the tree.
    pub path: Vec<usize>,
    /// A refused field, if any.
    pub problem: Option<FieldProblem>,
    /// Dispatches the action.
    pub on_action: Callback<Action>,
}

pub mod add_criterion;
pub mod ahp_panel;
pub mod answer_form;
pub mod breakdown_chart;
pub mod breakdown_table;
pub mod choice_editor;
pub mod consensus_form;
pub mod criterion_row;
pub mod curve_editor;
pub mod diagnostics;
pub mod disagreements;
pub mod field_problem;
pub mod file_bar;
pub mod gate_editor;
pub mod heatmap;
pub mod history_bar;
pub mod price_editor;
pub mod profile_form;
pub mod progress;
pub mod ranking_table;
pub mod refused;
pub mod roster;
pub mod scale_editor;
pub mod view_nav;
pub mod weight_field;
