// The client side of the conversation requests other than open and create (protocol/README.md,
// "Conversations"): listing and searching, rename, delete with a few seconds to undo it, export and import, and
// their answers, all kept in the store. While a reply streams in a conversation this tab does not show, the list
// is asked for again every few seconds, so its live marker goes away when that reply has ended.
import { download } from './download.js';

const UNDO_MS = 5000;
const WATCH_MS = 2500;
const PAGE_SIZE = 100;
const MAX_PAGE_SIZE = 200;      // the protocol's largest limit

export class ConversationActions {
  /** `send(frame)` returns false when not connected; `report(text)` tells the reader about a failure. */
  constructor({ store, send, nextId, announce, report }) {
    Object.assign(this, { store, send, nextId, announce, report });
    this.listId = null;           // the newest list or search asked for: older answers are stale
    this.moreId = null;           // the older page asked for, until it comes
    this.mine = new Map();        // request id -> what it was, for its error
    this.watchTimer = null;
  }

  /** The list from its newest, as long as it is shown now (up to 200), so older pages opened stay open. */
  refresh() {
    const limit = Math.min(MAX_PAGE_SIZE, Math.max(PAGE_SIZE, this.store.summaries.length));
    const id = this.nextId('l');
    if (this.send(this.listFrame(id, null, limit))) {
      this.listId = id;
      this.moreId = null;
    }
  }

  /** The next, older page, when the server said there is one. */
  more() {
    const cursor = this.store.nextCursor;
    if (!cursor || this.moreId) return;
    const id = this.nextId('l');
    if (this.send(this.listFrame(id, cursor, PAGE_SIZE))) this.moreId = id;
  }

  listFrame(id, cursor, limit) {
    const { query } = this.store;
    const frame = query ? { type: 'search', id, query, limit } : { type: 'conversations', id, limit };
    if (cursor) frame.cursor = cursor;
    return frame;
  }

  search(text) {
    const query = text.trim().replace(/\s+/g, ' ').slice(0, 200);
    if (query === this.store.query) return;
    this.store.query = query;
    this.refresh();
  }

  rename(conversationId, title) {
    this.request({ type: 'rename', conversationId, title }, 'rename');
  }

  /** Hides the conversation at once; the delete goes out only when the undo time has passed. */
  remove(conversationId) {
    const timer = setTimeout(() => this.sendDelete(conversationId), UNDO_MS);
    this.store.deleting.set(conversationId, timer);
    this.store.changed();
  }

  undo(conversationId) {
    clearTimeout(this.store.deleting.get(conversationId));
    this.store.deleting.delete(conversationId);
    this.store.changed();
  }

  /** The page is going away: deletes the reader did not undo happen now. */
  flushDeletes() {
    for (const [conversationId, timer] of this.store.deleting) {
      clearTimeout(timer);
      this.sendDelete(conversationId);
    }
  }

  sendDelete(conversationId) {
    this.store.deleting.delete(conversationId);
    if (this.request({ type: 'delete', conversationId }, 'delete')) {
      this.store.remove(conversationId);
    } else {
      this.store.changed();         // not connected: it comes back, and says so
      this.report('Not connected, so the conversation was not deleted.');
    }
  }

  export(conversationId, format) {
    this.request({ type: 'export', conversationId, format }, 'export');
  }

  import(content) {
    if (!this.request({ type: 'import', content }, 'import')) this.report('Not connected: nothing was imported.');
  }

  request(frame, kind) {
    const id = this.nextId(kind[0]);
    if (!this.send({ ...frame, id })) return false;
    this.mine.set(id, kind);
    return true;
  }

  // ---- answers

  onConversations(frame) {
    if (frame.id === this.moreId) {
      this.moreId = null;
      this.store.appendList(frame.conversations ?? [], frame.nextCursor ?? null);
      this.announce(`${frame.conversations?.length ?? 0} older conversations shown.`);
      return;
    }
    if (frame.id !== this.listId) return;
    this.store.setList(frame.conversations ?? [], frame.query, frame.nextCursor ?? null);
    this.watch();
  }

  onConversation(frame) {
    const kind = this.mine.get(frame.id);
    this.mine.delete(frame.id);
    this.store.upsert(frame.conversation);
    if (frame.conversation.id === this.store.currentId) this.store.setSettings(frame.settings);
    if (kind === 'import') this.announce(`Imported “${frame.conversation.title}”. It is in the list.`);
    if (kind === 'rename') this.announce(`Renamed to “${frame.conversation.title}”.`);
  }

  onDeleted(frame) {
    this.mine.delete(frame.id);
    this.store.remove(frame.conversationId);
    this.announce('Conversation deleted.');
  }

  onExported(frame) {
    this.mine.delete(frame.id);
    const type = frame.format === 'json' ? 'application/json' : 'text/markdown';
    download(frame.filename, frame.content, `${type};charset=utf-8`);
    this.announce(`Saved ${frame.filename}.`);
  }

  /** True when the error answers one of these requests (it is then reported here). */
  claimError(frame) {
    const olderPage = frame.id === this.moreId;
    if (olderPage) this.moreId = null;
    if (frame.id === this.listId || olderPage) {
      this.report(frame.message ?? 'The list could not be loaded.');
      return true;
    }
    const kind = this.mine.get(frame.id);
    if (!kind) return false;
    this.mine.delete(frame.id);
    const what = { rename: 'Not renamed', delete: 'Not deleted', export: 'Not exported', import: 'Not imported' }[kind];
    this.report(`${what}: ${frame.message ?? frame.code}`);
    this.refresh();
    return true;
  }

  /** Asks for the list again soon while a reply streams in a conversation this tab does not show. */
  watch() {
    clearTimeout(this.watchTimer);
    this.watchTimer = this.store.watchingOthers ? setTimeout(() => this.refresh(), WATCH_MS) : null;
  }
}
