// The owner's side of a room (protocol/README.md, "Rooms") on the normal page: a member's message comes as
// share_message, then its reply's frames under the member's request id, which is not one of this page's own;
// both are drawn in the transcript as the page's own exchanges are, with the member's name. Who is in the room
// (room_presence) shows as a line under the title, and messages waiting in the room's queue under the composer.
import { el } from '../js/dom.js';
import { authorName, roomStyle } from './authors.js';
import { TypingLine } from './typing-line.js';

const TYPING_EVERY_MS = 3000;
const REPLY_FRAMES = new Set(['phase', 'started', 'thinking', 'token', 'done', 'cancelled', 'error']);

export class RoomOwner {
  constructor(controller) {
    this.controller = controller;
    this.view = controller.view;
    this.replies = new Map();      // member's request id → { reply, user, content }
    this.waiting = new Map();      // member's request id → its place in the room's queue
    roomStyle();
    this.presence = el('p', 'room-presence');
    this.presence.id = 'room-presence';
    this.presence.hidden = true;
    document.getElementById('chat-title').after(this.presence);
    const typingLine = el('p', 'room-presence owner-typing');
    typingLine.setAttribute('aria-live', 'polite');
    this.presence.after(typingLine);
    this.typists = new TypingLine(typingLine);
    this.lastTypingSent = 0;
    // The owner's typing reaches the room's members (at most every 3 s), as theirs reaches the owner.
    document.getElementById('input').addEventListener('input', () => {
      if (this.presence.hidden || Date.now() - this.lastTypingSent < TYPING_EVERY_MS) return;
      this.lastTypingSent = Date.now();
      controller.connection.send({ type: 'typing' });
    });
    this.queue = el('p', 'room-waiting');
    this.queue.id = 'room-waiting';
    this.queue.hidden = true;
    document.getElementById('composer').before(this.queue);
    // A cleared transcript (another conversation, a new one, a redraw) has none of the replies on screen.
    const clear = this.view.clear.bind(this.view);
    this.view.clear = () => {
      clear();
      this.forget();
    };
  }

  /** Takes a frame that belongs to the room rather than to this page's own request; false: not ours. */
  claim(frame) {
    if (frame.type === 'share_message') {
      this.asked(frame);
      return true;
    }
    if (frame.type === 'room_presence' || frame.type === 'room_members') {
      this.roomId = frame.conversationId ?? this.controller.store.currentId;
      this.members(frame.members ?? []);
      return true;
    }
    if (frame.type === 'room_typing') {
      if (typeof frame.name === 'string') this.typing(frame.name);
      return true;
    }
    if (!REPLY_FRAMES.has(frame.type) || this.controller.isCurrent(frame)) return false;
    const entry = this.replies.get(frame.id);
    if (frame.type === 'phase' && frame.phase === 'queued' && !entry && typeof frame.id === 'string') {
      this.waiting.set(frame.id, frame.position);
      this.showWaiting();
      return true;
    }
    if (!entry) return false;
    this.reply(entry, frame);
    return true;
  }

  asked({ id, message, answered }) {
    this.waiting.delete(id);
    this.showWaiting();
    const user = this.view.addUser(message.content, [], message.author ?? null);
    if (message.author) this.stoppedTyping(message.author);
    if (answered === false) {        // no reply follows: in the view's history as a message of its own
      this.view.turns.push({ role: 'user', content: message.content, cancelled: false });
      this.view.tools(user, { role: 'user', text: message.content, seq: this.view.nextSeq });
      this.view.nextSeq += 1;
      return;
    }
    const reply = this.view.startReply();
    this.replies.set(id, { reply, user, content: message.content });
  }

  reply(entry, frame) {
    const { reply } = entry;
    switch (frame.type) {
      case 'phase': reply.phase(frame); break;
      case 'started': reply.started(frame); break;
      case 'thinking': reply.think(frame.text ?? ''); break;
      case 'token': reply.append(frame.text ?? ''); break;
      case 'done':
        reply.done(frame);
        this.ended(frame.id, entry, false);
        break;
      case 'cancelled':
        reply.stopped(frame.partialText ?? reply.text);
        this.ended(frame.id, entry, true);
        break;
      default:                     // error: the reply failed, and the server kept nothing of it
        reply.failed();
        this.replies.delete(frame.id);
        this.view.addError(frame.message ?? 'The reply failed.', null);
    }
  }

  /** The exchange is in the server's history now, as the page's own ones are. */
  ended(id, { reply, user, content }, cancelled) {
    this.replies.delete(id);
    this.view.recordExchange(content, reply.text, cancelled, [user, reply.node]);
  }

  typing(name) {
    this.typists.typing(name);
  }

  stoppedTyping(name) {
    this.typists.stopped(name);
  }

  members(names) {
    this.presence.replaceChildren('In this room: ');
    names.forEach((name, i) => this.presence.append(...(i > 0 ? [', '] : []), authorName(name)));
    this.presence.hidden = names.length === 0;
  }

  showWaiting() {
    const count = this.waiting.size;
    this.queue.textContent = count === 1 ? 'A member’s message waits in this room’s queue.'
      : `${count} members’ messages wait in this room’s queue.`;
    this.queue.hidden = count === 0;
  }

  forget() {
    // Another conversation on screen: its room, if it is one, says who is there (room_members).
    if (this.roomId !== this.controller.store.currentId) this.members([]);
    this.replies.clear();
    this.waiting.clear();
    this.showWaiting();
  }
}
