// A room member's WebSocket (protocol/README.md, "Rooms"): opened with the name and, once the server gave one,
// the member key, and opened again with backoff after a drop. The close codes that say "not like this" (bad
// name, name taken, invite gone, joined again elsewhere) end it: the page decides what comes next.
import { accessToken } from '../js/access-token.js';

export const GONE = 4404;
export const BAD_NAME = 4400;
export const NAME_TAKEN = 4409;
export const REPLACED = 4408;         // this member joined again from another tab: this one stops
const MAX_DELAY_MS = 10000;

/** At once (a moment's jitter) after a drop, then 1 s, 2 s, 4 s … up to 10 s. */
function backoff(attempt) {
  if (attempt === 0) return Math.floor(Math.random() * 250);
  const base = Math.min(1000 * 2 ** (attempt - 1), MAX_DELAY_MS);
  return base + Math.floor(Math.random() * 0.1 * base);
}

export class RoomLink {
  /**
   * `query()` gives the room's parameters for each attempt ({ room, name, member }); `onFrame(frame)` gets each
   * frame; `onEnd(code, reason)` a refusal; `onWaiting(seconds)` a drop, with the wait before the next try.
   */
  constructor({ query, onFrame, onEnd, onWaiting }) {
    Object.assign(this, { query, onFrame, onEnd, onWaiting });
    this.socket = null;
    this.attempt = 0;
    this.timer = null;
  }

  open() {
    clearTimeout(this.timer);
    this.timer = null;
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(this.query())) if (value) params.set(key, value);
    const access = accessToken();
    if (access) params.set('access_token', access);
    const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
    const ws = new WebSocket(`${scheme}//${window.location.host}/ws?${params}`);
    this.socket = ws;
    ws.addEventListener('message', (event) => {
      if (this.socket !== ws) return;
      let frame;
      try {
        frame = JSON.parse(event.data);
      } catch {
        return;                      // not JSON: nothing to show
      }
      if (frame && typeof frame.type === 'string') this.onFrame(frame);
    });
    ws.addEventListener('close', (event) => {
      if (this.socket !== ws) return;  // closed on purpose, or replaced
      this.socket = null;
      if ([GONE, BAD_NAME, NAME_TAKEN, REPLACED].includes(event.code)) {
        this.onEnd(event.code, event.reason);
      } else {
        this.retry();
      }
    });
  }

  /** The server took this connection in (its room_state came): the next drop starts the backoff afresh. */
  settled() {
    this.attempt = 0;
  }

  retry() {
    const delay = backoff(this.attempt);
    this.attempt += 1;
    this.onWaiting(Math.max(1, Math.ceil(delay / 1000)));
    this.timer = setTimeout(() => this.open(), delay);
  }

  get isOpen() {
    return this.socket !== null && this.socket.readyState === WebSocket.OPEN;
  }

  /** Sends a frame; false (nothing sent) when not connected. */
  send(frame) {
    if (!this.isOpen) return false;
    this.socket.send(JSON.stringify(frame));
    return true;
  }

  close() {
    clearTimeout(this.timer);
    const ws = this.socket;
    this.socket = null;
    ws?.close();
  }
}
