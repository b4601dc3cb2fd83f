// Words for where a reply stands before its first token (`phase` frames), and announcing them to screen
// readers without a flood: a place in the queue is spoken at most every few seconds, always the newest one.

const MIN_GAP_MS = 5000;

export function ordinal(n) {
  const lastTwo = n % 100;
  if (lastTwo >= 11 && lastTwo <= 13) return `${n}th`;
  return `${n}${{ 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] ?? 'th'}`;
}

/** A rough duration: "14 s", "3 min"; with `spoken`, "14 seconds", "3 minutes". */
export function roughDuration(ms, spoken = false) {
  const seconds = Math.max(1, Math.round(ms / 1000));
  if (seconds < 90) return spoken ? `${seconds} second${seconds === 1 ? '' : 's'}` : `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  return spoken ? `${minutes} minutes` : `${minutes} min`;
}

/** "Waiting in line — 3rd, about 14 s", "Loading the model…"; an unknown phase is just waiting. */
export function phaseText({ phase, position, etaMs }, spoken = false) {
  if (phase === 'queued') {
    const place = Number.isInteger(position) && position > 0 ? `${spoken ? ':' : ' —'} ${ordinal(position)}` : '';
    const eta = Number.isFinite(etaMs) ? `, about ${roughDuration(etaMs, spoken)}` : '';
    return `Waiting in line${place}${eta}`;
  }
  if (phase === 'loading') return 'Loading the model…';
  if (phase === 'generating') return 'Writing…';
  if (phase === 'thinking') return 'Thinking…';
  return 'Waiting…';
}

export class PhaseAnnouncer {
  constructor(announce) {
    this.announce = announce;
    this.lastQueuedAt = -Infinity;
    this.waiting = null;     // the newest place in the queue not spoken yet
    this.timer = null;
  }

  phase(frame) {
    if (frame.phase === 'queued') {
      this.waiting = `${phaseText(frame, true)}.`;
      const wait = this.lastQueuedAt + MIN_GAP_MS - Date.now();
      if (wait <= 0) {
        this.speakWaiting();
      } else if (!this.timer) {
        this.timer = setTimeout(() => this.speakWaiting(), wait);
      }
      return;
    }
    this.stop();
    if (frame.phase === 'loading') this.announce(phaseText(frame, true));
    // 'generating' comes right before `started`, which is announced anyway
  }

  /** The reply started or ended: a place in the queue is old news. */
  stop() {
    clearTimeout(this.timer);
    this.timer = null;
    this.waiting = null;
  }

  speakWaiting() {
    clearTimeout(this.timer);
    this.timer = null;
    if (this.waiting === null) return;
    this.announce(this.waiting);
    this.waiting = null;
    this.lastQueuedAt = Date.now();
  }
}

/**
 * The waiting line of one reply: the server sends a `phase` frame when the place in the queue changes, not every
 * second, so the estimate is counted down here; once it has run out the line says so and how long it has been.
 */
export class QueueWait {
  constructor(show) {
    this.show = show;
    this.frame = null;
    this.since = 0;
    this.waitingSince = null;    // the first queued frame: the whole wait, for "waited 20 s"
    this.timer = null;
  }

  phase(frame) {
    this.frame = frame;
    this.since = Date.now();
    if (frame.phase === 'queued') {
      this.waitingSince ??= this.since;
      if (!this.timer) this.timer = setInterval(() => this.tick(), 1000);
    } else {
      this.stop();
      this.frame = frame;
    }
    this.tick();
  }

  tick() {
    const frame = this.frame;
    if (frame.phase !== 'queued' || !Number.isFinite(frame.etaMs)) {
      this.show(phaseText(frame));
      return;
    }
    const elapsed = Date.now() - this.since;
    const left = frame.etaMs - elapsed;
    if (left > 0 || elapsed < 1000) {          // a fresh estimate is shown as given, however short
      this.show(phaseText({ ...frame, etaMs: Math.max(left, 0) }));
    } else {
      const waited = roughDuration(Date.now() - this.waitingSince);
      this.show(`${phaseText({ ...frame, etaMs: undefined })}, taking longer than estimated (waited ${waited})`);
    }
  }

  stop() {
    clearInterval(this.timer);
    this.timer = null;
  }
}
