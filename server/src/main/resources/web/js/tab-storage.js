// sessionStorage, which belongs to this tab and ends with it: the place for the resume secret and the access
// token (never localStorage, cookies or URLs). When storage is disabled (private mode, policy), values live in
// memory instead: the page still works and resumes after a dropped connection, just not after a reload.

const memory = new Map();

export function loadItem(key) {
  if (memory.has(key)) return memory.get(key);
  try {
    const raw = sessionStorage.getItem(key);
    return raw === null ? null : JSON.parse(raw);
  } catch {
    return null;
  }
}

export function saveItem(key, value) {
  const absent = value === null || value === undefined;
  try {
    if (absent) {
      sessionStorage.removeItem(key);
    } else {
      sessionStorage.setItem(key, JSON.stringify(value));
    }
    memory.delete(key);
  } catch {
    if (absent) memory.delete(key); else memory.set(key, value);
  }
}
