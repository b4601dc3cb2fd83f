// Getting this tab's conversation back on every new connection, also after a reload (protocol/README.md,
// "Resuming after a dropped connection"): resume with the stored session, then show what the server has —
// only the part of the history not on screen yet — and go on with a reply that is still streaming, from the
// first token the page lacks. When the session is gone, the transcript stays as read-only text and a new
// conversation starts. Installed on ChatController.prototype; `this` is the controller.
import { keepOwnerKey } from './owner-key.js';

/** Whether `history` ends with the user's `text` and a reply to it. */
function endsWithAnswerTo(history, text) {
  if (history.length < 2) return false;
  const [user, assistant] = history.slice(-2);
  return user.role === 'user' && user.content === text && assistant.role === 'assistant';
}

export const resuming = {
  on_hello(hello) {
    this.hellos += 1;
    this.link.connected();
    if (hello.protocolVersion !== this.protocolVersion) {
      this.view.addNotice(`This server speaks protocol version ${hello.protocolVersion}; this page knows `
        + `version ${this.protocolVersion}. Reload the page.`);
    }
    if (hello.ownerKey) keepOwnerKey(hello.ownerKey);
    this.maxChars = hello.maxMessageChars ?? Infinity;
    this.composer.setLimit(this.maxChars);
    this.status.ollama(hello.ollama);
    this.picker.setModels(hello.models ?? [], hello.defaultModel);
    if (this.keeper.canResume(hello)) {
      this.resuming = { id: this.nextId('s'), hello };
      this.connection.send(this.keeper.resumeFrame(this.resuming.id, this.current));
      return;                         // nothing else goes out until the answer
    }
    this.keeper.adopt(hello);
    if (this.hellos > 1) {
      this.startedOver();             // a server that cannot resume: the conversation on screen is gone
      this.becomeReady('Reconnected to the server. A new conversation has started.');
    } else {
      this.becomeReady(null);
    }
  },

  isAnswerToResume(frame) {
    return this.resuming !== null && frame.id === this.resuming.id;
  },

  /** error resume_failed (or any error answering the resume): that conversation is gone; this hello's is ours. */
  resumeFailed() {
    const { hello, opening } = this.resuming;
    const earlier = this.keeper.session();
    if (!opening && earlier && hello.store && hello.store !== 'none') {
      // The server restarted (or forgot the session) but keeps conversations: open the saved one instead.
      const resume = this.keeper.resumeFrame(this.nextId('s'), this.current);
      this.resuming = { id: resume.id, hello, opening: true };
      const frame = { type: 'open', id: resume.id, conversationId: earlier.sessionId };
      if (resume.replyId) frame.replyId = resume.replyId;
      if (resume.lastSeq !== undefined) frame.lastSeq = resume.lastSeq;
      this.connection.send(frame);
      return;
    }
    this.resuming = null;
    this.keeper.adopt(hello);
    if (this.view.hasMessages) {
      this.startedOver();
    } else {                          // after a reload: nothing on screen to keep
      this.dropCurrent();
      this.pending = null;
      this.view.addNotice('Your earlier conversation could not be restored (it expired, or the server '
        + 'restarted). This is a new one.', 'info');
    }
    this.becomeReady('A new conversation has started.');
  },

  /** Answers the open sent after a failed resume: the saved conversation, now this connection's. */
  on_opened(frame) {
    if (!this.isAnswerToResume(frame)) return;
    this.keeper.adopt({ sessionId: frame.conversation.id, resumeSecret: frame.resumeSecret });
    this.on_resumed(frame);
  },

  on_resumed(frame) {
    if (!this.isAnswerToResume(frame)) return;
    this.resuming = null;
    const history = frame.history ?? [];
    let unseen = this.view.unseen(history);
    if (unseen === null) {            // the screen shows something else: draw the conversation afresh
      this.view.clear();
      this.retryBox = null;
      unseen = history;
    } else if (unseen.length > 0 && this.current) {
      this.pending?.node.remove();    // the request in flight goes below what is new
      this.current.reply.node.remove();
    }
    if (!frame.reply && this.current && this.pending && endsWithAnswerTo(unseen, this.pending.text)) {
      this.view.addHistory(unseen.slice(0, -2));
      this.settleCurrent(unseen[unseen.length - 1]);    // it ended while the page was away
    } else {
      this.view.addHistory(unseen);
    }
    if (frame.reply) {
      this.follow(frame.reply, frame.pending);
    } else {
      const unsent = this.current?.kind === 'chat' ? this.pending : null;
      this.dropCurrent('failed');
      if (frame.pending) {
        this.offerRetry(frame.pending);
      } else {
        this.retireRetry();
        this.pending = null;
        if (unsent) {
          this.handBack(unsent.text, 'Your last message did not reach the server. It is back in the message box.');
        }
      }
    }
    this.becomeReady(this.hellos > 1 ? 'Reconnected. The conversation continues.' : 'Your conversation is back.');
  },

  /** The reply watched ended while the page was away; the restored history has its final text. */
  settleCurrent(answer) {
    const { reply } = this.current;
    this.place(this.pending.node);
    this.place(reply.node);
    reply.settle(answer.content, answer.cancelled);
    this.view.recordExchange(this.pending.text, answer.content, Boolean(answer.cancelled));
    this.pending = null;
    this.finish();
  },

  /** A reply still streams: go on with it from `nextSeq`, in the bubble that has its beginning if there is one. */
  follow(reply, pendingText) {
    this.retireRetry();
    if (pendingText) this.showPending(pendingText);
    let current = this.current;
    if (current && (current.id ?? null) === (reply.id ?? null)) {
      this.place(current.reply.node);
    } else {
      current?.reply.remove();
      current = { id: reply.id, kind: 'chat', reply: this.view.startReply(), lastSeq: -1 };
      this.current = current;
      this.keeper.watch(reply.id);
    }
    if (reply.nextSeq === 0) {
      current.reply.restart();        // the server sends it all again
      current.lastSeq = -1;
    }
    current.reply.setModel(reply.model);
  },

  /** The server keeps a message for retry: show it, with a Retry button. */
  offerRetry(text) {
    this.showPending(text);
    if (this.retryBox?.isConnected) return;
    this.retireRetry();
    this.retryBox = this.view.addError(
      'This message has no reply yet: its reply failed or was refused. Retry sends it again.',
      (box) => this.retry(box));
  },

  showPending(text) {
    if (this.pending?.text === text) {
      this.place(this.pending.node);
      return;
    }
    this.retireRetry();
    this.pending = { text, node: this.view.addUser(text) };
  },

  place(node) {
    if (!node.isConnected) this.view.add(node);
  },

  /** The conversation on screen is gone from the server: keep it as read-only text and start anew. */
  startedOver() {
    const unsent = this.pending;
    this.dropCurrent();
    this.pending = null;
    this.retryBox = null;
    if (this.view.hasMessages) {
      this.view.markStale();
      this.view.addNotice('A new conversation has started: the server no longer has the one above (it expired, '
        + 'or the server restarted), so the model does not see it.');
    }
    if (unsent) this.handBack(unsent.text, 'Your unanswered message is back in the message box.');
  },

  handBack(text, notice) {
    if (this.composer.text !== '') return;
    this.composer.text = text;
    this.view.addNotice(notice, 'info');
  },
};
