// The templates part of the API (not in `rfp-scorecard/scorer`).

/** A template shipped with RFP Scorecard. */
export interface TemplateInfo {
  /** Stable id, equal to the scorecard's `meta.template`. */
  id: string;
  name: string;
  /** One line on who it is for. */
  summary: string;
}
