// The widget's strings come from the web app, rendered from the gettext catalogues
// (GET /widget/i18n/<languages>.json answers in the first language of the list it speaks).
const cache = new Map();

export async function loadStrings(base, languages) {
  const key = languages.join(',');
  if (!cache.has(key)) {
    const response = await fetch(`${base}/widget/i18n/${encodeURIComponent(key)}.json`, { credentials: 'omit' });
    if (!response.ok) throw new Error(`strings: HTTP ${response.status}`);
    cache.set(key, await response.json());
  }
  return cache.get(key);
}
