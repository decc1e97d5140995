// Loads the WebAssembly site. An external file, so the Content-Security-Policy needs no inline script.
import init from './rfp_web.js';

init({ module_or_path: new URL('./rfp_web_bg.wasm', import.meta.url) }).catch((error) => {
  const message = document.createElement('p');
  message.className = 'boot-error';
  message.setAttribute('role', 'alert');
  message.textContent = 'RFP Scorecard could not start in this browser: ' + error;
  document.body.append(message);
});
