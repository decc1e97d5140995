//! Tailoring: a practice profile turns into a scorecard fitted to the practice.
//!
//! Templates mark their criteria with **tags** — roles that tailoring looks for, whatever the
//! criterion's id or wording. The vocabulary:
//!
//! | tag | on | what tailoring does with it |
//! |---|---|---|
//! | `category:specialty_fit` | category | receives a rating requirement per extra specialty |
//! | `category:scale` | category | weight raised for 5+ locations (×1.5) and 20+ (×2) |
//! | `category:billing`, `category:integrations`, `category:support`, `category:migration`, `category:training`, `category:implementation`, `category:cost`, `category:viability` | category | found by role |
//! | `certification:onc` | yes/no | always a gate |
//! | `specialty:content`, `specialty:demo`, `specialty:<name>` | rating | the template's specialty content, the scripted demo, added specialties |
//! | `scale:providers`, `scale:locations`, `scale:encounters_per_day`, `scale:concurrent_users` | numeric (higher is better) | a gate at the practice's own numbers |
//! | `scale:standardization` | rating | weight ×2 for 5+ locations; a gate (minimum rating 3) for 20+ |
//! | `scale:performance` | any | found by role |
//! | `billing:value_based`, `billing:capitation`, `billing:sliding_fee`, `billing:grant_reporting`, `billing:fee_for_service` | any | a gate (and weight ×2) when the practice bills that way; weight 0 when it does not |
//! | `billing:clearinghouse`, `billing:denials`, `billing:model` | any | found by role |
//! | `integration:<name>` (`lab`, `e_prescribing`, `epcs`, `pdmp`, `fhir`, `fhir_bulk`, `practice_management`, `hie`, `immunization_registry`, `imaging`, `patient_portal`, `telehealth`, `clearinghouse`) | any | a gate when the practice requires that integration (the profile names it the same way) |
//! | `integration:interface_fees` | numeric or price | found by role |
//! | `implementation:staged`, `implementation:big_bang` | any | a gate for the preferred approach (big bang: weight ×2 instead) |
//! | `support:*`, `migration:*`, `training:*`, `cost:*`, `viability:*` | any | found by role |
//!
//! Making a requirement a gate depends on its kind: yes/no → must be yes; choice → one of the
//! options worth the most points; rating → a minimum rating of 3 on a 0–5 scale (60% of the
//! scale in general); numeric → at least the practice's number (only for the `scale:` tags).
//! Every change is recorded in `meta.adjustments` with its reason, so the committee sees why
//! its matrix looks as it does.
