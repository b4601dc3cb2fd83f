// The transcript: user messages (plain text), replies, notices and errors; it follows the newest text unless
// the reader has scrolled up, and then offers a "Jump to latest" button instead. It also knows which messages
// on screen are the server's conversation history, so that after a resume only what is new gets drawn.
import { ReplyView } from './reply-view.js';
import { el } from './dom.js';
import { withInlineCode } from './markdown.js';
import { recallStats } from './local-notes.js';
import { OllamaWaits } from './ollama-waits.js';

const NEAR_BOTTOM_PX = 48;

export class ChatView {
  constructor({ transcript, scroller, jumpButton, emptyState }) {
    this.transcript = transcript;
    this.scroller = scroller;
    this.jumpButton = jumpButton;
    this.emptyState = emptyState;
    this.following = true;
    this.turns = [];         // { role, content, cancelled } of the server's history, in order, as shown
    this.ollamaWaits = new OllamaWaits();
    this.actions = null;     // () => a promise of the toolbars' maker (on-demand/versions.js)
    this.nextSeq = 0;        // the next message's seq
    scroller.addEventListener('scroll', () => {
      this.following = this.isNearBottom();
      if (this.following) this.jumpButton.hidden = true;
    }, { passive: true });
    jumpButton.addEventListener('click', () => {
      this.following = true;
      this.scrollToEnd();
    });
  }

  /** A user message: the reader's own, or with `author` a room member's (its name in its colour). */
  addUser(text, files = [], author = null) {
    const node = el('article', 'msg user');
    const who = author ? el('div', 'who', author) : el('div', 'who visually-hidden', 'You');
    if (author) import('../on-demand/authors.js').then((a) => a.colour(who, author));
    node.append(who, el('div', 'body', text));
    if (files?.length) import('../on-demand/attachments.js').then((a) => a.showAttachments(node, files));
    this.add(node);
    this.following = true;       // sending a message means the reader wants to see the answer
    this.scrollToEnd();
    return node;
  }

  startReply() {
    const reply = new ReplyView(() => this.changed());
    this.add(reply.node);
    return reply;
  }

  /** An exchange ended with done or cancelled: the server now has both messages (`nodes`) in its history. */
  recordExchange(userText, replyText, cancelled, nodes = []) {
    this.turns.push({ role: 'user', content: userText, cancelled: false },
      { role: 'assistant', content: replyText, cancelled });
    const [user, reply] = nodes;
    if (user) this.tools(user, { role: 'user', text: userText, seq: this.nextSeq });
    if (reply) this.tools(reply, { role: 'assistant', text: replyText, seq: this.nextSeq + 1 });
    this.nextSeq += 2;
  }

  tools(node, message) {
    this.actions?.().then((v) => v.addTools(node, message));
  }

  /**
   * Draws messages of a restored history: user messages as typed, replies as Markdown with their model, stopped
   * ones marked, and the timing line when this browser saw the reply finish.
   */
  addHistory(messages) {
    for (const { role, content, cancelled, model, thinking, thinkingMs, seq, versions, attachments, author }
      of messages) {
      const tools = { role, text: content, seq, versions };
      if (Number.isInteger(seq)) this.nextSeq = seq + 1;
      if (role === 'user') {
        this.tools(this.addUser(content, attachments, author), tools);
      } else {
        const reply = ReplyView.fromHistory(content, cancelled, () => this.changed(), thinking,
          thinkingMs);
        reply.setModel(model);
        const stats = cancelled ? null : recallStats(content);
        if (stats) reply.showStats(stats);
        this.tools(reply.node, tools);
        this.add(reply.node);
      }
      this.turns.push({ role, content, cancelled: Boolean(cancelled) });
    }
  }

  /**
   * The part of the server's `history` that is not on screen yet, or null when the screen shows something else
   * (then it must be redrawn). The screen may still show older messages the server has let go of (it keeps
   * at most --max-stored-messages).
   */
  unseen(history) {
    const same = (a, b) => a.role === b.role && a.content === b.content && a.cancelled === Boolean(b.cancelled);
    if (this.turns.length === 0) return history;
    for (let skip = 0; skip < this.turns.length; skip += 1) {
      const shown = this.turns.length - skip;
      if (shown <= history.length && this.turns.slice(skip).every((turn, i) => same(turn, history[i]))) {
        return history.slice(shown);
      }
    }
    return null;
  }

  addNotice(text, kind = '') {
    const node = el('p', `notice ${kind}`.trim(), text);
    this.add(node);
    return node;
  }

  /**
   * An error frame's message (its `inline code` as code); with a Retry button when `onRetry` is given. A message
   * kept because Ollama is unavailable (`code` ollama_unavailable) is offered again when Ollama is back.
   */
  addError(message, onRetry, code = null) {
    const box = el('div', 'error-box');
    box.setAttribute('role', 'alert');
    const text = el('p', 'error-text');
    text.append(el('strong', '', onRetry ? 'Couldn’t get a reply.' : 'Not sent.'), withInlineCode(message));
    box.append(text);
    if (onRetry) {
      const retry = el('button', 'button primary retry', 'Retry');
      retry.type = 'button';
      retry.setAttribute('aria-label', 'Retry: send the message again');
      retry.addEventListener('click', () => onRetry(box));
      box.append(retry);
      if (code === 'ollama_unavailable') this.ollamaWaits.offer(box, retry);
    }
    this.add(box);
    return box;
  }

  /** After a reconnect: what is on screen belongs to a conversation the server no longer has. */
  markStale() {
    this.turns = [];
    for (const node of this.transcript.children) {
      if (node !== this.emptyState) node.classList.add('stale');
    }
    for (const tools of this.transcript.querySelectorAll('.msg-tools')) tools.remove();   // they would act on the new one
    this.retireRetries();
  }

  /** Retry resends the server's one pending message; once that is replaced or gone, older buttons would lie. */
  retireRetries() {
    for (const button of this.transcript.querySelectorAll('.retry')) button.remove();
  }

  get hasMessages() {
    return this.transcript.querySelector('.msg') !== null;
  }

  clear() {
    this.turns = [];
    this.nextSeq = 0;
    this.transcript.replaceChildren(this.emptyState);
    this.emptyState.hidden = false;
    this.jumpButton.hidden = true;
    this.following = true;
  }

  add(node) {
    this.emptyState.hidden = true;
    this.transcript.append(node);
    this.changed();
  }

  changed() {
    if (this.following) {
      this.scrollToEnd();
    } else {
      this.jumpButton.hidden = false;
    }
  }

  scrollToEnd() {
    this.jumpButton.hidden = true;      // first: it takes room at the end, so hiding it later would move the end
    this.scroller.scrollTop = this.scroller.scrollHeight;
  }

  isNearBottom() {
    const s = this.scroller;
    return s.scrollHeight - s.scrollTop - s.clientHeight < NEAR_BOTTOM_PX;
  }
}
