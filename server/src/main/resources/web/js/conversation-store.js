// The page's conversation state, in one place: the list of the owner's conversations (as the server last
// listed them), which one this tab shows, its settings, the search, and the deletes still waiting out their
// undo time. Modules change it through its methods and redraw from it when told; nothing else keeps a copy.

export class ConversationStore {
  constructor() {
    this.summaries = [];        // Conversation summaries, newest first, as the last listing or search gave them
    this.query = '';            // the search the list shows ('' for the plain list)
    this.nextCursor = null;     // where the next, older page of that list starts; null when none
    this.currentId = null;      // the conversation this tab carries (the connection's sessionId)
    this.title = null;          // its title, once it has one
    this.settings = {};         // its settings, as the server stored them
    this.models = [];           // the server's models, for the settings panel
    this.limits = {};           // what hello said: store, defaultModel, optionRanges
    this.leftStreaming = new Set();   // conversations left while their reply streamed (until a list says done)
    this.deleting = new Map();  // id -> timer of a delete waiting for its undo time to pass
    this.listeners = new Set();
  }

  /** `listener()` runs after every change. */
  subscribe(listener) {
    this.listeners.add(listener);
  }

  changed() {
    for (const listener of this.listeners) listener();
  }

  /** The conversations to show: the listing without those being deleted. */
  get visible() {
    return this.summaries.filter((c) => !this.deleting.has(c.id));
  }

  isStreaming(summary) {
    return Boolean(summary.streaming) || this.leftStreaming.has(summary.id);
  }

  /** True while the list should be asked for again soon: a reply streams somewhere this tab cannot see. */
  get watchingOthers() {
    return this.summaries.some((c) => c.id !== this.currentId && this.isStreaming(c))
      || [...this.leftStreaming].some((id) => id !== this.currentId);
  }

  /** The first page of a listing or search; `nextCursor` asks for the page after the last one shown. */
  setList(summaries, query, nextCursor = null) {
    this.summaries = summaries;
    this.query = query ?? '';
    this.nextCursor = nextCursor;
    for (const id of this.leftStreaming) {
      const summary = summaries.find((c) => c.id === id);
      if (summary && !summary.streaming) this.leftStreaming.delete(id);
    }
    const current = summaries.find((c) => c.id === this.currentId);
    if (current) this.title = current.title;
    this.changed();
  }

  /** The next, older page of the same listing or search, below the ones shown. */
  appendList(summaries, nextCursor) {
    const shown = new Set(this.summaries.map((c) => c.id));
    this.summaries.push(...summaries.filter((c) => !shown.has(c.id)));
    this.nextCursor = nextCursor;
    this.changed();
  }

  /** A conversation as now stored (after rename, settings, import, open). */
  upsert(summary) {
    const at = this.summaries.findIndex((c) => c.id === summary.id);
    if (at >= 0) this.summaries[at] = summary; else this.summaries.unshift(summary);
    // a rename or new settings make it the newest, as the server's next listing will say
    this.summaries.sort((x, y) => Date.parse(y.updatedAt) - Date.parse(x.updatedAt));
    if (summary.id === this.currentId) this.title = summary.title;
    this.changed();
  }

  remove(id) {
    this.summaries = this.summaries.filter((c) => c.id !== id);
    this.leftStreaming.delete(id);
    this.changed();
  }

  /** This tab now carries `id`; `summary` and `settings` when the server sent them (opened), else a new chat. */
  setCurrent(id, summary = null, settings = {}) {
    this.currentId = id;
    this.title = summary?.title ?? null;
    this.settings = settings ?? {};
    if (summary) {
      this.leftStreaming.delete(id);
      const at = this.summaries.findIndex((c) => c.id === id);
      if (at >= 0) this.summaries[at] = summary;
    }
    this.changed();
  }

  setSettings(settings) {
    this.settings = settings ?? {};
    this.changed();
  }

  /** The reply in `id` goes on while this tab shows another conversation. */
  leftWhileStreaming(id) {
    if (id) this.leftStreaming.add(id);
  }
}
