// Test fixture: a page on another origin that embeds the site (dist/) and talks to it. By default
// it claims the consultant's origin as the frame's parent (so the frame must ignore it); with
// `?claim=self` it names its own origin (the control: then the frame answers); with `?claim=*`
// it asks for embed mode with no exact origin (refused: the frame answers nothing).
const frame = document.querySelector('#frame');
const received = document.querySelector('#received');
const claim = new URLSearchParams(location.search).get('claim');
const claimed = claim === 'self' ? location.origin : claim === '*' ? '*' : 'http://127.0.0.1:8711';
window.addEventListener('message', (event) => {
  received.textContent += `${event.origin} ${event.data?.type}\n`;
});
// The test clicks once the site shows its ranking (so it is listening, if it listens at all).
// A fixture playing an attacker may use '*' as the target origin.
document.querySelector('#send').addEventListener('click', () => {
  frame.contentWindow.postMessage({ type: 'rfp:get-report', id: 'stolen' }, '*');
  frame.contentWindow.postMessage({ type: 'rfp:load', id: 'planted', scorecard: {} }, '*');
  document.body.dataset.sent = 'yes';
});
frame.src = `http://127.0.0.1:8712/dist/index.html?embed=${encodeURIComponent(claimed)}`;
