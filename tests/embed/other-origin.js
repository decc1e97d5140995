// Test fixture: a page on another origin that embeds the frame and talks to it. By default it
// claims the consultant's origin as the frame's parent (so the frame must ignore it); with
// `?claim=self` it names its own origin (the control: then the frame answers).
const frame = document.querySelector('#frame');
const received = document.querySelector('#received');
const claimed = new URLSearchParams(location.search).get('claim') === 'self' ? location.origin : 'http://127.0.0.1:8711';
window.addEventListener('message', (event) => {
  received.textContent += `${event.origin} ${event.data?.type}\n`;
});
frame.addEventListener('load', () => {
  // Give the frame time to get ready, then ask. (A fixture playing an attacker may use '*'.)
  setTimeout(() => {
    frame.contentWindow.postMessage({ type: 'rfp:get-report', id: 'stolen' }, '*');
    frame.contentWindow.postMessage({ type: 'rfp:load', id: 'planted', scorecard: {} }, '*');
    document.body.dataset.sent = 'yes';
  }, 500);
});
frame.src = `http://127.0.0.1:8712/examples/embed/frame.html?parent=${encodeURIComponent(claimed)}`;
