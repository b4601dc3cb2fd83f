// The message box with its Send and Stop buttons. Enter sends, Shift+Enter starts a new line. The text stays
// in the box whenever it cannot be sent (no connection, a reply still streaming), so nothing typed is lost.

export class Composer {
  constructor({ form, input, sendButton, stopButton, hint, onSend, onStop }) {
    this.form = form;
    this.input = input;
    this.sendButton = sendButton;
    this.stopButton = stopButton;
    this.hintText = hint.querySelector('.hint-text');
    this.hintStatus = hint.querySelector('.hint-status');
    this.hint = hint;
    this.connected = false;
    this.busy = false;
    this.onSend = onSend;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submit();
    });
    input.addEventListener('keydown', (event) => {
      // isComposing: Enter also confirms input-method candidates (Chinese, Japanese, …); that is not a send.
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.submit();
      }
    });
    input.addEventListener('input', () => {
      this.grow();
      this.update();
    });
    stopButton.addEventListener('click', () => onStop());
  }

  submit() {
    if (this.canSend) this.onSend(this.input.value);
  }

  get canSend() {
    return this.connected && !this.busy && this.input.value.trim() !== '';
  }

  get text() {
    return this.input.value;
  }

  set text(value) {
    this.input.value = value;
    this.grow();
    this.update();
  }

  setConnected(connected) {
    this.connected = connected;
    this.update();
  }

  /** 'idle', or 'busy' from sending until the reply ends; Stop replaces Send while busy. */
  setMode(mode) {
    const stopHadFocus = document.activeElement === this.stopButton;
    this.busy = mode !== 'idle';
    this.stopButton.hidden = !this.busy;
    this.sendButton.hidden = this.busy;
    this.update();
    if (stopHadFocus && this.stopButton.hidden) this.input.focus();
  }

  /** A short status line under the box, or null for the usual keyboard hint. */
  setStatus(text) {
    this.hintStatus.textContent = text ?? '';
    this.hintStatus.hidden = !text;
    this.hintText.hidden = Boolean(text);
    this.hint.classList.toggle('warn', Boolean(text));
  }

  update() {
    this.sendButton.disabled = !this.canSend;
    this.stopButton.disabled = !this.connected;     // a cancel could not reach the server
  }

  grow() {
    this.input.style.height = 'auto';
    this.input.style.height = `${this.input.scrollHeight}px`;
  }

  focus() {
    this.input.focus();
  }
}
