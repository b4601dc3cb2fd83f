// "Ana is typing…": who in a room typed in the last few seconds (each room_typing renews a name), written into
// one line of the page. Used by the member's view and the owner's.
const SHOWN_MS = 5000;

export class TypingLine {
  constructor(node) {
    this.node = node;
    this.typists = new Map();      // name → timer that forgets it
  }

  typing(name) {
    clearTimeout(this.typists.get(name));
    this.typists.set(name, setTimeout(() => this.stopped(name), SHOWN_MS));
    this.show();
  }

  stopped(name) {
    clearTimeout(this.typists.get(name));
    if (this.typists.delete(name)) this.show();
  }

  /** Forgets everyone but the names kept (those still present). */
  keepOnly(keep) {
    for (const name of [...this.typists.keys()]) if (!keep(name)) this.stopped(name);
  }

  show() {
    const names = [...this.typists.keys()];
    this.node.textContent = names.length === 0 ? ''
      : names.length === 1 ? `${names[0]} is typing…`
        : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]} are typing…`;
  }
}
