// <rfp-scorecard>: a drop-in custom element over the rfp-scorecard npm package.
//
//   <script type="module" src="rfp-scorecard.js"></script>
//   <rfp-scorecard src="selection.json" mode="results"></rfp-scorecard>
//
// The scorecard comes from `src` (a file URL), the `scorecard` attribute (the file's JSON text) or
// the `scorecard` property (an object, as `load` returns it). Modes: `results` (read-only ranking)
// and `workflow` (the ranking plus the committee's top-level weights, editable; every change is
// scored again). Renders in a shadow root: host styles do not leak in (`:host { all: initial }`),
// the widget's do not leak out. Events (bubbling, composed):
//   rfp-scores-change  detail: { report, scorecard }  — after every scoring
//   rfp-error          detail: { message, diagnostics } — a file or value that cannot be scored
// Every number shown comes from the report; user strings are set as text, never as HTML.
// Needs only `script-src 'self' 'wasm-unsafe-eval'` (and `connect-src` for `src`).
import init, { load, score } from '../../target/npm/rfp-scorecard/scorer/rfp_scorecard.js';

/** Resolves when the scorer is ready (the wasm compiled). */
export const ready = init();

const sheet = new CSSStyleSheet();
sheet.replaceSync(`
  :host { all: initial; display: block; font: 14px/1.4 system-ui, sans-serif; color: #1b1f24; }
  :host([hidden]) { display: none; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #d0d7de; color: #1b1f24; }
  td.total { text-align: right; font-variant-numeric: tabular-nums; }
  .knocked_out td { color: #6e7781; }
  .title { font-weight: 600; margin: 0 0 6px; }
  .error { color: #a40e26; }
  label { display: inline-flex; gap: 4px; margin: 0 12px 6px 0; }
  input { width: 5em; }
`);

export class RfpScorecard extends HTMLElement {
  static observedAttributes = ['src', 'mode', 'scorecard'];
  #scorecard = null;
  #report = null;
  #request = 0;

  constructor() {
    super();
    this.attachShadow({ mode: 'open' }).adoptedStyleSheets = [sheet];
  }

  /** The scorecard shown (an object as `load` returns it); setting it scores it. */
  get scorecard() {
    return this.#scorecard;
  }
  set scorecard(value) {
    this.#scorecard = value;
    this.#rescore();
  }
  /** The last report (from rfp-core), or null. */
  get report() {
    return this.#report;
  }

  attributeChangedCallback(name, _old, value) {
    if (name === 'src' && value) this.#fetch(value);
    else if (name === 'scorecard' && value) this.#fromText(value);
    else if (name === 'mode') this.#render();
  }

  async #fetch(url) {
    // Only the latest `src` counts, however the responses arrive.
    const request = ++this.#request;
    try {
      const response = await fetch(new URL(url, document.baseURI));
      if (!response.ok) throw new Error(`${url}: ${response.status} ${response.statusText}`);
      const text = await response.text();
      if (request === this.#request) this.#fromText(text);
    } catch (error) {
      if (request === this.#request) this.#fail(error);
    }
  }

  async #fromText(text) {
    await ready;
    try {
      this.scorecard = load(text).scorecard;
    } catch (error) {
      this.#fail(error);
    }
  }

  async #rescore() {
    await ready;
    try {
      this.#report = score(this.#scorecard);
    } catch (error) {
      this.#fail(error);
      return;
    }
    this.#render();
    this.dispatchEvent(
      new CustomEvent('rfp-scores-change', {
        bubbles: true,
        composed: true,
        detail: { report: this.#report, scorecard: this.#scorecard },
      }),
    );
  }

  #fail(error) {
    this.#report = null;
    const root = this.shadowRoot;
    root.replaceChildren(el('p', { class: 'error', role: 'alert' }, String(error.message ?? error)));
    this.dispatchEvent(
      new CustomEvent('rfp-error', {
        bubbles: true,
        composed: true,
        detail: { message: String(error.message ?? error), diagnostics: error.diagnostics ?? [] },
      }),
    );
  }

  #render() {
    const report = this.#report;
    if (!report) return;
    const parts = [el('p', { class: 'title' }, report.title)];
    if (this.getAttribute('mode') === 'workflow') parts.push(this.#weights(report));
    const rows = report.vendors.map((v) =>
      el(
        'tr',
        { class: v.status, 'data-vendor': v.vendor_id },
        el('td', {}, String(v.rank)),
        el('td', {}, v.name),
        el('td', { class: 'total' }, v.total.toFixed(1)),
        el('td', {}, v.status.replace('_', ' ')),
      ),
    );
    const head = el('tr', {}, ...['Rank', 'Vendor', 'Total', 'Status'].map((h) => el('th', { scope: 'col' }, h)));
    parts.push(el('table', {}, el('thead', {}, head), el('tbody', {}, ...rows)));
    this.shadowRoot.replaceChildren(...parts);
  }

  /** The top-level categories' weights as inputs (the committee's numbers, not computed here). */
  #weights(report) {
    const form = el('form', { 'aria-label': 'Category weights' });
    (this.#scorecard.criteria ?? []).forEach((criterion, index) => {
      const info = report.categories.find((c) => c.id === criterion.id);
      const input = el('input', { type: 'number', min: '0', step: 'any', name: criterion.id });
      input.value = String(criterion.weight ?? 1);
      input.addEventListener('change', () => {
        const weight = Number(input.value);
        if (!Number.isFinite(weight)) return;
        const criteria = structuredClone(this.#scorecard.criteria);
        criteria[index].weight = weight;
        this.scorecard = { ...this.#scorecard, criteria };
      });
      form.append(el('label', {}, info ? info.name : criterion.id, input));
    });
    form.addEventListener('submit', (event) => event.preventDefault());
    return form;
  }
}

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

customElements.define('rfp-scorecard', RfpScorecard);
