// "Share…": read-only links to the conversation this tab shows (protocol/README.md, "Share links"): make a
// snapshot or a live link, or open the conversation as a room (an invite to join and write, "Rooms"), see the
// active links and invites, revoke them. A link's token is shown once, when it is made (the
// server keeps only its hash). The panel talks to the server over a connection of its own, as the same owner,
// so the chat's connection and its frame table stay as they are. Loaded on demand, when the button is first
// pressed (main.js): the first load has a budget.
import { copyText } from '../js/clipboard.js';
import { socketUrl } from '../js/connection.js';
import { accessToken } from '../js/access-token.js';
import { ownerKey } from '../js/owner-key.js';
import { loadItem } from '../js/tab-storage.js';
import { isRoomInvite, rememberRoomInvite, roomForm } from './room-invite.js';

function el(tag, props = {}, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

export class SharePanel {
  constructor({ opener, announce, changed = () => {} }) {
    this.announce = announce;
    this.changed = changed;         // rooms opened or revoked: the sidebar marks rooms
    this.link = el('input', { type: 'text', readOnly: true, spellcheck: false, id: 'share-link' });
    this.list = el('ul', { className: 'share-list' });
    this.status = el('p', { className: 'field-hint', role: 'status' });
    const close = el('button', { type: 'button', className: 'button share-close', textContent: 'Close' });
    const copy = el('button', { type: 'button', className: 'button', textContent: 'Copy link' });
    this.madeNote = el('p', { className: 'field-hint' });
    this.made = el('div', { className: 'share-made', hidden: true }, this.link, copy, this.madeNote);
    this.room = roomForm((minutes, mentioned) => this.openRoom(minutes, mentioned));
    this.dialog = el('dialog', { className: 'panel', id: 'share-dialog' },
      el('h2', { textContent: 'Share this chat' }),
      el('h3', { textContent: 'Read-only links' }),
      el('p', {}, this.button('Snapshot link', 'share-snapshot', false), ' ',
        this.button('Live link', 'share-live', true)),
      el('p', { className: 'field-hint', textContent: 'A snapshot shows the messages as they are now; a live link'
        + ' also shows new messages and replies as they are written.' }),
      this.room, this.made, el('h3', { textContent: 'Active links' }), this.list, this.status, close);
    this.dialog.setAttribute('aria-label', 'Share this chat');
    document.body.append(this.dialog);
    close.addEventListener('click', () => this.dialog.close());
    copy.addEventListener('click', async () => {
      const copied = await copyText(this.link.value);
      this.announce(copied ? 'Link copied.' : 'Could not copy: select the link and copy it.');
    });
    this.dialog.addEventListener('close', () => {
      this.socket?.then((ws) => ws.close(), () => {});
      this.socket = null;
      opener.focus();
    });
    this.waiting = new Map();
    this.next = 0;
  }

  button(text, id, live) {
    const b = el('button', { type: 'button', className: 'button', textContent: text, id });
    b.addEventListener('click', () => this.share(live));
    return b;
  }

  open() {
    this.conversationId = loadItem('lanchat.session')?.sessionId ?? null;
    this.made.hidden = true;
    this.link.value = '';
    this.list.replaceChildren();      // the links of the last time may have changed: wait for the fresh list
    this.dialog.showModal();
    this.refresh();
  }

  async share(live) {
    const answer = await this.ask({ type: 'share', conversationId: this.conversationId, live });
    if (answer.type !== 'shared') return;
    this.showMade(answer.path, 'Shown only now: copy it. Whoever has it can read this chat until you revoke it.');
    this.announce(live ? 'Live link made.' : 'Snapshot link made.');
    this.refresh();
  }

  async openRoom(minutes, mentioned) {
    const request = { type: 'open_room', conversationId: this.conversationId };
    if (minutes) request.expiresInMinutes = minutes;
    if (mentioned) request.answers = 'mentioned';
    const answer = await this.ask(request);
    if (answer.type !== 'room_opened') return;
    rememberRoomInvite(answer.invite.shareId);
    const until = answer.expiresAt ? ` It lets people in until ${new Date(answer.expiresAt).toLocaleString()}.` : '';
    this.showMade(`/r/${answer.token}`, 'Shown only now: copy it. Whoever has it can join this room, read it and'
      + ` write to it, until you revoke it.${until}`);
    this.announce('Room opened: copy the invite.');
    this.refresh();
    this.changed();
  }

  showMade(path, note) {
    this.link.value = `${window.location.origin}${path}`;
    this.madeNote.textContent = note;
    this.made.hidden = false;
  }

  async refresh() {
    const answer = await this.ask({ type: 'list_shares', conversationId: this.conversationId });
    if (answer.type === 'shares') this.show(answer.shares);
  }

  show(shares) {
    this.list.replaceChildren(...shares.map((s) => {
      const kind = isRoomInvite(s) ? 'Room invite' : s.live ? 'Live' : 'Snapshot';
      const until = s.expiresAt ? ` · until ${new Date(s.expiresAt).toLocaleString()}` : '';
      const revoke = el('button', { type: 'button', className: 'link-button', textContent: 'Revoke' });
      const spoken = isRoomInvite(s) ? 'room invite' : `${kind.toLowerCase()} link`;
      revoke.setAttribute('aria-label', `Revoke the ${spoken} made ${s.createdAt}`);
      revoke.addEventListener('click', async () => {
        const answer = await this.ask({ type: 'revoke_share', shareId: s.shareId });
        if (answer.type === 'shares') {
          this.show(answer.shares);
          this.announce(isRoomInvite(s) ? 'Invite revoked: the room’s members were disconnected.'
            : 'Link revoked: its viewers were disconnected.');
          if (isRoomInvite(s)) this.changed();
        }
      });
      return el('li', { className: isRoomInvite(s) ? 'share-item room-item' : 'share-item' },
        `${kind} · ${new Date(s.createdAt).toLocaleString()}${until} `, revoke);
    }));
    this.status.textContent = shares.length ? '' : 'No active links.';
  }

  /** Sends a request on the panel's connection and resolves with its answer (an error shows in the panel). */
  async ask(request) {
    if (!this.conversationId) {
      this.status.textContent = 'Send a message first: there is nothing to share yet.';
      return {};
    }
    const id = `share-${++this.next}`;
    let answer;
    try {
      const socket = await this.connection();
      answer = await new Promise((resolve) => {
        this.waiting.set(id, resolve);
        socket.addEventListener('close', () => resolve({ type: 'error', message: 'The connection closed.' }));
        socket.send(JSON.stringify({ ...request, id }));
      });
    } catch {
      answer = { type: 'error', message: 'Cannot reach the server just now.' };
    }
    this.waiting.delete(id);
    if (answer.type === 'error') this.status.textContent = answer.message;
    return answer;
  }

  connection() {
    if (this.socket) return this.socket;
    const waiting = this.waiting;
    const opened = new Promise((resolve, reject) => {
      const ws = new WebSocket(socketUrl(accessToken(), window.location, ownerKey()));
      ws.addEventListener('message', (event) => {
        const frame = JSON.parse(event.data);
        if (frame.type === 'hello') resolve(ws);
        const waiter = waiting.get(frame.id);
        if (waiter) {
          waiting.delete(frame.id);
          waiter(frame);
        }
      });
      ws.addEventListener('close', () => {
        reject(new Error('closed'));
        if (this.socket === opened) this.socket = null;     // a newer connection may have replaced this one
      });
    });
    this.socket = opened;
    return opened;
  }
}
