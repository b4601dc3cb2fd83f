// The conversation header: the title of the conversation shown and a line saying what its own settings are.
// It also hides the list where the server keeps no conversations (a server older than them).
import { summarize } from './chat-options.js';

export class ChatHeader {
  constructor({ title, summary, store, sidebar }) {
    store.subscribe(() => {
      title.textContent = store.title ?? 'New chat';
      summary.textContent = summarize(store.settings) ?? 'Server defaults';
      document.body.classList.toggle('no-store', store.limits.store === null);
      sidebar.querySelector('.store-note').hidden = store.limits.store !== 'none';
    });
  }
}
