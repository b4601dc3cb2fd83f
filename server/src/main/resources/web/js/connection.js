// The WebSocket to the server at /ws: one JSON object per text frame, reconnecting by itself with
// exponential backoff, and an application-level ping so a silently dead connection is noticed. A connection
// closed with 4001 (another tab took the session over) is not reopened until asked, so two tabs never take
// turns closing each other. While it waits, it asks GET /healthz every second: a server that restarts on the LAN
// is back within a second or so of answering, however long the backoff has grown.
import { probeServer } from './server-probe.js';

const MAX_DELAY_MS = 10000;     // a LAN: a server that restarts is back in seconds, not minutes
const PROBE_EVERY_MS = 1000;
const PING_AFTER_IDLE_MS = 20000;
const DEAD_AFTER_IDLE_MS = 45000;
export const DISPLACED = 4001;

/**
 * The socket URL on the page's own host, ws: or wss: to match http: or https:, with the access token if any, else
 * the owner key if any.
 */
export function socketUrl(token, location = window.location, ownerKey = null) {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const query = token ? `?access_token=${encodeURIComponent(token)}`
    : ownerKey ? `?owner_key=${encodeURIComponent(ownerKey)}` : '';
  return `${scheme}//${location.host}/ws${query}`;
}

/** At once (a moment's jitter) after a drop, then 1 s, 2 s, 4 s … up to 10 s, each with up to 10 % jitter. */
function backoff(attempt) {
  if (attempt === 0) return Math.floor(Math.random() * 250);
  const base = Math.min(1000 * 2 ** (attempt - 1), MAX_DELAY_MS);
  return base + Math.floor(Math.random() * 0.1 * base);
}

/**
 * Opens the connection at once and keeps it open.
 *
 * onFrame(frame) gets every server frame as an object. onState(state) gets one of
 *   { kind: 'connecting' }
 *   { kind: 'open' }                                   (the server's hello follows)
 *   { kind: 'closed', code, reason, opened }           (once per loss; opened: false when the server was not
 *                                                       reached or refused the upgrade: browsers can't tell)
 *   { kind: 'waiting', seconds }                       (retrying in `seconds`, counted down)
 *   { kind: 'displaced' }                              (closed with 4001; reopened only by reconnectNow())
 * url() gives the address for each attempt, so a new access token is used from the next one on.
 */
export function connect({ onFrame, onState, url }) {
  let socket = null;
  let attempt = 0;
  let retryAt = 0;
  let retryTimer = null;
  let countdownTimer = null;
  let probeTimer = null;
  let serverSeenDown = false;    // only a server seen down and then up again is worth skipping the wait for
  let lastFrameAt = 0;
  let pingCounter = 0;

  function open() {
    clearTimers();
    onState({ kind: 'connecting' });
    const ws = new WebSocket(url());
    let opened = false;
    socket = ws;
    ws.addEventListener('open', () => {
      if (socket !== ws) return;
      opened = true;
      lastFrameAt = Date.now();
      onState({ kind: 'open' });
    });
    ws.addEventListener('message', (event) => {
      if (socket !== ws) return;
      lastFrameAt = Date.now();
      let frame;
      try {
        frame = JSON.parse(event.data);
      } catch {
        console.warn('LAN Chat: ignoring a frame that is not JSON', event.data);
        return;
      }
      if (frame && typeof frame.type === 'string') {
        if (frame.type === 'hello') attempt = 0;   // a real session: the next drop starts from the beginning
        onFrame(frame);
      }
    });
    ws.addEventListener('close', (event) => {
      if (socket !== ws) return;
      socket = null;
      if (event.code === DISPLACED) {
        onState({ kind: 'displaced' });
        return;
      }
      lost(event.code, event.reason, opened);
    });
    // 'error' is always followed by 'close', which does the work.
  }

  function lost(code, reason, opened) {
    onState({ kind: 'closed', code, reason, opened });
    const delay = backoff(attempt);
    attempt += 1;
    retryAt = Date.now() + delay;
    retryTimer = setTimeout(open, delay);
    reportCountdown();
    countdownTimer = setInterval(reportCountdown, 250);
    probeTimer = setInterval(probeWhileWaiting, PROBE_EVERY_MS);
  }

  // A server that answers /healthz but refuses the WebSocket (a missing token) is not down: its refusals keep
  // the backoff, and only a down-then-up change cuts the wait short.
  async function probeWhileWaiting() {
    const answer = await probeServer(PROBE_EVERY_MS - 100);
    if (!retryTimer) return;                        // connecting or connected meanwhile
    if (answer === 'down') {
      serverSeenDown = true;
    } else if (serverSeenDown) {
      serverSeenDown = false;
      reconnectNow();
    }
  }

  function reportCountdown() {
    const seconds = Math.max(1, Math.ceil((retryAt - Date.now()) / 1000));
    onState({ kind: 'waiting', seconds });
  }

  function clearTimers() {
    clearTimeout(retryTimer);
    clearInterval(countdownTimer);
    clearInterval(probeTimer);
    retryTimer = null;
    countdownTimer = null;
    probeTimer = null;
  }

  // Browsers cannot send WebSocket pings, and a laptop that slept or a pulled cable can leave a socket that
  // looks open for minutes. Any frame counts as a sign of life; after a quiet spell we ask for one.
  setInterval(() => {
    if (!socket || socket.readyState !== WebSocket.OPEN) return;
    const idle = Date.now() - lastFrameAt;
    if (idle > DEAD_AFTER_IDLE_MS) {
      const dead = socket;
      socket = null;
      dead.close();
      lost(4000, 'no answer from the server', true);
    } else if (idle > PING_AFTER_IDLE_MS) {
      send({ type: 'ping', id: `p-${++pingCounter}` });
    }
  }, 5000);

  // Coming back online, or back to the tab, is a good moment not to wait out the backoff.
  const nudge = () => { if (retryTimer) reconnectNow(); };
  window.addEventListener('online', nudge);
  document.addEventListener('visibilitychange', () => { if (!document.hidden) nudge(); });

  /** Sends a frame; returns false (and sends nothing) when not connected. */
  function send(frame) {
    if (!socket || socket.readyState !== WebSocket.OPEN) return false;
    socket.send(JSON.stringify(frame));
    return true;
  }

  /**
   * Skips the rest of the backoff wait, or reopens a connection another tab displaced. An attempt under way is
   * started again, so that a new access token is used at once.
   */
  function reconnectNow() {
    if (socket && socket.readyState === WebSocket.OPEN) return;
    if (socket) {
      const unfinished = socket;
      socket = null;
      unfinished.close();
    }
    open();
  }

  open();
  return {
    send,
    reconnectNow,
    get isOpen() { return socket !== null && socket.readyState === WebSocket.OPEN; },
  };
}
