// Switching this tab to another conversation: one from the list (`open`), or a new one (`create`, also with
// settings chosen before the first message). A reply streaming in the conversation left behind goes on and is
// saved there (protocol/README.md, "Conversations"); the list marks it live until it has ended. The answer,
// `opened`, is drawn like a resumed conversation (resuming.js).

export class Switcher {
  constructor(chat) {
    this.chat = chat;
  }

  open(conversationId) {
    const c = this.chat;
    if (conversationId === c.store.currentId && !c.resuming) return;
    this.send({ type: 'open', conversationId }, null);
  }

  /** A new, empty conversation; with `settings`, stored at once. Returns the request id, null if not sent. */
  create(settings = null) {
    const frame = { type: 'create' };
    if (settings) frame.settings = settings;
    return this.send(frame, 'New conversation started.');
  }

  send(frame, announcement) {
    const c = this.chat;
    if (!c.ready) return null;
    const id = c.nextId('o');
    if (!c.connection.send({ ...frame, id })) return null;
    this.leave();
    c.ready = false;                  // nothing else goes out until the answer
    c.resuming = { id, hello: null, switching: true, announcement };
    return id;
  }

  /** Takes the conversation shown off the screen; a reply still streaming in it goes on at the server. */
  leave() {
    const c = this.chat;
    if (c.current) {
      c.store.leftWhileStreaming(c.store.currentId);
      c.finish();
    }
    c.pending = null;
    c.retryBox = null;
    c.view.clear();
  }

  on_opened(frame) {
    const c = this.chat;
    if (c.resuming?.switching && frame.id === c.resuming.id && !c.resuming.announcement) {
      c.resuming.announcement = `Opened “${frame.conversation.title}”.`;
    }
    c.resumer.on_opened(frame);
    c.settingsPanel?.saved(frame.id ?? null);
    this.applyModel();
  }

  /** Answers rename, settings and import. */
  on_conversation(frame) {
    const c = this.chat;
    c.conversations.onConversation(frame);
    if (c.settingsPanel?.saved(frame.id ?? null)) this.applyModel();
  }

  /** The settings panel saves: `settings` for a stored conversation, else a new one created with them. */
  saveSettings(settings) {
    const c = this.chat;
    const stored = c.store.title !== null || c.view.hasMessages;
    if (!stored) return this.create(settings);
    const id = c.nextId('t');
    return c.connection.send({ type: 'settings', id, conversationId: c.store.currentId, settings }) ? id : null;
  }

  /** The open failed (deleted meanwhile, most likely): say so and go on in a new conversation. */
  failed(frame) {
    const c = this.chat;
    const retried = c.resuming.retried;
    c.resuming = null;
    const notice = `That conversation could not be opened: ${frame.message ?? frame.code}`;
    if (retried) {
      c.view.addNotice(notice, 'info');
      c.becomeReady(null);
      return;
    }
    c.ready = true;
    this.create();                    // clears the screen: the notice goes after
    if (c.resuming) c.resuming.retried = true;
    c.view.addNotice(notice, 'info');
  }

  /** The header's model picker shows the conversation's own model, when it has one installed. */
  applyModel() {
    const { model } = this.chat.store.settings;
    const select = this.chat.picker.select;
    if (model && [...select.options].some((option) => option.value === model)) select.value = model;
  }
}
