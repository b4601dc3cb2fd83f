// "Deleted “…”. Undo": shown while a delete waits out its undo time. The Undo button takes the focus, so a
// keyboard user who just pressed Delete can take it back with Enter; the focus moves on when the time is up.

const SHOWN_MS = 5000;

export class UndoToast {
  constructor(node, fallbackFocus) {
    this.node = node;
    this.text = node.querySelector('.toast-text');
    this.button = node.querySelector('button');
    this.fallbackFocus = fallbackFocus;
    this.undo = null;
    this.button.addEventListener('click', () => {
      const undo = this.undo;
      this.hide();
      undo?.();
    });
  }

  show(text, undo) {
    clearTimeout(this.timer);
    this.undo = undo;
    this.text.textContent = text;
    this.node.hidden = false;
    this.button.focus();
    this.timer = setTimeout(() => this.hide(), SHOWN_MS);
  }

  hide() {
    clearTimeout(this.timer);
    const hadFocus = this.node.contains(document.activeElement);
    this.node.hidden = true;
    this.undo = null;
    if (hadFocus) this.fallbackFocus()?.focus();
  }
}
