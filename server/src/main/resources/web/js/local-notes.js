// What this browser remembers per conversation beyond what the server keeps: the unsent draft, and the timing
// line of replies it saw finish (the server stores a reply's text and model, not its timing). In localStorage,
// keyed by the conversation's id, so a reload or a second visit finds them; bounded, and silently skipped when
// storage is disabled.
import { loadItem } from './tab-storage.js';

const DRAFT = 'lanchat.draft.';
const STATS = 'lanchat.stats.';
const MAX_STATS = 200;          // per conversation: the newest replies' lines

/** The id of the conversation this tab shows, or null before the server named one. */
export function conversationId() {
  const session = loadItem('lanchat.session');       // SessionKeeper's record
  return session && typeof session.sessionId === 'string' ? session.sessionId : null;
}

function read(key) {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key, value) {
  try {
    if (value === null || value === '') localStorage.removeItem(key); else localStorage.setItem(key, value);
  } catch {
    // storage full or disabled: nothing is remembered, nothing breaks
  }
}

export function loadDraft(id = conversationId()) {
  return id ? read(DRAFT + id) ?? '' : '';
}

export function saveDraft(text, id = conversationId()) {
  if (id) write(DRAFT + id, text);
}

/** A short fingerprint of a reply's text (FNV-1a), so that the store does not hold the text twice. */
function fingerprint(text) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return `${text.length}:${(hash >>> 0).toString(36)}`;
}

function loadStats(id) {
  try {
    return JSON.parse(read(STATS + id) ?? '[]');
  } catch {
    return [];
  }
}

export function rememberStats(replyText, line, id = conversationId()) {
  if (!id || !line) return;
  const entries = loadStats(id).filter(([key]) => key !== fingerprint(replyText));
  entries.push([fingerprint(replyText), line]);
  write(STATS + id, JSON.stringify(entries.slice(-MAX_STATS)));
}

export function recallStats(replyText, id = conversationId()) {
  if (!id) return null;
  const key = fingerprint(replyText);
  return loadStats(id).find(([k]) => k === key)?.[1] ?? null;
}
