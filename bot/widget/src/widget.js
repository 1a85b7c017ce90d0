// The widget: a launcher bubble and a chat panel (or the panel alone, full page, on /chat).
import css from './widget.css';
import { textOn } from './colors.js';
import { wantedLanguages } from './config.js';
import { Connection } from './connection.js';
import { el } from './dom.js';
import { loadStrings } from './i18n.js';
import { randomId } from './ids.js';
import { message as renderMessage } from './render.js';
import { Store } from './store.js';

const ICONS = {
  chat: 'M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z',
  close: 'M18.3 5.7 12 12l6.3 6.3-1.4 1.4L10.6 13.4 4.3 19.7 2.9 18.3 9.2 12 2.9 5.7 4.3 4.3l6.3 6.3 6.3-6.3z',
  send: 'M3 20.5V14l12-2-12-2V3.5L22 12z',
};

function icon(name) {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  path.setAttribute('d', ICONS[name]);
  svg.append(path);
  return svg;
}

export class Widget {
  constructor(config) {
    this.config = config;
    this.store = new Store(config);
    this.strings = null;
    this.wasOffline = false;
    this.connection = new Connection(config, this.store, {
      online: (up) => this.showOnline(up),
      botMessage: (data) => this.receive(data),
      delivered: (id, rejected) => this.delivered(id, rejected),
    });
  }

  async start() {
    this.build();
    const wanted = this.store.state.language ? [this.store.state.language] : wantedLanguages(this.config);
    await this.useLanguage(wanted, false);
    this.store.messages.forEach((m) => this.append(m));
    this.disableOldChoices();
    // Connect only when needed: a visitor who never opens the chat costs no connection.
    if (this.config.mode === 'page' || this.store.messages.length) this.connection.start();
    // A reload keeps the panel as it was.
    if (this.config.mode === 'page' || this.store.state.open) this.open(false);
  }

  build() {
    const host = el('div', { id: 'passerelle-widget' });
    const root = host.attachShadow({ mode: 'open' });
    const color = this.config.color;
    const side = getComputedStyle(document.body).direction === 'rtl' ? 'pw-left' : 'pw-right';
    this.box = el('div', { class: `pw ${this.config.mode === 'page' ? 'pw-page' : 'pw-bubble'} ${side}`,
      style: `--pw-color: ${color}; --pw-on-color: ${textOn(color)}` });
    this.launcher = el('button', { type: 'button', class: 'pw-launcher', 'aria-expanded': 'false',
      'aria-controls': 'pw-panel', onclick: () => (this.panel.hidden ? this.open(true) : this.close()) }, [icon('chat')]);
    this.badge = el('span', { class: 'pw-badge', hidden: true });
    this.launcher.append(this.badge);
    this.title = el('h2', { class: 'pw-title', id: 'pw-title' });
    this.languageLabel = el('label', { class: 'pw-visually-hidden', for: 'pw-language' });
    this.select = el('select', { class: 'pw-select', id: 'pw-language',
      onchange: () => this.useLanguage([this.select.value], true) });
    this.closeButton = el('button', { type: 'button', class: 'pw-icon-button', onclick: () => this.close() }, [icon('close')]);
    this.status = el('p', { class: 'pw-status', role: 'status' });
    this.welcome = el('li', { class: 'pw-message pw-welcome' }, [el('p', { class: 'pw-text' })]);
    // A live region around the list: new messages are announced; it scrolls, so it takes focus.
    this.list = el('ol', { class: 'pw-list' }, [this.welcome]);
    this.log = el('div', { class: 'pw-log', role: 'log', 'aria-live': 'polite', 'aria-labelledby': 'pw-title', tabindex: '0' },
      [this.list]);
    this.confirmText = el('p', { id: 'pw-confirm-text' });
    this.confirmYes = el('button', { type: 'button', class: 'pw-danger', onclick: () => this.deleteConversation() });
    this.confirmNo = el('button', { type: 'button', class: 'pw-plain', onclick: () => this.hideConfirm() });
    this.confirm = el('div', { class: 'pw-confirm', role: 'alertdialog', 'aria-labelledby': 'pw-confirm-text', hidden: true },
      [this.confirmText, el('div', { class: 'pw-confirm-buttons' }, [this.confirmYes, this.confirmNo])]);
    this.inputLabel = el('label', { class: 'pw-visually-hidden', for: 'pw-input' });
    this.input = el('textarea', { class: 'pw-input', id: 'pw-input', rows: '1', maxlength: '1000', dir: 'auto',
      onkeydown: (event) => this.onInputKey(event), oninput: () => this.fitInput() });
    this.sendButton = el('button', { type: 'submit', class: 'pw-send' }, [icon('send')]);
    this.form = el('form', { class: 'pw-form', onsubmit: (event) => { event.preventDefault(); this.sendTyped(); } },
      [this.inputLabel, this.input, this.sendButton]);
    this.privacy = el('p', { class: 'pw-privacy' });
    this.deleteButton = el('button', { type: 'button', class: 'pw-delete', onclick: () => this.showConfirm() });
    const header = el('header', { class: 'pw-header' }, [this.title, this.languageLabel, this.select,
      this.config.mode === 'page' ? null : this.closeButton]);
    this.panel = el('section', { class: 'pw-panel', id: 'pw-panel', hidden: true,
      onkeydown: (event) => { if (event.key === 'Escape' && this.config.mode !== 'page') this.close(); } },
    [header, this.status, this.log, this.confirm, this.form,
      el('footer', { class: 'pw-footer' }, [this.privacy, this.deleteButton])]);
    this.box.append(...(this.config.mode === 'page' ? [this.panel] : [this.launcher, this.panel]));
    root.append(el('style', { text: css }), this.box);
    document.body.append(host);
  }

