// The lines around a room's transcript: who is present (each name in its colour), who is typing (for a few
// seconds after their last room_typing), and the messages waiting in the room's queue with their places.
import { el } from '../js/dom.js';
import { authorName } from './authors.js';
import { ordinal } from '../js/queue-status.js';
import { TypingLine } from './typing-line.js';

export class RoomPeople {
  constructor({ membersLine, typingLine, queueLine }) {
    Object.assign(this, { membersLine, queueLine });
    this.typists = new TypingLine(typingLine);
    this.waiting = new Map();      // request id → { position, text (ours only) }
  }

  /** Whether the room's owner has the conversation open (shown first among those present). */
  owner(present) {
    this.ownerPresent = present;
    if (this.names) this.members(this.names, this.you);
  }

  /** The names present with `name` come (at the end) or gone: members are told the change alone. */
  changed(name, joined) {
    const names = (this.names ?? []).filter((n) => n !== name);
    return joined ? [...names, name] : names;
  }

  members(names, you) {
    Object.assign(this, { names, you });
    this.membersLine.replaceChildren('In this room: ');
    const shown = this.ownerPresent ? ['Owner', ...names] : names;
    shown.forEach((name, i) => {
      if (i > 0) this.membersLine.append(', ');
      if (this.ownerPresent && i === 0) this.membersLine.append(el('span', 'room-owner-name', 'Owner'));
      else this.membersLine.append(authorName(name));
      if (name === you && !(this.ownerPresent && i === 0)) this.membersLine.append(' (you)');
    });
    this.membersLine.hidden = shown.length === 0;
    this.typists.keepOnly((name) => names.includes(name) || name === 'Owner');
  }

  typing(name) {
    this.typists.typing(name);
  }

  stoppedTyping(name) {
    this.typists.stopped(name);
  }

  /** A `phase` queued: the message `id` waits at `position` (1: next); `text` when it is this member's. */
  queued(id, position, text) {
    this.waiting.set(id, { position, text });
    this.showQueue();
  }

  /** The message `id` no longer waits: its reply started, or it was refused. */
  unqueued(id) {
    if (this.waiting.delete(id)) this.showQueue();
  }

  clearQueue() {
    this.waiting.clear();
    this.showQueue();
  }

  showQueue() {
    const lines = [...this.waiting.values()].sort((a, b) => a.position - b.position).map(({ position, text }) => {
      const place = Number.isInteger(position) && position > 0 ? `${ordinal(position)} in line` : 'in line';
      return el('li', text === undefined ? 'queued' : 'queued mine',
        text === undefined ? `A message waits, ${place}` : `Your message “${text}” waits, ${place}`);
    });
    this.queueLine.replaceChildren(...lines);
    this.queueLine.hidden = lines.length === 0;
  }
}
