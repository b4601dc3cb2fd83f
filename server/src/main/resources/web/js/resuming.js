// Getting this tab's conversation back on every new connection, also after a reload (protocol/README.md,
// "Resuming after a dropped connection"): resume with the stored session, then show what the server has —
// only the part of the history not on screen yet — and go on with a reply that is still streaming, from the
// first token the page lacks. When the session is gone, the transcript stays as read-only text and a new
// conversation starts. The controller owns the state it works on (`chat`).
import { keepOwnerKey } from './owner-key.js';

/** Whether `history` ends with the user's `text` and a reply to it. */
function endsWithAnswerTo(history, text) {
  if (history.length < 2) return false;
  const [user, assistant] = history.slice(-2);
  return user.role === 'user' && user.content === text && assistant.role === 'assistant';
}

export class Resumer {
  constructor(chat) {
    this.chat = chat;
  }

  on_hello(hello) {
    const c = this.chat;
    c.hellos += 1;
    c.link.connected();
    if (hello.protocolVersion !== c.protocolVersion) {
      c.view.addNotice(`This server speaks protocol version ${hello.protocolVersion}; this page knows `
        + `version ${c.protocolVersion}. Reload the page.`);
    }
    if (hello.ownerKey) keepOwnerKey(hello.ownerKey);
    c.maxChars = hello.maxMessageChars ?? Infinity;
    c.composer.setLimit(c.maxChars);
    c.status.ollama(hello.ollama);
    c.picker.setModels(hello.models ?? [], hello.defaultModel);
    c.store.models = hello.models ?? [];
    c.store.limits = {
      store: hello.store ?? null, defaultModel: hello.defaultModel, optionRanges: hello.optionRanges ?? null,
    };
    if (c.keeper.canResume(hello)) {
      c.resuming = { id: c.nextId('s'), hello };
      c.connection.send(c.keeper.resumeFrame(c.resuming.id, c.current));
      return;                         // nothing else goes out until the answer
    }
    c.keeper.adopt(hello);
    c.store.setCurrent(hello.sessionId);
    if (c.hellos > 1) {
      this.startedOver();             // a server that cannot resume: the conversation on screen is gone
      c.becomeReady('Reconnected to the server. A new conversation has started.');
    } else {
      c.becomeReady(null);
    }
  }

  isAnswerToResume(frame) {
    const c = this.chat;
    return c.resuming !== null && frame.id === c.resuming.id;
  }

  /** error resume_failed (or any error answering the resume): that conversation is gone; this hello's is ours. */
  resumeFailed() {
    const c = this.chat;
    const { hello, opening } = c.resuming;
    const earlier = c.keeper.session();
    if (!opening && earlier && hello.store && hello.store !== 'none') {
      // The server restarted (or forgot the session) but keeps conversations: open the saved one instead.
      const resume = c.keeper.resumeFrame(c.nextId('s'), c.current);
      c.resuming = { id: resume.id, hello, opening: true };
      const frame = { type: 'open', id: resume.id, conversationId: earlier.sessionId };
      if (resume.replyId) frame.replyId = resume.replyId;
      if (resume.lastSeq !== undefined) frame.lastSeq = resume.lastSeq;
      c.connection.send(frame);
      return;
    }
    c.resuming = null;
    c.keeper.adopt(hello);
    c.store.setCurrent(hello.sessionId);
    if (c.view.hasMessages) {
      this.startedOver();
    } else {                          // after a reload: nothing on screen to keep
      c.dropCurrent();
      c.pending = null;
      c.view.addNotice('Your earlier conversation could not be restored (it expired, or the server '
        + 'restarted). This is a new one.', 'info');
    }
    c.becomeReady('A new conversation has started.');
  }

  /**
   * Answers an open or create: the one sent after a failed resume, or the reader's choice of a conversation
   * (then the screen was cleared when it was sent). The conversation is now this connection's.
   */
  on_opened(frame) {
    const c = this.chat;
    if (!this.isAnswerToResume(frame)) return;
    c.keeper.adopt({ sessionId: frame.conversation.id, resumeSecret: frame.resumeSecret });
    c.store.setCurrent(frame.conversation.id, frame.conversation, frame.settings);
    c.composer.restoreDraft();          // each conversation keeps its own unsent draft
    this.on_resumed(frame);
  }

