// <rfp-scorecard>: a drop-in custom element over the rfp-scorecard npm package.
//
//   <script type="module" src="rfp-scorecard.js"></script>
//   <rfp-scorecard src="selection.json" mode="results"></rfp-scorecard>
//
// The scorecard comes from `src` (a file URL), the `scorecard` attribute (the file's JSON text) or
// the `scorecard` property (an object, as `load` returns it). Modes: `results` (read-only ranking)
// and `workflow`: the committee's top-level weights, an evaluator's ratings of every vendor on
// every rating requirement (with the rubric's anchors), that evaluator's progress, and a
// "Download scorecard" button (the file written by the API's `save`). The scorecard lives in the
// API's `Session`: every change is one of its edits (rating, taking a rating back, a weight),
// refused or scored by the core — which rating counts, the scale, revisions are the core's rules. The `evaluator` attribute preselects an evaluator by id; the `scorecard`
// property returns the scorecard as edited. Renders in a shadow root: host styles do not leak
// in (`:host { all: initial }`), the widget's do not leak out. Events (bubbling, composed):
//   rfp-scores-change  detail: { report, scorecard }  — after every scoring
//   rfp-error          detail: { message, diagnostics } — a file or value that cannot be scored
// Every score, total, rank and count shown comes from the report; user strings are set as text, never as HTML.
// Needs only `script-src 'self' 'wasm-unsafe-eval'` (and `connect-src` for `src`).
import init, { Session } from '../../target/npm/rfp-scorecard/scorer/rfp_scorecard.js';

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
  input[type=number] { width: 5em; }
  fieldset { border: 1px solid #d0d7de; margin: 8px 0; padding: 4px 8px; }
  legend { font-weight: 600; padding: 0 4px; }
  .rating { display: flex; flex-wrap: wrap; align-items: flex-end; gap: 4px 12px; margin: 4px 0; }
  .rating label { flex-direction: column; margin: 0; }
  .rating select { max-width: 40em; }
  .progress { margin: 6px 0; }
  select, input, button { font: inherit; color: inherit; }
  :focus-visible { outline: 2px solid #0969da; outline-offset: 1px; }
`);

export class RfpScorecard extends HTMLElement {
  static observedAttributes = ['src', 'mode', 'scorecard', 'evaluator'];
  /** The API's session: the scorecard, its report and its history. */
  #session = null;
  /** The session's scorecard and report as plain objects, taken after each change. */
  #scorecard = null;
  #report = null;
  #request = 0;
  /** The file name the download is saved under. */
  #fileName = 'scorecard.json';
  /** The evaluator rating in workflow mode (an id), or ''. */
  #evaluator = '';
  /** Notes typed before the rating they belong to, by `evaluator vendor requirement`. */
  #notes = new Map();
  /** An edit the API refused: its message, shown above the workflow until the next change. */
  #message = null;

  constructor() {
    super();
    this.attachShadow({ mode: 'open' }).adoptedStyleSheets = [sheet];
  }

  /** The scorecard as edited (a copy, an object as `load` returns it); setting it scores it. */
  get scorecard() {
    return this.#scorecard === null ? null : structuredClone(this.#scorecard);
  }
  set scorecard(value) {
    this.#open(() => new Session(value));
  }
  /** The last report (from rfp-core), or null. */
  get report() {
    return this.#report;
  }

  attributeChangedCallback(name, _old, value) {
    if (name === 'src' && value) this.#fetch(value);
    else if (name === 'scorecard' && value) this.#fromText(value);
    else if (name === 'evaluator') {
      this.#evaluator = value ?? '';
      this.#render();
    } else if (name === 'mode') this.#render();
  }

  async #fetch(url) {
    // Only the latest `src` counts, however the responses arrive.
    const request = ++this.#request;
    try {
      const address = new URL(url, document.baseURI);
      const response = await fetch(address);
      if (!response.ok) throw new Error(`${url}: ${response.status} ${response.statusText}`);
      const text = await response.text();
      if (request !== this.#request) return;
      this.#fileName = decodeURIComponent(address.pathname.split('/').pop() || '') || 'scorecard.json';
      this.#fromText(text);
    } catch (error) {
      if (request === this.#request) this.#fail(error);
    }
  }

  #fromText(text) {
    this.#open(() => Session.fromFile(text));
  }

  /** Work on the scorecard a new session holds (from a file's text or an object). */
  async #open(make) {
    await ready;
    this.#message = null;
    try {
      const session = make();
      this.#session?.free();
      this.#session = session;
      this.#took();
    } catch (error) {
      this.#fail(error);
      return;
    }
    this.#render();
    this.#changed();
  }

  /** Take the session's scorecard and report as they are now. */
  #took() {
    this.#scorecard = this.#session.scorecard();
    this.#report = this.#session.report();
  }

  /** An edit in the widget, through the session: scored by the core, or refused with the core's
   * message (the scorecard unchanged, the widget still usable). True when the core took it. */
  #edit(change) {
    let outcome;
    try {
      outcome = change(this.#session);
    } catch (error) {
      this.#message = message(error);
      this.#render();
      this.#error(error);
      return false;
    }
    this.#message = null;
    if (outcome.touched === 'nothing') return true;
    this.#took();
    this.#render();
    this.#changed();
    return true;
  }

  #changed() {
    this.dispatchEvent(
      new CustomEvent('rfp-scores-change', {
        bubbles: true,
        composed: true,
        detail: { report: this.#report, scorecard: this.#scorecard },
      }),
    );
  }

  #error(error) {
    this.dispatchEvent(
      new CustomEvent('rfp-error', {
        bubbles: true,
        composed: true,
        detail: { message: message(error), diagnostics: error.diagnostics ?? [] },
      }),
    );
  }

  #fail(error) {
    this.#report = null;
    this.shadowRoot.replaceChildren(el('p', { class: 'error', role: 'alert' }, message(error)));
    this.#error(error);
  }

  #render() {
    const report = this.#report;
    if (!report) return;
    // The whole view is rebuilt; the control that had the focus gets it back.
    const focused = this.shadowRoot.activeElement?.dataset?.key;
    const workflow = this.getAttribute('mode') === 'workflow';
    const parts = [el('p', { class: 'title' }, report.title)];
    if (workflow && this.#message) parts.push(el('p', { class: 'error', role: 'alert' }, this.#message));
    if (workflow) parts.push(this.#weights(report));
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
    parts.push(el('table', { 'aria-label': 'Ranking' }, el('thead', {}, head), el('tbody', {}, ...rows)));
    if (workflow) parts.push(this.#rating(report), this.#download());
    this.shadowRoot.replaceChildren(...parts);
    if (focused) this.shadowRoot.querySelector(`[data-key="${CSS.escape(focused)}"]`)?.focus();
  }

  /** The top-level categories' weights as inputs (the committee's numbers, not computed here). */
  #weights(report) {
    const form = el('form', { 'aria-label': 'Category weights' });
    (this.#scorecard.criteria ?? []).forEach((criterion) => {
      const info = report.categories.find((c) => c.id === criterion.id);
      const input = el('input', { type: 'number', min: '0', step: 'any', name: criterion.id, 'data-key': `weight ${criterion.id}` });
      input.value = String(criterion.weight ?? 1);
      input.addEventListener('change', () => {
        const weight = Number(input.value);
        if (input.value.trim() === '' || !Number.isFinite(weight)) {
          this.#message = `${info ? info.name : criterion.id}: the weight must be a number.`;
          this.#render();
          return;
        }
        this.#edit((session) => session.setWeight(criterion.id, weight));
      });
      form.append(el('label', {}, info ? info.name : criterion.id, input));
    });
    form.addEventListener('submit', (event) => event.preventDefault());
    return form;
  }

  /** The chosen evaluator's ratings: a select per vendor and rating requirement, its options
   * the scale's levels with the rubric's anchors, and a note. */
  #rating(report) {
    const evaluators = this.#scorecard.evaluators ?? [];
    const section = el('section', { 'aria-label': 'Rating' });
    const chooser = el('select', { name: 'evaluator', 'data-key': 'evaluator' });
    chooser.append(el('option', { value: '' }, 'Choose an evaluator'));
    for (const evaluator of evaluators) {
      const option = el('option', { value: evaluator.id }, evaluator.name || evaluator.id);
      if (evaluator.role) option.append(` (${evaluator.role})`);
      chooser.append(option);
    }
    const known = evaluators.some((e) => e.id === this.#evaluator);
    chooser.value = known ? this.#evaluator : '';
    chooser.addEventListener('change', () => {
      this.#evaluator = chooser.value;
      this.#render();
    });
    section.append(el('label', {}, 'Evaluator', chooser));
    if (!known) {
      if (evaluators.length === 0) section.append(el('p', {}, 'This scorecard has no evaluators.'));
      return section;
    }
    const progress = report.evaluators.find((p) => p.evaluator_id === this.#evaluator);
    if (progress) {
      section.append(
        el('p', { class: 'progress', role: 'status' }, `${progress.name || progress.evaluator_id}: ${progress.rated} of ${progress.expected} rated`),
      );
    }
    const requirements = ratingRequirements(this.#scorecard.criteria ?? []);
    for (const vendor of this.#scorecard.vendors ?? []) {
      const group = el('fieldset', {}, el('legend', {}, vendor.name || vendor.id));
      // The evaluator's ratings that count, by requirement: the core's rule.
      const given = this.#session.ratingsThatCount(this.#evaluator, vendor.id);
      for (const requirement of requirements) group.append(this.#rateOne(vendor, requirement, given[requirement.id]));
      section.append(group);
    }
    return section;
  }

  #rateOne(vendor, requirement, existing) {
    const evaluator = this.#evaluator;
    const key = `${evaluator} ${vendor.id} ${requirement.id}`;
    const rule = requirement.scoring.rating;
    const min = rule.min ?? 0;
    const max = rule.max ?? 5;
    const select = el('select', { 'data-key': `level ${key}`, 'data-vendor': vendor.id, 'data-requirement': requirement.id });
    // "Not rated" stays an option: choosing it takes a given rating back.
    select.append(el('option', { value: '' }, 'Not rated'));
    const levels = [];
    for (let level = min; level <= max; level++) levels.push(level);
    if (existing && !levels.includes(existing.score)) levels.push(existing.score);
    for (const level of levels.sort((a, b) => a - b)) {
      const anchor = (rule.anchors ?? []).find((a) => a.level === level);
      select.append(el('option', { value: String(level) }, anchor ? `${level} — ${anchor.description}` : String(level)));
    }
    select.value = existing ? String(existing.score) : '';
    const note = el('input', { type: 'text', 'data-key': `note ${key}`, 'data-vendor': vendor.id, 'data-requirement': requirement.id });
    note.value = existing ? (existing.note ?? '') : (this.#notes.get(key) ?? '');
    select.addEventListener('change', () => {
      if (select.value !== '') this.#rate(vendor.id, requirement.id, Number(select.value), note.value);
      else if (existing) this.#clear(vendor.id, requirement.id);
    });
    note.addEventListener('change', () => {
      if (existing) this.#rate(vendor.id, requirement.id, existing.score, note.value);
      else this.#notes.set(key, note.value);
    });
    const name = requirement.name || requirement.id;
    return el(
      'div',
      { class: 'rating' },
      el('label', {}, name, select),
      el('label', {}, 'Note', note),
    );
  }

  /** Rate as the chosen evaluator: the core changes the rating that counts to a new revision
   * (or adds the first), leaves an unchanged one alone, and refuses a level off the scale. */
  #rate(vendorId, requirementId, level, note) {
    const key = `${this.#evaluator} ${vendorId} ${requirementId}`;
    // A note typed before the rating is kept until the core takes the rating.
    if (this.#edit((session) => session.rate(this.#evaluator, vendorId, requirementId, level, note))) this.#notes.delete(key);
  }

  /** Take the chosen evaluator's rating back (every revision of it). */
  #clear(vendorId, requirementId) {
    this.#edit((session) => session.clearRating(this.#evaluator, vendorId, requirementId));
  }

  /** "Download scorecard": the file as the API's `save` writes it (envelope and checksum),
   * through a Blob URL and a temporary link, which a strict CSP allows. */
  #download() {
    const button = el('button', { type: 'button', 'data-key': 'download' }, 'Download scorecard');
    button.addEventListener('click', () => {
      let text;
      try {
        text = this.#session.save();
      } catch (error) {
        this.#message = message(error);
        this.#render();
        this.#error(error);
        return;
      }
      const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
      const link = el('a', { href: url, download: this.#fileName, hidden: '' });
      this.shadowRoot.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    });
    return button;
  }
}

/** The rating requirements of a criteria tree, depth first. */
function ratingRequirements(criteria) {
  return criteria.flatMap((c) =>
    c.children?.length ? ratingRequirements(c.children) : c.scoring?.rating ? [c] : [],
  );
}

function message(error) {
  return String(error?.message ?? error);
}

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

customElements.define('rfp-scorecard', RfpScorecard);
