// The access token for servers started with --access-tokens. It arrives once in the page's address
// (?access_token=TOKEN), is kept for this tab only, and is taken out of the address bar at once so it does not
// end up in bookmarks, the history or a shared screenshot. The WebSocket carries it as the same query parameter,
// the only way a browser can send one.
import { loadItem, saveItem } from './tab-storage.js';

const KEY = 'lanchat.accessToken';
const PARAM = 'access_token';

/** Moves a token from the page's address into this tab's storage, and removes it from the address bar. */
export function takeTokenFromAddress(location = window.location, history = window.history) {
  const url = new URL(location.href);
  if (!url.searchParams.has(PARAM)) return;
  const token = url.searchParams.get(PARAM).trim();
  if (token) setAccessToken(token);
  url.searchParams.delete(PARAM);
  history.replaceState(history.state, '', url.pathname + url.search + url.hash);
}

/** The token to send, or null. */
export function accessToken() {
  const token = loadItem(KEY);
  return typeof token === 'string' && token ? token : null;
}

export function setAccessToken(token) {
  saveItem(KEY, token || null);
}
