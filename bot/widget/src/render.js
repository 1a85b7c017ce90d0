// How one message looks: its text (with web links made clickable), its buttons, its directory
// card. Everything from the server or the user is inserted as text.
import { el } from './dom.js';

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/gi;

// Text with its http(s) addresses as links; the rest stays plain text.
export function linkified(text) {
  const parts = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    if (match.index > last) parts.push(text.slice(last, match.index));
    parts.push(externalLink(match[0], match[0]));
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

function externalLink(href, label) {
  return el('a', { href, target: '_blank', rel: 'noopener noreferrer', dir: 'ltr', text: label });
}

// Contact values become tap-to-call, mail and web links; only these schemes are ever made.
function contactLink(kind, value) {
  if (kind === 'phones') {
    const number = value.replace(/(?!^\+)[^\d]/g, '');
    return number.replace('+', '').length >= 6 ? el('a', { href: `tel:${number}`, dir: 'ltr', text: value }) : value;
  }
  if (kind === 'emails' && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) {
    return el('a', { href: `mailto:${value}`, dir: 'ltr', text: value });
  }
  if (kind === 'websites') {
    const href = /^https?:\/\//i.test(value) ? value : `https://${value}`;
    return externalLink(href, value);
  }
  return el('bdi', { text: value });
}

// Long descriptions are cut to a few lines, with a button to read all: several cards stay
// readable on a small phone.
const LONG_DESCRIPTION = 200;

function description(text, strings) {
  const paragraph = el('p', { class: 'pw-card-description', dir: 'auto', text });
  if (text.length <= LONG_DESCRIPTION) return paragraph;
  paragraph.classList.add('pw-clamped');
  const toggle = el('button', { type: 'button', class: 'pw-more', 'aria-expanded': 'false', text: strings.more });
  toggle.addEventListener('click', () => {
    const open = paragraph.classList.toggle('pw-clamped') === false;
    toggle.setAttribute('aria-expanded', String(open));
    toggle.textContent = open ? strings.less : strings.more;
  });
  return [paragraph, toggle];
}

export function card(data, strings) {
  const where = [data.city_name, data.country_name].filter(Boolean).join(', ');
  const meta = [data.category_label, where, data.distance_text].filter(Boolean).join(' · ');
  const contacts = Object.entries(data.contacts || {}).filter(([, values]) => values && values.length);
  return el('article', { class: 'pw-card' }, [
    el('h3', { class: 'pw-card-name', dir: 'auto', text: data.name }),
    meta ? el('p', { class: 'pw-card-meta', text: meta }) : null,
    data.description ? description(data.description, strings) : null,
    data.description_note ? el('p', { class: 'pw-card-note', text: data.description_note }) : null,
    data.conditions && data.conditions.length
      ? el('ul', { class: 'pw-card-conditions' }, data.conditions.map((c) => el('li', { dir: 'auto', text: c })))
      : null,
    data.hours_text ? el('p', { class: 'pw-card-hours', text: strings.hours.replace('{hours}', data.hours_text) }) : null,
    contacts.length
      ? el('dl', { class: 'pw-card-contacts' }, contacts.flatMap(([kind, values]) => [
        el('dt', { text: strings[`contact_${kind}`] || kind }),
        ...values.map((value) => el('dd', {}, contactLink(kind, value))),
      ]))
      : el('p', { class: 'pw-card-note', text: strings.no_contacts }),
    el('p', { class: 'pw-card-source', text: (strings.source || '{sources}').replace('{sources}', data.sources_text || '') }),
  ]);
}

export function message(data, strings, onChoice) {
  const fromBot = data.from === 'bot';
  const item = el('li', {
    class: `pw-message pw-${data.from}${data.status === 'pending' ? ' pw-pending' : ''}${data.kind === 'staff_reply' ? ' pw-staff' : ''}`,
    'data-id': data.id,
    lang: fromBot ? data.language : null,
    dir: fromBot ? data.direction : 'auto',
  });
  // Who speaks: for screen readers (the bubbles' sides show it on screen), and on screen too
  // when a person from the contact point answers instead of the assistant.
  if (data.kind === 'staff_reply') item.append(el('span', { class: 'pw-speaker', text: strings.staff }));
  else item.append(el('span', { class: 'pw-visually-hidden', text: `${fromBot ? strings.bot : strings.you}: ` }));
  // A card's text is its plain-text form for text-only channels: here the card shows it.
  if (data.card) item.append(card(data.card, strings));
  else if (data.text) item.append(el('p', { class: 'pw-text' }, linkified(data.text)));
  if (data.buttons && data.buttons.length) {
    item.append(el('div', { class: 'pw-choices', role: 'group' }, data.buttons.map((button) => el('button', {
      type: 'button', class: 'pw-choice', dir: 'auto', text: button.title,
      onclick: () => onChoice(button),
    }))));
  }
  if (data.status === 'pending') item.append(el('span', { class: 'pw-status-note', text: strings.sending }));
  return item;
}
