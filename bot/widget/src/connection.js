// Talking to Rasa over socket.io (our channel, bot/channels/widget.py).
//
// Every user message waits in the store as "pending" until the server acknowledges it, which it
// does once the turn has run. Pending messages are (re)sent whenever the connection is up; the
// server answers a message id it has already handled only once, so resending is safe. After each
// (re)connection the widget asks for the bot messages it may have missed while away.
import { io } from 'socket.io-client';

const ACK_TIMEOUT_MS = 30000;
const SYNC_TIMEOUT_MS = 10000;

export class Connection {
  constructor(config, store, events) {
    this.config = config;
    this.store = store;
    this.events = events; // { online(bool), botMessage(message), delivered(id, rejected) }
    this.socket = null;
    this.sending = null; // the message id awaiting its acknowledgement, with this attempt's token
  }

  start() {
    if (this.socket) return;
    const server = new URL(this.config.server, location.href);
    this.socket = io(server.origin, {
      path: this.config.socketPath,
      reconnectionDelay: 500,
      reconnectionDelayMax: 4000,
      withCredentials: false,
    });
    this.socket.on('connect', () => this.socket.emit('session_request', { session_id: this.store.state.conversationId }));
    this.socket.on('session_confirm', () => {
      if (!this.restarting) this.events.online(true);
      this.restarting = false;
      this.sync();
      this.flush();
    });
    this.socket.on('disconnect', () => {
      this.sending = null;
      if (!this.restarting) this.events.online(false);
    });
    this.socket.on('connect_error', () => this.events.online(false));
    this.socket.on('bot_uttered', (message) => this.events.botMessage(message));
  }

  get connected() {
    return Boolean(this.socket && this.socket.connected);
  }

  // A new conversation (after deleting the conversation): join its room afresh.
  restart() {
    if (!this.socket) return;
    this.restarting = true;
    this.socket.disconnect();
    this.socket.connect();
  }

  sync() {
    const request = { session_id: this.store.state.conversationId, after: this.store.lastBotTimestamp() };
    this.socket.timeout(SYNC_TIMEOUT_MS).emit('sync', request, (error, answer) => {
      if (!error && answer && Array.isArray(answer.messages)) answer.messages.forEach((m) => this.events.botMessage(m));
    });
  }

  // One message at a time, in order: the next goes once the server has run the previous turn.
  flush() {
    const message = this.store.pending()[0];
    if (!this.connected || !message || this.sending) return;
    const attempt = { id: message.id };
    this.sending = attempt;
    const payload = {
      session_id: this.store.state.conversationId,
      message_id: message.id,
      // Sent before (its answer lost with the connection): the server checks it was not run.
      resent: Boolean(message.tried),
      message: message.payload || message.text,
      metadata: { language: this.store.state.language },
    };
    // Kept with the message, so that a reload still knows it may have been run.
    this.store.update(message.id, { tried: true });
    this.socket.timeout(ACK_TIMEOUT_MS).emit('user_uttered', payload, (error, answer) => {
      if (this.sending !== attempt) return; // a later attempt (after a reconnection) took over
      this.sending = null;
      if (error) {
        // No answer in time: it is sent again (the server runs it only once).
        setTimeout(() => this.flush(), 1000);
        return;
      }
      this.events.delivered(message.id, answer && answer.status === 'rejected');
      this.flush();
    });
  }
}
