// The Share… panel's room part (protocol/README.md, "Rooms"): "Open as a room" with an optional expiry, and
// telling a room's invite apart from a read-only link in the list. The list's entries say `live` only, which
// both have; so an entry is an invite when the server says so (`room`, `kind`) or when this browser opened it.
const OPENED_KEY = 'lanchat.roomInvites';
const KEEP = 50;                  // the newest invites' ids, enough for the links anyone keeps active

function opened() {
  try {
    const ids = JSON.parse(localStorage.getItem(OPENED_KEY) ?? '[]');
    return Array.isArray(ids) ? ids : [];
  } catch {
    return [];
  }
}

export function rememberRoomInvite(shareId) {
  try {
    localStorage.setItem(OPENED_KEY, JSON.stringify([shareId, ...opened()].slice(0, KEEP)));
  } catch {
    // storage disabled: the list then shows the invite as a live link
  }
}

export function isRoomInvite(share) {
  return share.room === true || share.kind === 'room' || opened().includes(share.shareId);
}

function el(tag, props = {}, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

/**
 * The form: `open(minutes, mentioned)` with the expiry in minutes (null: never) and whether the model answers only
 * messages that mention @model.
 */
export function roomForm(open) {
  const minutes = el('input', { type: 'number', id: 'room-expiry', min: 1, max: 525600, step: 1,
    inputMode: 'numeric', placeholder: 'never' });
  const button = el('button', { type: 'button', className: 'button', id: 'open-room', textContent: 'Open as a room' });
  const mentioned = el('input', { type: 'checkbox', id: 'room-mentioned' });
  const problem = el('p', { className: 'field-hint', role: 'alert' });
  button.addEventListener('click', () => {
    const raw = minutes.value.trim();
    const value = raw === '' ? null : Number(raw);
    if (value !== null && !(Number.isInteger(value) && value >= 1 && value <= 525600)) {
      problem.textContent = 'The expiry is a whole number of minutes, 1 to 525600 (a year), or empty for never.';
      return;
    }
    problem.textContent = '';
    open(value, mentioned.checked);
  });
  return el('div', { className: 'room-open' },
    el('h3', { textContent: 'Open as a room' }),
    el('p', { className: 'field-hint', textContent: 'People with the invite join under a name of their choosing, see'
      + ' each other and the replies as they are written, and write too; the model answers one message at a time,'
      + ' whether or not you are here.' }),
    el('p', {}, mentioned, ' ', el('label', { htmlFor: 'room-mentioned',
      textContent: 'The model answers only messages that mention @model' })),
    el('p', {}, el('label', { htmlFor: 'room-expiry', textContent: 'Invite expires after (minutes) ' }), minutes,
      ' ', button),
    problem);
}