  on_resumed(frame) {
    const c = this.chat;
    if (!this.isAnswerToResume(frame)) return;
    const { announcement } = c.resuming;
    c.resuming = null;
    if (frame.type === 'resumed') c.store.setCurrent(frame.sessionId, null, c.keeper.settingsOf(frame.sessionId));
    const history = frame.history ?? [];
    let unseen = c.view.unseen(history);
    if (unseen === null) {            // the screen shows something else: draw the conversation afresh
      c.view.clear();
      c.retryBox = null;
      unseen = history;
    } else if (unseen.length > 0 && c.current) {
      c.pending?.node.remove();    // the request in flight goes below what is new
      c.current.reply.node.remove();
    }
    if (!frame.reply && c.current && c.pending && endsWithAnswerTo(unseen, c.pending.text)) {
      c.view.addHistory(unseen.slice(0, -2));
      this.settleCurrent(unseen[unseen.length - 1]);    // it ended while the page was away
    } else {
      c.view.addHistory(unseen);
    }
    if (frame.reply) {
      this.follow(frame.reply, frame.pending);
    } else {
      const unsent = c.current?.kind === 'chat' ? c.pending : null;
      c.dropCurrent('failed');
      if (frame.pending) {
        this.offerRetry(frame.pending);
      } else {
        c.retireRetry();
        c.pending = null;
        if (unsent) {
          this.handBack(unsent.text, 'Your last message did not reach the server. It is back in the message box.');
        }
      }
    }
    c.becomeReady(announcement
      ?? (c.hellos > 1 ? 'Reconnected. The conversation continues.' : 'Your conversation is back.'));
  }

  /** The reply watched ended while the page was away; the restored history has its final text. */
  settleCurrent(answer) {
    const c = this.chat;
    const { reply } = c.current;
    this.place(c.pending.node);
    this.place(reply.node);
    reply.settle(answer.content, answer.cancelled);
    c.view.recordExchange(c.pending.text, answer.content, Boolean(answer.cancelled), [c.pending.node, reply.node]);
    c.pending = null;
    c.finish();
  }

  /** A reply still streams: go on with it from `nextSeq`, in the bubble that has its beginning if there is one. */
  follow(reply, pendingText) {
    const c = this.chat;
    c.retireRetry();
    if (pendingText) this.showPending(pendingText);
    let current = c.current;
    if (current && (current.id ?? null) === (reply.id ?? null)) {
      this.place(current.reply.node);
    } else {
      current?.reply.remove();
      current = { id: reply.id, kind: 'chat', reply: c.view.startReply(), lastSeq: -1 };
      c.current = current;
      c.keeper.watch(reply.id);
      c.versions?.setBusy();
    }
    if (reply.nextSeq === 0) {
      current.reply.restart();        // the server sends it all again
      current.lastSeq = -1;
    }
    current.reply.setModel(reply.model);
  }

  /** The server keeps a message for retry: show it, with a Retry button. */
  offerRetry(text) {
    const c = this.chat;
    this.showPending(text);
    if (c.retryBox?.isConnected) return;
    c.retireRetry();
    c.retryBox = c.view.addError(
      'This message has no reply yet: its reply failed or was refused. Retry sends it again.',
      (box) => c.retry(box));
  }

  showPending(text) {
    const c = this.chat;
    if (c.pending?.text === text) {
      this.place(c.pending.node);
      return;
    }
    c.retireRetry();
    c.pending = { text, node: c.view.addUser(text) };
  }

  place(node) {
    const c = this.chat;
    if (!node.isConnected) c.view.add(node);
  }

  /** The conversation on screen is gone from the server: keep it as read-only text and start anew. */
  startedOver() {
    const c = this.chat;
    const unsent = c.pending;
    c.dropCurrent();
    c.pending = null;
    c.retryBox = null;
    if (c.view.hasMessages) {
      c.view.markStale();
      c.view.addNotice('A new conversation has started: the server no longer has the one above (it expired, '
        + 'or the server restarted), so the model does not see it.');
    }
    if (unsent) this.handBack(unsent.text, 'Your unanswered message is back in the message box.');
  }

  handBack(text, notice) {
    const c = this.chat;
    if (c.composer.text !== '') return;
    c.composer.text = text;
    c.view.addNotice(notice, 'info');
  }
}
