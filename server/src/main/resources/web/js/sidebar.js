// The list of conversations beside the chat: grouped by day, newest first, with search, and per conversation
// a disclosure of actions (rename inline, export, delete). It is redrawn from the store on every change; what
// the reader is doing (focus, a title being edited, an open action row) is carried over the redraw.
import { el } from './dom.js';
import { groupByDay } from './day-groups.js';

export class Sidebar {
  constructor({ list, status, search, moreButton, store, actions, onOpen }) {
    Object.assign(this, { list, status, moreButton, store, actions, onOpen });
    moreButton.addEventListener('click', () => actions.more());
    this.expanded = null;     // the conversation whose actions are shown
    this.renaming = null;     // { id, value } while a title is edited
    this.items = new Map();   // conversation id -> its list item's nodes
    this.groups = new Map();  // day group name -> its section
    store.subscribe(() => this.render());
    search.addEventListener('input', () => {
      clearTimeout(this.searchTimer);
      this.searchTimer = setTimeout(() => actions.search(search.value), 200);
    });
    list.addEventListener('click', (event) => this.clicked(event));
    list.addEventListener('keydown', (event) => this.key(event));
    this.clickHandlers = {
      open: (id) => this.onOpen(id),
      more: (id) => { this.expanded = this.expanded === id ? null : id; this.render(); },
      rename: (id) => this.startRename(id),
      markdown: (id) => this.actions.export(id, 'markdown'),
      json: (id) => this.actions.export(id, 'json'),
      delete: (id) => { this.expanded = null; this.onDelete(id); },
    };
    this.onDelete = (id) => actions.remove(id);
  }

  clicked(event) {
    const button = event.target.closest('button[data-act]');
    const item = event.target.closest('li[data-id]');
    if (!button || !item) return;
    const handler = this.clickHandlers[button.dataset.act];
    if (handler) handler(item.dataset.id);
  }

  key(event) {
    const input = event.target.closest('input.conv-rename');
    if (!input) return;
    if (event.key === 'Enter') {
      event.preventDefault();
      this.finishRename(true);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();     // Escape here cancels the edit only, not the drawer
      this.finishRename(false);
    }
  }

  startRename(id) {
    const summary = this.store.summaries.find((c) => c.id === id);
    if (!summary) return;
    this.expanded = null;
    this.renaming = { id, value: summary.title };
    this.render();
    const input = this.list.querySelector('input.conv-rename');
    input?.focus();
    input?.select();
  }

  finishRename(save) {
    const editing = this.renaming;
    if (!editing) return;
    const input = this.list.querySelector('input.conv-rename');
    const title = (input?.value ?? editing.value).trim();
    this.renaming = null;
    const summary = this.store.summaries.find((c) => c.id === editing.id);
    if (save && title && summary && title !== summary.title) {
      summary.title = title;       // shown at once; the server's answer replaces it
      this.actions.rename(editing.id, title);
    }
    this.render();
    this.list.querySelector(`li[data-id="${CSS.escape(editing.id)}"] .conv-open`)?.focus();
  }

  render() {
    const focus = this.focusNow();
    const visible = this.store.visible;
    const sections = groupByDay(visible).map((group) => this.section(group.name, group.items));
    const kept = new Set(visible.map((c) => c.id));
    for (const id of this.items.keys()) if (!kept.has(id)) this.items.delete(id);
    if (sections.some((node, i) => this.list.children[i] !== node) || this.list.children.length !== sections.length) {
      this.list.replaceChildren(...sections);
    }
    this.status.textContent = this.emptyText(visible.length);
    this.moreButton.hidden = !this.store.nextCursor;
    this.restore(focus);
  }

  /** A day's group, the same node from one redraw to the next, so the focus and screen readers keep their place. */
  section(name, summaries) {
    let group = this.groups.get(name);
    if (!group) {
      const heading = el('h2', 'conv-group-name', name);
      heading.id = `conv-group-${this.groups.size}`;
      const items = el('ul', 'conv-items');
      items.setAttribute('aria-labelledby', heading.id);
      group = el('section', 'conv-group');
      group.append(heading, items);
      this.groups.set(name, group);
    }
    const items = group.querySelector('ul');
    const nodes = summaries.map((summary) => this.item(summary));
    if (nodes.some((node, i) => items.children[i] !== node) || items.children.length !== nodes.length) {
      items.replaceChildren(...nodes);
    }
    return group;
  }

