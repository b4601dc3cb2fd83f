// Regenerate, edit and switch_version (protocol/README.md, "Versions of messages"), and the message toolbars
// that offer them. While the new version streams, the messages it replaces are hidden and it is written at the
// end, where they were; `branch` then redraws the transcript from the server's history. A failure shows the old
// messages again: nothing changed. Loaded with the first message (controller.js), outside the first load.
import { copyText } from '../js/clipboard.js';
import { openEditor } from './edit-box.js';
import { addTools, setBusy } from './message-tools.js';

// The toolbars' styles come with them; waited for, so that no toolbar shows unstyled.
const style = document.createElement('link');
style.rel = 'stylesheet';
style.href = new URL('versions.css', import.meta.url).href;
await new Promise((loaded) => {
  style.onload = style.onerror = loaded;
  document.head.append(style);
});

export class Versions {
  constructor(chat) {
    this.chat = chat;
    this.replaced = null;     // { nodes, added } while a regenerate or edit streams
    this.refocus = null;      // { seq, which } of the version arrow to focus after the redraw
  }

  /** Gives a message on screen its toolbar: `message` is { role, text, seq, versions }. */
  addTools(node, message) {
    const { view } = this.chat;
    if (!node.isConnected) return;            // redrawn meanwhile
    addTools(node, message, this.actions, this.chat.current !== null);
    view.changed();
  }

  /** While a reply streams (the controller has one `current`), the toolbars wait. */
  setBusy() {
    setBusy(this.chat.view.transcript, this.chat.current !== null);
  }

  /** What the toolbars' buttons do. */
  get actions() {
    return {
      copy: (text, button) => this.copy(text, button),
      edit: (node, seq, text) => openEditor(node, text, (changed) => this.edit(node, seq, changed)),
      regenerate: () => this.regenerate(),
      switchTo: (seq, version) => this.switchTo(seq, version),
    };
  }

  canAct() {
    return this.chat.ready && !this.chat.current;
  }

  regenerate() {
    const c = this.chat;
    const last = [...c.view.transcript.querySelectorAll('.msg')].pop();
    if (!this.canAct() || !last?.classList.contains('assistant')) return;
    this.start('regenerate', 'g', {}, [last], null);
  }

  edit(node, seq, text) {
    const c = this.chat;
    if (!this.canAct()) return false;
    if (text.length > c.maxChars) {
      c.announce(`Your message has ${text.length} characters; the limit is ${c.maxChars}.`);
      return false;
    }
    const nodes = [];
    for (let n = node; n; n = n.nextElementSibling) if (n !== c.view.emptyState) nodes.push(n);
    return this.start('edit', 'e', { seq, text }, nodes, text);
  }

  start(type, prefix, fields, nodes, userText) {
    const c = this.chat;
    const id = c.nextId(prefix);
    const frame = { type, id, conversationId: c.store.currentId, ...fields, model: c.picker.selected };
    if (!c.connection.send(frame)) return false;
    for (const n of nodes) n.hidden = true;
    this.replaced = { nodes, added: userText === null ? null : c.view.addUser(userText) };
    c.begin(id, type);
    return true;
  }

  switchTo(seq, version) {
    const c = this.chat;
    if (!this.canAct()) return;
    const which = document.activeElement?.classList.contains('ver-prev') ? 'ver-prev' : 'ver-next';
    const frame = { type: 'switch_version', id: c.nextId('v'), conversationId: c.store.currentId, seq, version };
    if (c.connection.send(frame)) this.refocus = { seq, which };
  }

  async copy(text, button) {
    const copied = await copyText(text);
    button.textContent = copied ? 'Copied' : 'Copy failed';
    this.chat.announce(copied ? 'Message copied as Markdown.' : 'Could not copy; select the text by hand.');
    setTimeout(() => { button.textContent = 'Copy'; }, 1500);
  }

  /** The branch shown changed: draw it afresh. */
  on_branch(frame) {
    const c = this.chat;
    if (frame.conversationId !== c.store.currentId) return;
    this.replaced = null;
    c.view.clear();
    c.view.addHistory(frame.history ?? []);
    c.retryBox = null;
    c.pending = null;
    if (frame.pending) c.resumer.offerRetry(frame.pending);
    setTimeout(() => this.focusArrow());      // after the toolbars, drawn a moment later
    c.announce('The conversation shows the version chosen.');
    c.refreshList();
  }

  focusArrow() {
    if (!this.refocus) return;
    const { seq, which } = this.refocus;
    this.refocus = null;
    const tools = this.chat.view.transcript.querySelector(`.msg[data-seq="${seq}"] .versions`);
    if (!tools) return;
    [tools.querySelector(`.${which}`), ...tools.querySelectorAll('.tool')].find((b) => !b.disabled)?.focus();
  }

  /** An error answered the regenerate or edit in flight: it changed nothing, so show what it replaced. */
  claimError(frame) {
    const c = this.chat;
    const request = c.isCurrent(frame) ? c.current : null;
    if (!request || (request.kind !== 'regenerate' && request.kind !== 'edit')) return false;
    request.reply.remove();
    c.finish();
    if (this.replaced) {
      this.replaced.added?.remove();
      for (const n of this.replaced.nodes) n.hidden = false;
      this.replaced = null;
    }
    const message = frame.message ?? 'Something went wrong.';
    c.view.addError(message, null);
    c.announce(message);
    return true;
  }
}