  // Loads the strings of the first language of `wanted` that we speak, and shows them.
  async useLanguage(wanted, chosen) {
    let strings;
    try {
      strings = await loadStrings(this.config.base, wanted);
    } catch (error) {
      this.status.textContent = this.strings ? this.strings.offline : '';
      return;
    }
    this.strings = strings;
    this.store.remember({ language: strings.language });
    this.applyStrings();
    // A choice made in the conversation tells the assistant too (its answers switch language).
    if (chosen && this.store.messages.some((m) => m.from === 'user')) {
      this.send({ text: '', payload: `/set_language{"language": "${strings.language}"}`, silent: true });
    }
  }

  applyStrings() {
    const s = this.strings.strings;
    this.box.setAttribute('lang', this.strings.language);
    this.box.setAttribute('dir', this.strings.direction);
    this.title.textContent = this.config.title || s.bot;
    this.panel.setAttribute('aria-label', s.title);
    this.launcher.setAttribute('aria-label', s.open);
    this.closeButton.setAttribute('aria-label', s.close);
    this.languageLabel.textContent = s.language;
    this.select.replaceChildren(...this.strings.languages.map((lang) => el('option', {
      value: lang.code, lang: lang.code, dir: lang.direction, selected: lang.code === this.strings.language, text: lang.name })));
    this.welcome.firstChild.textContent = s.welcome;
    this.inputLabel.textContent = s.placeholder;
    this.input.setAttribute('placeholder', s.placeholder);
    this.sendButton.setAttribute('aria-label', s.send);
    this.privacy.textContent = this.config.storage === 'local' ? s.privacy_local : s.privacy_session;
    this.deleteButton.textContent = s.delete;
    this.confirmText.textContent = s.delete_confirm;
    this.confirmYes.textContent = s.delete_yes;
    this.confirmNo.textContent = s.delete_no;
  }

  open(focus) {
    this.panel.hidden = false;
    this.store.remember({ open: true });
    this.launcher.setAttribute('aria-expanded', 'true');
    this.badge.hidden = true;
    this.connection.start();
    this.scrollDown();
    if (focus) this.input.focus();
  }

  close() {
    this.panel.hidden = true;
    this.store.remember({ open: false });
    this.launcher.setAttribute('aria-expanded', 'false');
    this.launcher.focus();
  }

  onInputKey(event) {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.sendTyped();
    }
  }

  fitInput() {
    this.input.style.height = 'auto';
    this.input.style.height = `${Math.min(this.input.scrollHeight + 2, 120)}px`;
  }

  sendTyped() {
    const text = this.input.value.trim();
    if (!text) return;
    this.input.value = '';
    this.fitInput();
    this.send({ text });
  }

  send({ text, payload = null, silent = false }) {
    const message = { id: randomId(), from: 'user', text, payload, silent, status: 'pending', timestamp: Date.now() / 1000 };
    this.store.add(message);
    this.append(message);
    this.disableOldChoices();
    this.connection.start();
    this.connection.flush();
  }

  receive(data) {
    if (!data || typeof data.id !== 'string') return;
    const message = { ...data, from: 'bot' };
    if (!this.store.add(message)) return; // already shown (live and caught up after a reconnection)
    this.append(message);
    if (this.panel.hidden) this.badge.hidden = false;
  }

  delivered(id, rejected) {
    this.store.update(id, { status: rejected ? 'rejected' : 'sent' });
    const item = this.log.querySelector(`[data-id="${id}"]`);
    if (item) {
      item.classList.remove('pw-pending');
      const note = item.querySelector('.pw-status-note');
      if (note) note.remove();
    }
  }

  append(message) {
    if (message.silent) return;
    const item = renderMessage(message, this.strings ? this.strings.strings : {},
      (button) => this.send({ text: button.title, payload: button.payload }));
    this.list.append(item);
    this.scrollDown();
  }

  // Only the latest answer's buttons stay active: an older choice would answer an old question.
  disableOldChoices() {
    const lastUser = this.store.messages.map((m) => m.from).lastIndexOf('user');
    this.store.messages.forEach((m, index) => {
      if (m.from !== 'bot' || index > lastUser) return;
      const item = this.log.querySelector(`[data-id="${m.id}"]`);
      if (item) item.querySelectorAll('.pw-choice').forEach((b) => { b.disabled = true; });
    });
  }

  scrollDown() {
    this.log.scrollTop = this.log.scrollHeight;
  }

  showOnline(up) {
    if (!this.strings) return;
    if (!up) {
      this.wasOffline = true;
      this.status.textContent = this.strings.strings.offline;
    } else if (this.wasOffline) {
      this.wasOffline = false;
      this.status.textContent = this.strings.strings.reconnected;
      setTimeout(() => { if (!this.wasOffline) this.status.textContent = ''; }, 3000);
    }
  }

  showConfirm() {
    this.confirm.hidden = false;
    this.confirmNo.focus();
  }

  hideConfirm() {
    this.confirm.hidden = true;
    this.deleteButton.focus();
  }

  // Deleting the conversation: the server forgets it (conversation and tickets), then the browser.
  async deleteConversation() {
    const s = this.strings.strings;
    if (this.store.messages.length) {
      try {
        const id = encodeURIComponent(this.store.state.conversationId);
        const response = await fetch(`${this.config.base}/api/conversations/${id}/forget`, { method: 'POST', credentials: 'omit' });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
      } catch (error) {
        this.status.textContent = s.delete_failed;
        this.hideConfirm();
        return;
      }
    }
    this.store.reset();
    this.log.querySelectorAll('.pw-user, .pw-bot').forEach((item) => item.remove());
    this.confirm.hidden = true;
    this.status.textContent = s.deleted;
    this.connection.restart();
    this.input.focus();
  }
}
