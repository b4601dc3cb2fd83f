// Draws a reply that grows token by token without redrawing what is finished. The text is cut at block
// boundaries (a blank line outside a fenced code block, followed by a line that is not indented); blocks before
// the last boundary are rendered once and never touched again, so a reader's selection in them survives and the
// cost of a frame depends on the open block only, not on the length of the reply. Only the new text is scanned.
// Code and maths in finished blocks are highlighted and typeset once (on-demand/rich-text.js).
import { renderMarkdown } from './markdown.js';

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

export class MarkdownStream {
  constructor(container) {
    this.container = container;
    this.reset();
  }

  /** Starts again with an empty container (a new text that does not continue the old one). */
  reset() {
    this.container.replaceChildren();
    this.drawnTo = 0;       // text before this offset is drawn for good
    this.stableTo = 0;      // text before this offset is finished blocks
    this.scanFrom = 0;      // the start of the first line not scanned yet
    this.fence = null;      // the open fence ('```', '~~~~', …) or null
    this.candidate = -1;    // the offset after a blank line that may end a block
    this.tail = [];         // nodes of the open block, replaced on every update
    this.length = 0;
  }

  /** Shows `text`, which extends the text of the previous call (else call reset first); `complete`: all of it. */
  update(text, complete = false) {
    if (text.length < this.length) this.reset();
    this.length = text.length;
    this.scan(text);
    for (const node of this.tail) node.remove();
    this.tail = [];
    if (this.stableTo > this.drawnTo) {
      this.draw(text.slice(this.drawnTo, this.stableTo), true);
      this.drawnTo = this.stableTo;
    }
    const open = text.slice(this.drawnTo);
    if (open) this.tail = this.draw(open, complete);
  }

  draw(text, finished) {
    const fragment = renderMarkdown(text);
    const nodes = [...fragment.childNodes];
    this.container.append(fragment);
    const rich = finished ? nodes.filter((node) => node.querySelector?.('pre > code, .math')) : [];
    if (rich.length) import('../on-demand/rich-text.js').then((m) => m.enrich(rich)).catch(() => {});
    return nodes;
  }

  scan(text) {
    let start = this.scanFrom;
    for (let end = text.indexOf('\n', start); end !== -1; end = text.indexOf('\n', start)) {
      this.line(text, start, end);
      start = end + 1;
    }
    this.scanFrom = start;
    if (start < text.length) this.lineStarts(text, start);     // the next line has begun
  }

  /** A complete line from `start` to `end` (its newline). */
  line(text, start, end) {
    const line = text.slice(start, end);
    if (this.fence) {
      if (line.trim().startsWith(this.fence) && line.trim().replace(/[`~]/g, '') === '') this.fence = null;
      return;
    }
    if (line.trim() === '') {
      this.candidate = end + 1;
      return;
    }
    this.lineStarts(text, start);
    const opening = FENCE.exec(line);
    if (opening) this.fence = opening[1];
  }

  /** A line begins at `start` outside a fence: after a blank line and unindented, it begins a new block. */
  lineStarts(text, start) {
    if (this.candidate !== start) return;
    this.candidate = -1;
    if (!/\s/.test(text[start])) this.stableTo = start;
  }
}
