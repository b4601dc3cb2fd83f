// A thinking model's reasoning above its answer (protocol/README.md, "Thinking models"): a <details> block, open
// and growing under "Thinking…" while the model thinks, folded to "Thought for N s" once the answer starts. The
// reasoning is drawn as Markdown through the same sanitizing renderer as replies, block by block; it is never
// part of the answer's text (copy, announcements, the transcript's history all leave it out). Loaded on first
// need by reply-view.js (hence on-demand/, outside the first load's preloads); times are passed in, not read
// here, so calls replayed after the load measure what happened before it.
import { MarkdownStream } from '../js/markdown-stream.js';
import { el } from '../js/dom.js';
import './thinking-style.js';

/** "Thought for 12 s", "Thought for less than a second". */
export function thoughtFor(ms) {
  if (!Number.isFinite(ms) || ms < 0) return 'Thought';
  if (ms < 1000) return 'Thought for less than a second';
  const seconds = Math.round(ms / 1000);
  if (seconds < 120) return `Thought for ${seconds} s`;
  return `Thought for ${Math.round(seconds / 60)} min`;
}

export class ThinkingView {
  constructor(since = Date.now()) {
    this.text = '';
    this.since = since;     // measured when `done` does not say (an older server, or a resumed reply)
    this.thinking = true;
    this.node = el('details', 'thinking');
    this.node.open = true;
    this.summary = el('summary', 'thinking-summary', 'Thinking…');
    this.body = el('div', 'thinking-body');
    this.node.append(this.summary, this.body);
    this.stream = new MarkdownStream(this.body);
  }

  /** A restored reply's reasoning: folded, with its duration when the server kept it (`history[].thinkingMs`). */
  static finished(text, ms = null) {
    const view = new ThinkingView();
    view.text = text;
    view.stream.update(text);
    view.fold(Number.isFinite(ms) ? ms : null);
    return view;
  }

  append(text) {
    this.text += text;
  }

  /** Draws the text appended since the last call (the reply view calls it at most once a frame). */
  render() {
    this.stream.update(this.text);
  }

  restart() {
    this.text = '';
    this.stream.reset();
  }

  /** The answer started (or the reply ended): fold the block, keeping the measured time until `done` says. */
  answerStarted(at = Date.now()) {
    if (!this.thinking) return;
    this.fold(at - this.since);
  }

  /** The reply ended: `thinkingMs` from `done.timing` when the server measured it. */
  ended(thinkingMs, at = Date.now()) {
    if (Number.isFinite(thinkingMs)) {
      this.fold(thinkingMs);
    } else {
      this.answerStarted(at);
    }
  }

  fold(ms) {
    this.render();
    this.thinking = false;
    this.node.open = false;
    this.summary.textContent = ms === null ? 'Thought' : thoughtFor(ms);
    this.node.classList.add('done');
  }
}
