// The WebSocket to the server at /ws: one JSON object per text frame, reconnecting by itself with
// exponential backoff, and an application-level ping so a silently dead connection is noticed.

const FIRST_DELAY_MS = 1000;
const MAX_DELAY_MS = 30000;
const PING_AFTER_IDLE_MS = 20000;
const DEAD_AFTER_IDLE_MS = 45000;

/** The socket URL on the page's own host, ws: or wss: to match http: or https:. */
export function socketUrl(location = window.location) {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/ws`;
}

/**
 * Opens the connection at once and keeps it open.
 *
 * onFrame(frame) gets every server frame as an object. onState(state) gets one of
 *   { kind: 'connecting' }
 *   { kind: 'open' }                                   (the server's hello follows)
 *   { kind: 'waiting', seconds, code, reason }         (closed; retrying in `seconds`, counted down)
 */
export function connect({ onFrame, onState, url = socketUrl() }) {
  let socket = null;
  let attempt = 0;
  let retryAt = 0;
  let retryTimer = null;
  let countdownTimer = null;
  let lastCloseCode = null;
  let lastCloseReason = '';
  let lastFrameAt = 0;
  let pingCounter = 0;

  function open() {
    clearTimers();
    onState({ kind: 'connecting' });
    const ws = new WebSocket(url);
    socket = ws;
    ws.addEventListener('open', () => {
      if (socket !== ws) return;
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
        if (frame.type === 'hello') attempt = 0;   // a real session: the next drop starts from 1 s again
        onFrame(frame);
      }
    });
    ws.addEventListener('close', (event) => {
      if (socket !== ws) return;
      lastCloseCode = event.code;
      lastCloseReason = event.reason;
      scheduleRetry();
    });
    // 'error' is always followed by 'close', which does the work.
  }

  function scheduleRetry() {
    socket = null;
    const base = Math.min(FIRST_DELAY_MS * 2 ** attempt, MAX_DELAY_MS);
    attempt += 1;
    // A little jitter so that a room full of browsers does not reconnect in the same millisecond.
    const delay = base + Math.floor(Math.random() * 0.1 * base);
    retryAt = Date.now() + delay;
    retryTimer = setTimeout(open, delay);
    reportCountdown();
    countdownTimer = setInterval(reportCountdown, 250);
  }

  function reportCountdown() {
    const seconds = Math.max(1, Math.ceil((retryAt - Date.now()) / 1000));
    onState({ kind: 'waiting', seconds, code: lastCloseCode, reason: lastCloseReason });
  }

  function clearTimers() {
    clearTimeout(retryTimer);
    clearInterval(countdownTimer);
    retryTimer = null;
    countdownTimer = null;
  }

  // Browsers cannot send WebSocket pings, and a laptop that slept or a pulled cable can leave a socket that
  // looks open for minutes. Any frame counts as a sign of life; after a quiet spell we ask for one.
  setInterval(() => {
    if (!socket || socket.readyState !== WebSocket.OPEN) return;
    const idle = Date.now() - lastFrameAt;
    if (idle > DEAD_AFTER_IDLE_MS) {
      const dead = socket;
      lastCloseCode = 4000;
      lastCloseReason = 'no answer from the server';
      scheduleRetry();
      dead.close();
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

  /** Skips the rest of the backoff wait. */
  function reconnectNow() {
    if (socket) return;
    open();
  }

  open();
  return {
    send,
    reconnectNow,
    get isOpen() { return socket !== null && socket.readyState === WebSocket.OPEN; },
  };
}
