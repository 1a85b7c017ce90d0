// The embedding page's settings, from the <script> tag's data attributes.
export function readConfig(script) {
  const data = script.dataset;
  const src = new URL(script.src, location.href);
  return {
    // The web app that served this script: strings and "delete my conversation" live there.
    base: src.href.replace(/\/widget\/[^/]*$/, ''),
    // Rasa's socket.io; by default this host at Rasa's default port.
    server: data.server || `${src.protocol}//${src.hostname}:5005`,
    socketPath: data.socketPath || '/socket.io',
    language: data.language || '',
    title: data.title || '',
    color: /^#[0-9a-f]{6}$/i.test(data.color || '') ? data.color : '#0b5d6b',
    storage: data.storage === 'local' ? 'local' : 'session',
    mode: data.mode === 'page' ? 'page' : 'bubble',
  };
}

// The languages to try, most wanted first: the page's choice, the browser's, the page's own.
export function wantedLanguages(config) {
  const list = [config.language, ...(navigator.languages || [navigator.language]), document.documentElement.lang];
  return [...new Set(list.filter(Boolean).map((code) => code.toLowerCase()))];
}
