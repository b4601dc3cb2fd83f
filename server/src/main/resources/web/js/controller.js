// What the page does with each server frame and each click: the client side of the protocol described in
// protocol/README.md. Frames go to their handler through one explicit table (`handlers`). One request (chat or
// retry) is in flight at a time, as the server allows. Getting the conversation back after a new connection is
// in resuming.js, switching conversations in switching.js, the list's requests in conversations.js; what the
// page says about the connection itself is in connection-status.js. Conversation state lives in the store.
import { PhaseAnnouncer } from './queue-status.js';
import { Resumer } from './resuming.js';
import { Switcher } from './switching.js';

export class ChatController {
  constructor({ view, composer, picker, status, link, keeper, announce, store }) {
    Object.assign(this, { view, composer, picker, status, link, keeper, announce, store });
    this.protocolVersion = 1;
    this.connection = null;  // set by main.js right after connect(); its first 'connecting' state needs none
    this.hellos = 0;
    this.ready = false;      // connected, with this tab's conversation: requests may go out
    this.resuming = null;    // { id, hello } from sending `resume` until its answer
    this.maxChars = Infinity;
    this.current = null;     // { id, kind, reply, lastSeq } of the chat or retry in flight
    this.pending = null;     // { text, node }: the user's newest message the server has not answered for good
    this.retryBox = null;    // the error box whose Retry button resends `pending`
    this.counter = 0;
    this.idTag = Math.random().toString(36).slice(2, 6);   // ids stay distinct from the ones before a reload
    this.phases = new PhaseAnnouncer(announce);
    this.resumer = new Resumer(this);
    this.switcher = new Switcher(this);
    this.versions = null;    // regenerate, edit and versions: loaded with the first message
    view.actions = () => this.loadVersions();
    this.conversations = null;   // ConversationActions and SettingsPanel, set by main.js
    this.settingsPanel = null;
    this.room = null;        // room-owner.js, once the conversation is a room
    this.roomFrames = null;
    this.handlers = {
      hello: (f) => this.resumer.on_hello(f),
      resumed: (f) => this.resumer.on_resumed(f),
      opened: (f) => this.switcher.on_opened(f),
      availability: (f) => this.on_availability(f),
      models_changed: (f) => this.on_models_changed(f),
      models: (f) => this.on_models(f),
      phase: (f) => this.on_phase(f),
      started: (f) => this.on_started(f),
      thinking: (f) => this.on_thinking(f),
      token: (f) => this.on_token(f),
      done: (f) => this.on_done(f),
      cancelled: (f) => this.on_cancelled(f),
      error: (f) => this.on_error(f),
      cleared: (f) => this.on_cleared(f),
      conversations: (f) => this.conversations.onConversations(f),
      conversation: (f) => this.switcher.on_conversation(f),
      deleted: (f) => this.conversations.onDeleted(f),
      exported: (f) => this.conversations.onExported(f),
      branch: (f) => this.loadVersions().then((v) => v.on_branch(f)),
    };
  }

  nextId(prefix) {
    this.counter += 1;
    return `${prefix}-${this.idTag}-${this.counter}`;
  }

  loadVersions() {
    this.versionsLoad ??= import('../on-demand/versions.js').then(({ Versions }) => {
      this.versions = new Versions(this);
      return this.versions;
    });
    return this.versionsLoad;
  }

  // ---- the reader's actions

  send(text) {
    if (this.current || !this.ready) return;
    if (text.length > this.maxChars) {
      this.composer.setStatus(`Your message has ${text.length} characters; the limit is ${this.maxChars}. Shorten it to send it.`);
      return;
    }
    const id = this.nextId('c');
    const files = this.composer.attached;
    const frame = { type: 'chat', id, text, model: this.picker.selected, think: this.picker.thinkChoice };
    if (files.length) frame.attachments = files.map((f) => f.id);
    if (!this.connection.send(frame)) return;   // stays in the box
    this.retireRetry();                                // a new message replaces the server's pending one
    this.pending = { text, files, node: this.view.addUser(text, files) };
    this.begin(id, 'chat');
    this.composer.text = '';
    this.composer.attachments?.clear();
  }

