// The consultant's page: the API directly, the widget's events, and the iframe protocol.
import init, { demo, score } from '../../target/npm/rfp-scorecard/rfp_scorecard.js';

// 1. The API: five lines.
await init();
const report = score(demo());
document.querySelector('#api-result').append(
  ...report.vendors.map((v) => Object.assign(document.createElement('li'), { textContent: `${v.name} — ${v.total.toFixed(1)}` })),
);

// 2. The widget fires `rfp-scores-change` after every scoring.
document.addEventListener('rfp-scores-change', (event) => {
  const top = event.detail.report.vendors[0];
  document.querySelector('#last-change').textContent = `${event.target.id}: ${top.name} leads with ${top.total.toFixed(1)}`;
});

// 3. The iframe: the RFP Scorecard site (dist/) on its own origin, opened with
// `?embed=<this page's origin>`. Exact origins both ways: this page checks `event.origin` and
// `event.source`, and names the frame's exact origin when it posts.
const frame = document.querySelector('#site-frame');
const frameOrigin = frame.dataset.origin;
const fileUrl = new URL('../../rfp-templates/pediatrics.json', import.meta.url);
window.addEventListener('message', async (event) => {
  if (event.origin !== frameOrigin || event.source !== frame.contentWindow) return;
  const message = event.data;
  if (message?.type === 'rfp:ready') {
    const file = await (await fetch(fileUrl)).text();
    frame.contentWindow.postMessage({ type: 'rfp:load', id: 1, file, name: 'pediatrics.json' }, frameOrigin);
  } else if (message?.type === 'rfp:report') {
    document.querySelector('#frame-winner').textContent = message.report?.vendors[0]?.name ?? '—';
  } else if (message?.type === 'rfp:error') {
    document.querySelector('#frame-winner').textContent = `error: ${message.message}`;
  } else if (message?.type === 'rfp:resize' && Number.isFinite(message.height)) {
    frame.style.height = `${Math.min(Math.max(message.height, 50), 4000)}px`;
  }
});
frame.src = `${frameOrigin}${frame.dataset.path}?embed=${encodeURIComponent(location.origin)}`;
