// A room member's transcript: each question under its author's name in that name's colour, each reply drawn
// as on the normal page (ReplyView: sanitized Markdown, streamed token by token, its place in the queue while
// it waits), and the replies under way by their request's id, since several people's replies share the room.
import { ReplyView } from '../js/reply-view.js';
import { el } from '../js/dom.js';
import { authorName } from './authors.js';
import { withInlineCode } from '../js/markdown.js';

const NEAR_BOTTOM_PX = 48;

/**
 * Who asked: the message's `author`; "Owner" where the server names its authors (then a message without one is
 * the owner's); else nobody, and the content says it ("Ana: …", as older servers keep a member's message).
 */
export function authorOf(message, authorsNamed) {
  if (typeof message.author === 'string' && message.author) return message.author;
  return authorsNamed ? 'Owner' : null;
}

export class RoomTranscript {
  constructor(transcript, scroller) {
    Object.assign(this, { transcript, scroller });
    this.replies = new Map();      // request id → ReplyView of a reply not ended yet
    this.following = true;
    scroller.addEventListener('scroll', () => {
      this.following = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < NEAR_BOTTOM_PX;
    }, { passive: true });
  }

  /** A room_state: the conversation as recorded replaces everything shown. */
  replace(history, authorsNamed) {
    for (const reply of this.replies.values()) reply.remove();
    this.replies.clear();
    this.transcript.replaceChildren();
    for (const m of history) {
      if (m.role === 'user') {
        this.addUser(m, authorsNamed);
      } else {
        const reply = ReplyView.fromHistory(m.content, m.cancelled, () => this.changed(), m.thinking, m.thinkingMs);
        reply.setModel(m.model);
        this.add(reply.node);
      }
    }
    this.following = true;
    this.changed();
  }

  addUser(message, authorsNamed) {
    const author = authorOf(message, authorsNamed);
    const node = el('article', 'msg user');
    node.append(author ? authorName(author, 'div', 'who') : el('div', 'who visually-hidden', 'Message'),
      el('div', 'body', message.content));
    this.add(node);
  }

  /** A share_message: the question, and its reply waiting under its id. */
  /** A question and, unless the server says none follows (`answered` false), its reply to come. */
  ask(id, message, authorsNamed, answered = true) {
    this.addUser(message, authorsNamed);
    if (!answered) return;
    const reply = new ReplyView(() => this.changed());
    this.replies.set(id ?? '', reply);
    this.add(reply.node);
  }

  reply(id) {
    return this.replies.get(id ?? '') ?? null;
  }

  /** The reply under `id` got its last frame. */
  ended(id) {
    this.replies.delete(id ?? '');
  }

  /** The connection dropped: replies under way get no more frames (the next room_state redraws them). */
  interruptAll() {
    for (const reply of this.replies.values()) reply.interrupted();
    this.replies.clear();
  }

  addError(lead, message) {
    const box = el('div', 'error-box');
    box.setAttribute('role', 'alert');
    const text = el('p', 'error-text');
    text.append(el('strong', '', lead), ' ', withInlineCode(message));
    box.append(text);
    this.add(box);
  }

  add(node) {
    this.transcript.append(node);
    this.changed();
  }

  changed() {
    if (this.following) this.scroller.scrollTop = this.scroller.scrollHeight;
  }
}