  retry(errorBox) {
    if (this.current || !this.ready || !this.pending) return;
    const id = this.nextId('r');
    if (!this.connection.send({ type: 'retry', id, model: this.picker.selected })) return;
    errorBox.remove();
    this.retryBox = null;
    this.begin(id, 'retry');
  }

  stop() {
    if (this.current && this.ready) this.connection.send({ type: 'cancel', id: this.nextId('x') });
  }

  newChat() {
    if (this.ready && this.store.limits.store) {
      this.switcher.create();           // the conversation left stays listed; a reply in it goes on
    } else if (this.ready) {
      this.connection.send({ type: 'reset', id: this.nextId('z') });   // a server older than conversations
    } else if (!this.resuming) {
      // Not connected: the next connection starts a new conversation instead of resuming this one.
      this.keeper.forget();
      this.dropCurrent();
      this.pending = null;
      this.retryBox = null;
      this.view.clear();
    }
    this.composer.focus();
  }

  begin(id, kind) {
    this.current = { id, kind, reply: this.view.startReply(), lastSeq: -1 };
    this.keeper.watch(id);
    this.composer.setMode('busy');     // Stop works before `started` too: the server cancels the request
    this.versions?.setBusy();
  }

  finish() {
    this.current = null;
    this.keeper.unwatch();
    this.phases.stop();
    this.composer.setMode('idle');
    this.versions?.setBusy();
  }

  /** The request in flight will get no more frames: keep what it wrote, marked, or take its bubble away. */
  dropCurrent(mark = 'interrupted') {
    const request = this.current;
    if (!request) return;
    this.finish();
    if (request.reply.isEmpty) request.reply.remove(); else request.reply[mark]();
  }

  retireRetry() {
    this.view.retireRetries();
    this.retryBox = null;
  }

  // ---- the connection

  /** A state from connection.js. A request in flight is kept: the resume on the next connection continues it. */
  connectionState(state) {
    if (state.kind === 'closed' || state.kind === 'displaced') {
      this.ready = false;
      this.resuming = null;
    }
    this.link.show(state);
  }

  becomeReady(announcement) {
    this.ready = true;
    this.link.ready();
    this.composer.setMode(this.current ? 'busy' : 'idle');
    if (announcement) this.announce(announcement);
    if (this.store.limits.store) this.conversations.refresh();
  }

  // ---- server frames (hello and resumed: resuming.js)

  frame(frame) {
    if (this.roomFrames) return void this.roomFrames.push(frame);    // room-owner.js loads: keep the order
    if (!this.room && /^(share_message|room_presence|room_typing|room_members)$/.test(frame.type)) {
      return void this.loadRoom(frame);
    }
    if (this.room?.claim(frame)) return;     // a room member's message and its reply
    const handler = Object.hasOwn(this.handlers, frame.type) ? this.handlers[frame.type] : null;
    if (handler) handler(frame);       // unknown frame types are ignored, as the protocol asks
  }

  /** The conversation is open as a room: room-owner.js draws its members' messages. */
  loadRoom(first) {
    this.roomFrames = [first];
    import('../on-demand/room-owner.js').then((m) => new m.RoomOwner(this), () => ({ claim: () => false }))
      .then((room) => {
        this.room = room;
        const frames = this.roomFrames;
        this.roomFrames = null;
        frames.forEach((f) => this.frame(f));
      });
  }

  on_availability({ ollama }) {
    this.status.ollama(ollama);
  }

  on_models_changed({ models }) {
    this.picker.setModels(models ?? []);
    this.store.models = models ?? [];       // the settings panel lists them too
  }

  on_models({ models, defaultModel }) {
    this.picker.setModels(models ?? [], defaultModel);
    this.store.models = models ?? [];
  }

  on_phase(frame) {
    if (!this.isCurrent(frame)) return;
    this.current.reply.phase(frame);
    this.phases.phase(frame);
  }