  emptyText(count) {
    if (count > 0) return '';
    return this.store.query ? `No conversation contains “${this.store.query}”.` : 'No conversations yet.';
  }

  /** The list item of a conversation, made once and brought up to date on every redraw. */
  item(summary) {
    let entry = this.items.get(summary.id);
    if (!entry) {
      entry = this.newItem(summary.id);
      this.items.set(summary.id, entry);
    }
    const { node, open, title, room, live, more, acts } = entry;
    const renaming = this.renaming?.id === summary.id;
    title.textContent = summary.title;
    const current = summary.id === this.store.currentId;
    if (current) open.setAttribute('aria-current', 'page'); else open.removeAttribute('aria-current');
    node.classList.toggle('current', current);
    const streaming = this.store.isStreaming(summary);
    node.classList.toggle('live', streaming);
    live.hidden = !streaming;
    room.hidden = summary.room !== true;
    more.setAttribute('aria-label', `Actions for “${summary.title}”`);
    more.setAttribute('aria-expanded', String(this.expanded === summary.id));
    acts.hidden = this.expanded !== summary.id;
    open.hidden = renaming;
    const input = node.querySelector('input.conv-rename');
    if (renaming && !input) open.before(this.renameInput(summary));
    if (!renaming && input) input.remove();
    return node;
  }

  newItem(id) {
    const node = el('li', 'conv');
    node.dataset.id = id;
    const row = el('div', 'conv-row');
    const open = button('conv-open', 'open');
    const title = el('span', 'conv-title');
    const live = el('span', 'conv-live');
    live.title = 'A reply is being written';
    live.append(el('span', 'live-dot'), el('span', 'visually-hidden', ' (a reply is being written)'));
    const room = el('span', 'conv-room', 'Room');
    room.title = 'Open as a room: people with its invite take part';
    open.append(title, room, live);
    const more = button('conv-more', 'more', '⋯');
    const acts = el('div', 'conv-actions');
    acts.id = `conv-actions-${id}`;
    more.setAttribute('aria-controls', acts.id);
    acts.append(button('link-button', 'rename', 'Rename'), button('link-button', 'markdown', 'Export Markdown'),
      button('link-button', 'json', 'Export JSON'), button('link-button danger', 'delete', 'Delete'));
    row.append(open, more);
    node.append(row, acts);
    return { node, open, title, room, live, more, acts };
  }

  renameInput(summary) {
    const input = el('input', 'conv-rename');
    input.value = this.renaming.value;
    input.maxLength = 200;
    input.setAttribute('aria-label', `New title for “${summary.title}”. Enter saves, Escape cancels.`);
    input.addEventListener('input', () => { this.renaming.value = input.value; });
    // Only a real blur of the input still on screen saves (Enter and Escape remove it first).
    input.addEventListener('blur', () => setTimeout(() => {
      if (input.isConnected && this.renaming) this.finishRename(true);
    }));
    return input;
  }

  /** Which control has the focus, by conversation and action, so the redraw can give it back. */
  focusNow() {
    const active = document.activeElement;
    const item = active?.closest?.('li[data-id]');
    if (!item || !this.list.contains(item)) return null;
    return { id: item.dataset.id, act: active.dataset.act ?? null, rename: active.matches('input.conv-rename') };
  }

  restore(focus) {
    if (!focus) return;
    const item = this.list.querySelector(`li[data-id="${CSS.escape(focus.id)}"]`);
    const target = focus.rename ? item?.querySelector('input.conv-rename')
      : item?.querySelector(`[data-act="${focus.act}"]`);
    (target ?? this.list.querySelector('.conv-open'))?.focus();
  }
}

function button(className, act, text) {
  const node = el('button', className, text);
  node.type = 'button';
  node.dataset.act = act;
  return node;
}
