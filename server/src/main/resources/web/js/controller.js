// What the page does with each server frame and each click: the client side of the protocol described in
// protocol/README.md. One request (chat or retry) is in flight at a time, as the server allows.
import { PhaseAnnouncer } from './queue-status.js';

const PROTOCOL_VERSION = 1;

export class ChatController {
  constructor({ view, composer, picker, status, banner, announce }) {
    Object.assign(this, { view, composer, picker, status, banner, announce });
    this.connection = null;  // set by main.js right after connect(); its first 'connecting' state needs none
    this.sessions = 0;
    this.maxChars = Infinity;
    this.current = null;     // { id, text, userNode, reply } of the chat or retry in flight
    this.unanswered = null;  // text of the message whose reply failed, kept by the server for retry
    this.counter = 0;
    this.phases = new PhaseAnnouncer(announce);
  }

  nextId(prefix) {
    this.counter += 1;
    return `${prefix}-${this.counter}`;
  }

  // ---- the reader's actions

  send(text) {
    if (this.current) return;
    if (text.length > this.maxChars) {
      this.composer.setStatus(`Your message has ${text.length} characters; the limit is ${this.maxChars}. Shorten it to send it.`);
      return;
    }
    const id = this.nextId('c');
    const frame = { type: 'chat', id, text, model: this.picker.selected };
    if (!this.connection.send(frame)) return;          // stays in the box
    this.view.retireRetries();                         // a new message replaces the server's pending one
    this.unanswered = null;
    const userNode = this.view.addUser(text);
    this.begin({ id, text, userNode });
    this.composer.text = '';
  }

  retry(errorBox, text) {
    if (this.current) return;
    const id = this.nextId('r');
    if (!this.connection.send({ type: 'retry', id, model: this.picker.selected })) return;
    errorBox.remove();
    this.begin({ id, text, userNode: null });
  }

  stop() {
    if (this.current) this.connection.send({ type: 'cancel', id: this.nextId('x') });
  }

  newChat() {
    this.unanswered = null;
    if (!this.connection.send({ type: 'reset', id: this.nextId('z') })) {
      this.view.clear();      // not connected: the next connection starts a new conversation anyway
    }
    this.composer.focus();
  }

  begin(request) {
    this.current = { ...request, reply: this.view.startReply() };
    this.composer.setMode('busy');     // Stop works before `started` too: the server cancels the request
  }

  finish() {
    this.current = null;
    this.phases.stop();
    this.composer.setMode('idle');
  }

  // ---- connection state

  connectionState(state) {
    if (state.kind === 'open') {
      this.banner.hide();
      return;
    }
    if (state.kind === 'connecting') {
      if (this.sessions > 0) this.banner.show('Reconnecting…');
      return;
    }
    this.composer.setConnected(false);
    this.composer.setStatus('Not connected. Your message stays here and can be sent when the connection is back.');
    this.status.offline('No connection to the LAN Chat server, so the state of Ollama is unknown.');
    this.dropRequest();
    const why = state.code === 1001 ? 'The server is restarting.' : 'Lost the connection to the server.';
    this.banner.show(`${why} Reconnecting in ${state.seconds} s…`, true);
  }

  /** The connection ended while a request was in flight: its reply will never come. */
  dropRequest() {
    const request = this.current;
    if (!request) return;
    this.finish();
    if (!request.reply.isEmpty) {
      request.reply.interrupted();
      this.unanswered = request.text;            // offered again in the box once reconnected
      return;
    }
    request.reply.remove();
    if (request.userNode) this.view.addNotice('Not answered: the connection dropped.', 'info');
    if (this.composer.text === '') this.composer.text = request.text;   // nothing typed is lost
  }

  // ---- server frames

  frame(frame) {
    const handler = this[`on_${frame.type}`];
    if (handler) handler.call(this, frame);       // unknown frame types are ignored, as the protocol asks
  }

  on_hello(hello) {
    this.sessions += 1;
    if (hello.protocolVersion !== PROTOCOL_VERSION) {
      this.view.addNotice(`This server speaks protocol version ${hello.protocolVersion}; this page knows version 1. Reload the page.`);
    }
    if (this.sessions > 1) {
      if (this.view.hasMessages) {
        this.view.markStale();
        this.view.addNotice('Reconnected. The server started a new conversation: the model no longer sees the messages above.');
      }
      if (this.unanswered !== null && this.composer.text === '') {
        this.composer.text = this.unanswered;       // the new session cannot retry it: offer it for sending
        this.view.addNotice('Your unanswered message is back in the message box.', 'info');
      }
      this.unanswered = null;
      this.announce('Reconnected to the server.');
    }
    this.maxChars = hello.maxMessageChars ?? Infinity;
    this.status.ollama(hello.ollama);
    this.picker.setModels(hello.models ?? [], hello.defaultModel);
    this.composer.setStatus(null);
    this.composer.setConnected(true);
  }

  on_availability({ ollama }) {
    this.status.ollama(ollama);
  }

  on_models_changed({ models }) {
    this.picker.setModels(models ?? []);
  }

  on_models({ models, defaultModel }) {
    this.picker.setModels(models ?? [], defaultModel);
  }

  on_phase(frame) {
    if (!this.isCurrent(frame)) return;
    this.current.reply.phase(frame);
    this.phases.phase(frame);
  }

  on_started(frame) {
    if (!this.isCurrent(frame)) return;
    this.unanswered = null;
    this.phases.stop();
    this.current.reply.started(frame);
    this.announce('The assistant is replying.');
  }

  on_token(frame) {
    if (this.isCurrent(frame)) this.current.reply.append(frame.text ?? '');
  }

  on_done(frame) {
    if (!this.isCurrent(frame)) return;
    const { reply } = this.current;
    this.finish();
    reply.done(frame);
    this.announce(`Reply: ${reply.spokenText}`);
  }

  on_cancelled(frame) {
    if (!this.isCurrent(frame)) return;
    const { reply } = this.current;
    this.finish();
    reply.stopped(frame.partialText ?? reply.text);
    this.announce('Reply stopped.');
  }

  on_error(frame) {
    if (frame.code === 'nothing_to_cancel') return;         // the reply just ended by itself
    const request = this.isCurrent(frame) ? this.current : null;
    if (request) {
      this.finish();
      if (request.reply.isEmpty) request.reply.remove(); else request.reply.failed();
    }
    const onRetry = frame.retryable && request ? (box) => this.retry(box, request.text) : null;
    if (onRetry) this.unanswered = request.text;
    this.view.addError(frame.message ?? 'Something went wrong.', onRetry);
    if (request && !frame.retryable && request.userNode && this.composer.text === '') {
      this.composer.text = request.text;       // not stored by the server: hand it back for editing
    }
    this.announce(frame.message ?? 'Something went wrong.');
  }

  on_cleared() {
    this.view.clear();
    this.announce('New conversation started.');
  }

  isCurrent(frame) {
    return this.current !== null && frame.id === this.current.id;
  }
}
