// A room member's message box, on the page's own composer: Enter sends (Shift+Enter: a new line), Stop shows
// only while the reply to this member's own message is being written, and typing is told to the room at most
// every few seconds. No attachments: a member sends text only.
const TYPING_EVERY_MS = 3000;

export class RoomComposer {
  constructor({ form, input, sendButton, stopButton, onSend, onStop, onTyping }) {
    Object.assign(this, { form, input, sendButton, stopButton });
    this.connected = false;
    this.closed = false;
    this.lastTyping = 0;
    input.placeholder = 'Message the room';
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submit(onSend);
    });
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.submit(onSend);
      }
    });
    input.addEventListener('input', () => {
      this.update();
      const now = Date.now();
      if (this.input.value.trim() && this.connected && now - this.lastTyping >= TYPING_EVERY_MS) {
        this.lastTyping = now;
        onTyping();
      }
    });
    stopButton.addEventListener('click', () => onStop());
    this.showStop(false);
  }

  submit(onSend) {
    const text = this.input.value.trim();
    if (!text || !this.connected || this.closed) return;
    if (onSend(text)) {
      this.input.value = '';
      this.lastTyping = 0;        // the next words are news again
      this.update();
    }
  }

  get text() {
    return this.input.value;
  }

  set text(value) {
    this.input.value = value;
    this.update();
  }

  setConnected(connected) {
    this.connected = connected;
    this.update();
  }

  /** The room is gone for good: nothing can be sent any more. */
  close() {
    this.closed = true;
    this.input.disabled = true;
    this.input.placeholder = 'This room is closed';
    this.showStop(false);
    this.update();
  }

  showStop(shown) {
    this.stopButton.hidden = !shown;
    this.stopButton.disabled = !shown;
  }

  update() {
    this.sendButton.disabled = this.closed || !this.connected || this.input.value.trim() === '';
  }
}
