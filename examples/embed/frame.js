// The iframe side of the embed protocol. The embedding page names its origin in the URL
// (`frame.html?parent=https://consultant.example`); this page answers only messages from that
// exact origin and from its parent window, and always posts to that exact origin.
//
// Host → frame:  { type: 'rfp:load', id?, file: <scorecard file text> } or { …, scorecard: <object> }
//                { type: 'rfp:get-report', id? }
// Frame → host:  { type: 'rfp:ready' }
//                { type: 'rfp:report', id, report }        (answer to load and get-report)
//                { type: 'rfp:error', id, message, diagnostics }
//                { type: 'rfp:resize', height }             (whenever the content's height changes)
import { load } from '../../target/npm/rfp-scorecard/scorer/rfp_scorecard.js';
import { ready } from './rfp-scorecard.js';

const given = new URLSearchParams(location.search).get('parent') ?? '';
let parentOrigin = null;
try {
  // Only an exact origin (scheme, host, port; nothing else) is accepted.
  if (new URL(given).origin === given) parentOrigin = given;
} catch {
  parentOrigin = null;
}

const widget = document.querySelector('rfp-scorecard');

function send(message) {
  if (parentOrigin && window.parent !== window) window.parent.postMessage(message, parentOrigin);
}

window.addEventListener('message', (event) => {
  if (parentOrigin === null || event.origin !== parentOrigin || event.source !== window.parent) return;
  const message = event.data;
  if (typeof message !== 'object' || message === null) return;
  const id = message.id ?? null;
  try {
    if (message.type === 'rfp:load') {
      const scorecard = typeof message.file === 'string' ? load(message.file).scorecard : message.scorecard;
      widget.addEventListener('rfp-scores-change', (e) => send({ type: 'rfp:report', id, report: e.detail.report }), { once: true });
      widget.addEventListener('rfp-error', (e) => send({ type: 'rfp:error', id, ...e.detail }), { once: true });
      widget.scorecard = scorecard;
    } else if (message.type === 'rfp:get-report') {
      send({ type: 'rfp:report', id, report: widget.report });
    }
  } catch (error) {
    send({ type: 'rfp:error', id, message: String(error.message ?? error), diagnostics: error.diagnostics ?? [] });
  }
});

new ResizeObserver(() => send({ type: 'rfp:resize', height: document.documentElement.scrollHeight })).observe(document.body);
// Announced once the scorer can answer.
ready.then(() => send({ type: 'rfp:ready' }));
