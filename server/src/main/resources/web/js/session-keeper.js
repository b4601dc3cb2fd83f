// What this tab needs to resume its conversation after a dropped connection or a reload (protocol/README.md,
// "Resuming after a dropped connection"): the session id and resume secret from the first hello, and the id of
// the request whose reply was streaming. Kept in sessionStorage, so each tab has its own conversation.
import { loadItem, saveItem } from './tab-storage.js';

const SESSION = 'lanchat.session';
const WATCHING = 'lanchat.watching';
const SETTINGS = 'lanchat.settings';

export class SessionKeeper {
  /** True when there is a stored session to resume and the server can resume (its hello has a secret). */
  canResume(hello) {
    return Boolean(hello.resumeSecret) && this.session() !== null;
  }

  /** Stores the hello's session as this tab's conversation (the first one, or after a resume failed). */
  adopt(hello) {
    saveItem(SESSION, hello.resumeSecret ? { sessionId: hello.sessionId, resumeSecret: hello.resumeSecret } : null);
    this.unwatch();
  }

  /** Forgets the conversation: the next connection starts a new one. */
  forget() {
    saveItem(SESSION, null);
    this.unwatch();
  }

  session() {
    const stored = loadItem(SESSION);
    return stored && typeof stored.sessionId === 'string' && typeof stored.resumeSecret === 'string' ? stored : null;
  }

  /** The settings of the conversation this tab shows: `resumed` does not repeat them after a reload. */
  keepSettings(conversationId, settings) {
    saveItem(SETTINGS, conversationId ? { conversationId, settings } : null);
  }

  settingsOf(conversationId) {
    const kept = loadItem(SETTINGS);
    return kept?.conversationId === conversationId ? kept.settings ?? {} : {};
  }

  /** A chat or retry was sent: its reply streams to this tab until done, cancelled or error. */
  watch(requestId) {
    saveItem(WATCHING, { replyId: requestId ?? null });
  }

  unwatch() {
    saveItem(WATCHING, null);
  }

  /**
   * The resume frame. `current` is the request in flight on this page, with `lastSeq`, the seq of the last token
   * the page has (-1 for none). After a reload the page has none of the reply's text, so it asks for all of it.
   */
  resumeFrame(id, current) {
    const { sessionId, resumeSecret } = this.session();
    const frame = { type: 'resume', id, sessionId, secret: resumeSecret };
    const watched = current ? { replyId: current.id, lastSeq: current.lastSeq } : loadItem(WATCHING);
    if (watched) {
      if (watched.replyId) frame.replyId = watched.replyId;
      frame.lastSeq = Number.isInteger(watched.lastSeq) ? watched.lastSeq : -1;
    }
    return frame;
  }
}
