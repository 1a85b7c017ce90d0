// The conversation as the browser keeps it: its id, language and messages, in sessionStorage
// (or localStorage when the page asks), so that a reload restores it. Nothing else is stored.
import { randomId } from './ids.js';

function storageArea(kind) {
  try {
    const area = kind === 'local' ? window.localStorage : window.sessionStorage;
    const probe = '__passerelle__';
    area.setItem(probe, probe);
    area.removeItem(probe);
    return area;
  } catch (e) {
    return null; // storage blocked (private mode, sandbox): keep the conversation in memory only
  }
}

export class Store {
  constructor(config) {
    this.area = storageArea(config.storage);
    this.key = `passerelle:${config.server}`;
    this.state = this.load() || Store.empty();
  }

  static empty() {
    return { conversationId: randomId(), language: null, messages: [] };
  }

  load() {
    try {
      const saved = JSON.parse(this.area.getItem(this.key));
      return saved && typeof saved.conversationId === 'string' && Array.isArray(saved.messages) ? saved : null;
    } catch (e) {
      return null;
    }
  }

  save() {
    try {
      if (this.area) this.area.setItem(this.key, JSON.stringify(this.state));
    } catch (e) {
      // Quota exceeded: the conversation goes on, only the copy for a reload is stale.
    }
  }

  get messages() {
    return this.state.messages;
  }

  has(id) {
    return this.state.messages.some((m) => m.id === id);
  }

  add(message) {
    if (this.has(message.id)) return false;
    this.state.messages.push(message);
    this.save();
    return true;
  }

  update(id, changes) {
    const message = this.state.messages.find((m) => m.id === id);
    if (message) {
      Object.assign(message, changes);
      this.save();
    }
  }

  pending() {
    return this.state.messages.filter((m) => m.from === 'user' && m.status === 'pending');
  }

  lastBotTimestamp() {
    const times = this.state.messages.filter((m) => m.from === 'bot').map((m) => m.timestamp || 0);
    return times.length ? Math.max(...times) : 0;
  }

  // Settings kept with the conversation: its language, whether the panel is open.
  remember(settings) {
    Object.assign(this.state, settings);
    this.save();
  }

  // After "delete my conversation": a new, empty conversation with a new id.
  reset() {
    const { language, open } = this.state;
    this.state = { ...Store.empty(), language, open };
    if (this.area) this.area.removeItem(this.key);
  }
}
