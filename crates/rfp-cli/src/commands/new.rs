//! `rfp new`, `rfp templates` and `rfp schema`: starting a scorecard.

use std::path::{Path, PathBuf};

use clap::Args;
use rfp_core::Scorecard;

use crate::Approach;
use crate::io::{Failure, Outcome, display, emit, ids, saved, write};

/// The practice profile `rfp new` tailors a template to.
#[derive(Args)]
pub(crate) struct NewArgs {
    /// Use this template instead of the closest one (see `rfp templates`).
    #[arg(long)]
    template: Option<String>,
    /// A specialty practised (repeat for several), e.g. "family medicine", "dermatology".
    #[arg(long = "specialty")]
    specialties: Vec<String>,
    /// Number of providers.
    #[arg(long)]
    providers: Option<u32>,
    /// Number of clinic locations.
    #[arg(long)]
    locations: Option<u32>,
    /// Patient encounters per year.
    #[arg(long)]
    encounters: Option<u64>,
    /// A billing model in use (repeat for several).
    #[arg(long = "billing", value_parser = clap::builder::PossibleValuesParser::new(rfp_core::vocabulary::BILLING_MODELS.iter().map(|t| t.id)))]
    billing: Vec<String>,
    /// An integration the practice needs (repeat), e.g. lab, e_prescribing, epcs, hie,
    /// immunization_registry, imaging, patient_portal, practice_management, telehealth.
    #[arg(long = "integration")]
    integrations: Vec<String>,
    /// Preferred go-live approach.
    #[arg(long, value_enum)]
    approach: Option<Approach>,
    /// Title of the new scorecard.
    #[arg(long)]
    title: Option<String>,
    /// Where to write the scorecard.
    #[arg(short, long)]
    output: PathBuf,
}

/// Tailor a scorecard to the profile and write it.
pub(crate) fn run(args: NewArgs) -> Outcome {
    let NewArgs {
        template,
        specialties,
        providers,
        locations,
        encounters,
        billing,
        integrations,
        approach,
        title,
        output,
    } = args;
    let profile = rfp_core::PracticeProfile {
        specialties,
        providers,
        locations,
        annual_encounters: encounters,
        billing_models: billing,
        required_integrations: integrations,
        implementation_approach: approach.map(|a| match a {
            Approach::Staged => rfp_core::ImplementationApproach::Staged,
            Approach::BigBang => rfp_core::ImplementationApproach::BigBang,
        }),
        ..Default::default()
    };
    let tailored = match &template {
        Some(id) => {
            let found = rfp_templates::find(id).ok_or_else(|| {
                Failure(format!(
                    "no template \"{id}\" (templates: {})",
                    ids(rfp_templates::TEMPLATES.iter().map(|t| t.id))
                ))
            })?;
            let card = found
                .scorecard()
                .map_err(|e| Failure(format!("template {id}: {e}")))?;
            rfp_core::tailor::tailor_template(&profile, &card, "chosen on the command line")
        }
        None => rfp_templates::tailor(&profile).map_err(|e| Failure(e.to_string()))?,
    };
    let mut scorecard = tailored.scorecard;
    if let Some(title) = title {
        scorecard.meta.title = title;
    }
    write(&output, &saved(&output, rfp_core::save(&scorecard))?)?;
    outln!(
        "wrote {} from the {} template ({})",
        display(&output),
        tailored.template_id,
        tailored.template_reason
    );
    for adjustment in scorecard.meta.adjustments.iter().skip(1) {
        outln!(
            "- {}: {} — {}",
            adjustment.subject(),
            adjustment.change,
            adjustment.reason
        );
    }
    Ok(())
}

/// `rfp demo`: the demo scorecard saved as the program saves every file, with its checksum (so
/// that a file made from it can be returned and merged like any other).
pub(crate) fn demo(output: Option<&Path>) -> Outcome {
    let path = output.unwrap_or(Path::new("demo.json"));
    emit(
        output,
        &saved(path, rfp_core::save(&rfp_templates::demo()))?,
    )
}

/// List the templates.
pub(crate) fn templates() -> Outcome {
    for template in rfp_templates::TEMPLATES {
        outln!(
            "{:<26} {}\n{:<26} {}",
            template.id,
            template.name,
            "",
            template.summary
        );
    }
    Ok(())
}

/// Print the file format's JSON Schema.
pub(crate) fn schema() -> Outcome {
    let schema = schemars::schema_for!(Scorecard);
    let text = serde_json::to_string_pretty(&schema)
        .map_err(|e| Failure(format!("cannot write the schema: {e}")))?;
    outln!("{text}");
    Ok(())
}