  on_started(frame) {
    if (!this.isCurrent(frame)) return;
    this.phases.stop();
    this.current.reply.started(frame);
    this.announce('The assistant is replying.');
    this.refreshList();                // the message is stored now: the conversation is listed, live
  }

  on_thinking(frame) {
    if (!this.isNext(frame)) return;
    this.phases.stop();
    this.current.reply.think(frame.text ?? '');
  }

  on_token(frame) {
    if (!this.isNext(frame)) return;
    this.phases.stop();
    this.current.reply.append(frame.text ?? '');
  }

  /** A token or thinking frame of the request in flight not shown yet: the two share one `seq` numbering. */
  isNext(frame) {
    if (!this.isCurrent(frame)) return false;
    const request = this.current;
    if (Number.isInteger(frame.seq)) {
      if (frame.seq <= request.lastSeq) return false;        // already shown
      if (frame.seq !== request.lastSeq + 1) {
        console.warn(`LAN Chat: ${frame.type} ${frame.seq} follows ${request.lastSeq}; some text is missing`);
      }
      request.lastSeq = frame.seq;
    }
    return true;
  }

  on_done(frame) {
    if (!this.isCurrent(frame)) return;
    const { reply, kind } = this.current;
    this.finish();
    reply.done(frame);
    this.recordExchange(kind, reply, false);
    this.announce(`Reply: ${reply.spokenText}`);
    this.refreshList();
  }

  on_cancelled(frame) {
    if (!this.isCurrent(frame)) return;
    const { reply, kind } = this.current;
    this.finish();
    reply.stopped(frame.partialText ?? reply.text);
    this.recordExchange(kind, reply, true);
    this.announce('Reply stopped.');
    this.refreshList();
  }

  /** A chat or retry ended (a regenerate or edit waits for its `branch`). */
  recordExchange(kind, reply, cancelled) {
    if (kind === 'regenerate' || kind === 'edit') return;
    this.view.recordExchange(this.pending?.text ?? '', reply.text, cancelled, [this.pending?.node, reply.node]);
    this.pending = null;
  }

  on_error(frame) {
    if (this.versions?.claimError(frame)) return;
    if (this.settingsPanel?.claimError(frame) || this.conversations?.claimError(frame)) return;
    if (this.resumer.isAnswerToResume(frame)) {
      if (this.resuming.switching) this.switcher.failed(frame); else this.resumer.resumeFailed();
      return;
    }
    if (frame.code === 'nothing_to_cancel') return;         // the reply just ended by itself
    const request = this.isCurrent(frame) ? this.current : null;
    if (request) this.dropCurrent('failed');
    const message = frame.message ?? 'Something went wrong.';
    if (frame.retryable && request && this.pending) {
      this.retryBox = this.view.addError(message, (box) => this.retry(box), frame.code);
    } else {
      this.view.addError(message, null);
      if (request) {
        const refused = this.pending;
        this.pending = null;                  // not kept by the server
        if (request.kind === 'chat' && refused && this.composer.text === '') this.composer.text = refused.text;
        // Refused files stay uploaded (vision_not_supported, attachment_not_found, …): back to the box with the text.
        if (request.kind === 'chat' && refused?.files?.length) this.composer.attach().then((a) => a.restore(refused.files));
      }
    }
    this.announce(message);
  }

  on_cleared(frame) {
    // A server that keeps conversations starts a new one (the old one stays saved): resume that one from now on.
    if (frame?.sessionId && frame.resumeSecret) {
      this.keeper.adopt({ sessionId: frame.sessionId, resumeSecret: frame.resumeSecret });
      this.store.setCurrent(frame.sessionId);
    }
    if (this.current) this.finish();   // a delete of this conversation stopped its reply
    this.view.clear();
    this.pending = null;
    this.retryBox = null;
    this.announce('New conversation started.');
  }

  refreshList() {
    if (this.store.limits.store) this.conversations.refresh();
  }

  isCurrent(frame) {
    return this.current !== null && (frame.id ?? null) === (this.current.id ?? null);
  }
}
