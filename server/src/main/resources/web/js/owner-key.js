// The owner key: what this browser's conversations belong to on a server without access tokens
// (protocol/README.md, "Owners"). Kept in localStorage, shared by this browser's tabs and kept across restarts,
// unlike the resume secret (one tab's). A link that carries a key as #owner_key=KEY brings another device's
// conversations into this browser; the fragment never reaches the server or its logs.
const STORAGE = 'lanchat.ownerKey';
const WELL_FORMED = /^[A-Za-z0-9_-]{43}$/;
let inMemory = null;

export function ownerKey() {
  try {
    return localStorage.getItem(STORAGE) ?? inMemory;
  } catch {
    return inMemory;
  }
}

export function keepOwnerKey(key) {
  if (!WELL_FORMED.test(key ?? '')) return;
  inMemory = key;
  try {
    localStorage.setItem(STORAGE, key);
  } catch {
    // storage disabled: the key lives as long as the page
  }
}

/** Takes a key from the address (#owner_key=KEY), keeps it, and removes it from the address bar. */
export function takeOwnerKeyFromLink(location = window.location, history = window.history) {
  const match = /(?:^#|&)owner_key=([A-Za-z0-9_-]{43})(?:&|$)/.exec(location.hash);
  if (!match) return false;
  keepOwnerKey(match[1]);
  history.replaceState(null, '', location.pathname + location.search);
  return true;
}
