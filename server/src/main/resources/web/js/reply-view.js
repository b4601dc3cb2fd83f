// One assistant message: waits for `started` (saying where it stands in the queue meanwhile, the estimate
// counted down), grows token by token (at most one drawing per frame, and only of its open block), then ends as
// done (with stats), stopped, failed or interrupted. A message from a restored history is created finished.
// A thinking model's reasoning goes in its own block above the answer (on-demand/thinking-view.js), never into
// `text`.
import { MarkdownStream } from './markdown-stream.js';
import { badge, el } from './dom.js';
import { QueueWait } from './queue-status.js';
import { rememberStats } from './local-notes.js';

/** Generation speed as the protocol defines it, or null when Ollama did not report enough. */
export function tokensPerSecond(stats) {
  if (!stats || !Number.isFinite(stats.replyTokens) || !stats.evalDurationNs) return null;
  return stats.replyTokens / (stats.evalDurationNs / 1e9);
}

/** "40 ms", "1.4 s", "12 s": a measured time. */
function measured(ms) {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return ms < 10000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

/** The reasoning block, loaded on first need (most models do not think); calls made before it came replay. */
class Reasoning {
  constructor(place, finished = null, finishedMs = null) {
    this.text = finished ?? '';
    this.calls = [];
    const since = Date.now();
    import('../on-demand/thinking-view.js').then(({ ThinkingView }) => {
      if (!this.calls) return;             // removed meanwhile
      this.view = finished === null ? new ThinkingView(since) : ThinkingView.finished(finished, finishedMs);
      place(this.view.node);
      for (const [method, args] of this.calls) this.view[method](...args);
      this.view.render();
    }, () => {});                          // not loaded: the answer still shows
  }

  call(method, ...args) {
    if (this.view) this.view[method](...args); else this.calls?.push([method, args]);
  }

  append(text) {
    this.text += text;
    this.call('append', text);
  }

  remove() {
    this.calls = null;
    this.view?.node.remove();
  }
}

export class ReplyView {
  constructor(onChange) {
    this.onChange = onChange;
    this.text = '';
    this.frame = 0;
    this.node = el('article', 'msg assistant waiting streaming');
    this.node.setAttribute('aria-busy', 'true');
    this.who = el('div', 'who', 'Assistant');
    this.body = el('div', 'body');
    const dots = el('span', 'typing');
    dots.setAttribute('role', 'img');
    dots.setAttribute('aria-label', 'Waiting for the reply');
    dots.append(el('span'), el('span'), el('span'));
    this.phaseNode = el('span', 'phase');
    this.body.append(dots, this.phaseNode);
    this.meta = el('div', 'meta');
    this.node.append(this.who, this.body, this.meta);
    this.wait = new QueueWait((text) => { this.phaseNode.textContent = text; });
    this.stream = null;      // the Markdown drawn so far, once the first token came
    this.thinking = null;    // the Reasoning block, once the model started to reason
  }

  /** A message of a restored conversation: complete, or stopped part-way when `cancelled`. */
  static fromHistory(content, cancelled, onChange, thinking, thinkingMs) {
    const reply = new ReplyView(onChange);
    if (thinking) reply.thinking = new Reasoning((node) => reply.place(node), thinking, thinkingMs);
    reply.settle(content, cancelled);
    return reply;
  }

  /** The reply ended while the page was away: show it as the restored history has it. */
  settle(content, cancelled) {
    if (cancelled) {
      this.stopped(content);
    } else {
      this.text = content;
      this.end();
    }
  }

  get isWaiting() {
    return this.node.classList.contains('waiting');
  }

  /** Where the request stands before its first token: queued, loading the model, … */
  phase(frame) {
    if (frame.phase === 'thinking' && !this.stream) {
      this.reasoning();              // "Thinking…" from the first second, before any reasoning arrives
    } else if (this.isWaiting) {
      this.wait.phase(frame);
    }
  }

  /** The next piece of the reasoning (a `thinking` frame). */
  think(text) {
    this.reasoning().append(text);
    this.schedule();
  }

  reasoning() {
    this.thinking ??= new Reasoning((node) => this.place(node));
    this.leaveWaiting();
    return this.thinking;
  }

  /** Puts the reasoning block above the answer. */
  place(node) {
    this.node.insertBefore(node, this.body);
  }

  setModel(model) {
    if (model) this.who.textContent = `Assistant · ${model}`;
  }

  started({ model, trimmedMessages, trimmedFor }) {
    this.leaveWaiting();
    this.setModel(model);
    if (trimmedMessages > 0) {
      const plural = trimmedMessages === 1 ? 'message was' : 'messages were';
      const why = trimmedFor === 'context' ? ` to fit the model's context` : '';
      this.meta.append(el('span', 'trimmed',
        `${trimmedMessages} older ${plural} left out${why}: the model no longer sees the start of this conversation.`));
    }
    this.onChange();
  }

  leaveWaiting() {
    if (!this.isWaiting) return;
    this.wait.stop();
    this.node.classList.remove('waiting');
    this.stream = new MarkdownStream(this.body);
  }

  append(text) {
    this.leaveWaiting();       // after a resume the tokens may come without a `started`
    this.thinking?.call('answerStarted', Date.now());
    this.text += text;
    this.schedule();
  }

  schedule() {
    if (!this.frame) {
      this.frame = requestAnimationFrame(() => {
        this.frame = 0;
        this.render();
      });
    }
  }

  /** The server sends the reply again from its start (a resume with `nextSeq` 0): drop what is shown. */
  restart() {
    this.text = '';
    this.thinking?.remove();               // its reasoning comes again too
    this.thinking = null;
    if (!this.isWaiting) {
      this.stream.reset();
      this.render();
    }
  }

  done({ model, doneReason, stats, timing }) {
    this.thinking?.call('ended', timing?.thinkingMs, Date.now());
    this.end();
    this.setModel(model);
    const parts = [];
    if (stats && Number.isFinite(stats.replyTokens)) parts.push(`${stats.replyTokens} tokens`);
    const speed = tokensPerSecond(stats);
    if (speed !== null) parts.push(`${speed.toFixed(1)} tokens/s`);
    if (timing && Number.isFinite(timing.firstTokenMs)) {
      parts.push(`first token after ${measured(timing.firstTokenMs)}`);   // queue, model load and prompt
    }
    if (parts.length) {
      this.showStats(parts.join(' · '));
      rememberStats(this.text, this.statsLine);
    }
    if (doneReason === 'length') {
      this.meta.append(badge('stopped', 'Cut short: the model reached its length limit'));
    }
    this.onChange();
  }

  /** The timing line under a finished reply (also restored from what this browser remembers after a reload). */
  showStats(line) {
    this.meta.append(el('span', 'stats', line));
  }

  get statsLine() {
    return this.meta.querySelector('.stats')?.textContent ?? null;
  }

  stopped(partialText) {
    if (partialText !== this.text) this.stream?.reset();      // not a continuation of what is drawn
    this.text = partialText;
    this.end();
    this.node.classList.add('stopped');
    if (!this.text) this.body.append(el('em', 'empty', 'Stopped before any text was written.'));
    this.meta.append(badge('stopped', 'Stopped'));
    this.onChange();
  }

  /** An error ended the reply: the server dropped the partial text from the conversation, so mark it. */
  failed() {
    this.end();
    this.node.classList.add('failed');
    this.meta.append(badge('failed', 'Incomplete: not kept in the conversation'));
    this.onChange();
  }

  interrupted() {
    this.end();
    this.node.classList.add('interrupted');
    this.meta.append(badge('failed', 'Connection lost: this reply is incomplete'));
    this.onChange();
  }

  /** The reply as a screen reader should hear it: the rendered text, without the code blocks' toolbars. */
  get spokenText() {
    const copy = this.body.cloneNode(true);
    for (const toolbar of copy.querySelectorAll('.code-head')) toolbar.remove();
    return copy.textContent.trim();
  }

  get isEmpty() {
    return this.text === '' && !this.thinking?.text;
  }

  remove() {
    cancelAnimationFrame(this.frame);
    this.wait.stop();
    this.node.remove();
  }

  end() {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.leaveWaiting();
    this.node.classList.remove('waiting', 'streaming');
    this.node.removeAttribute('aria-busy');
    this.thinking?.call('answerStarted', Date.now());
    this.render();
  }

  render() {
    this.thinking?.call('render');
    this.stream.update(this.text, !this.node.classList.contains('streaming'));
    this.onChange();
  }
}
