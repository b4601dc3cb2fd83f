// The message box with its Send and Stop buttons. Enter sends and Shift+Enter starts a new line; on a phone
// (touch screen or narrow window) Enter starts a new line and the Send button sends. Escape stops a reply. The
// text stays in the box whenever it cannot be sent (no connection, a reply still streaming, over the limit), and
// the unsent draft is kept per conversation across reloads, so nothing typed is lost. Files come in by the
// paperclip, paste or drop; on-demand/attachments.js (loaded then) uploads them and shows them as chips.
import { loadDraft, saveDraft } from './local-notes.js';
import { OLLAMA_EVENT } from './ollama-waits.js';

const PHONE = '(pointer: coarse), (max-width: 640px)';

// What the line under the box says, most important first: one at a time.
const NOTICES = ['connection', 'limit', 'attach', 'ollama'];

const OLLAMA_DOWN = 'The assistant can’t write replies right now: Ollama, which writes them, is unavailable. '
  + 'You can still send; your message is kept and offered again when it is back.';

export class Composer {
  constructor({ form, input, sendButton, stopButton, hint, onSend, onStop, picker, announce, dropZone }) {
    this.form = form;
    this.input = input;
    this.sendButton = sendButton;
    this.stopButton = stopButton;
    this.hintText = hint.querySelector('.hint-text');
    this.hintStatus = hint.querySelector('.hint-status');
    this.hint = hint;
    this.connected = false;
    this.busy = false;
    this.maxChars = Infinity;
    this.notices = new Map();
    this.onSend = onSend;
    this.phone = window.matchMedia(PHONE);
    Object.assign(this, { picker, announce, attachments: null });    // the chips, once a file came
    const picked = form.querySelector('#attach-input');
    form.querySelector('#attach').onclick = () => picked.click();
    picked.onchange = () => this.attach([...picked.files]).then(() => { picked.value = ''; });
    const take = (event, files) => {          // text pasted or dropped goes in as usual
      if (files?.length) event.preventDefault(), this.attach([...files]);
    };
    input.addEventListener('paste', (event) => take(event, event.clipboardData?.files));
    for (const zone of [form, dropZone]) {
      zone.addEventListener('dragover', (event) => event.preventDefault());
      zone.addEventListener('drop', (event) => take(event, event.dataTransfer?.files));
    }
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submit();
    });
    input.addEventListener('keydown', (event) => {
      // isComposing: Enter also confirms input-method candidates (Chinese, Japanese, …); that is not a send.
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && !this.phone.matches) {
        event.preventDefault();
        this.submit();
      }
    });
    input.addEventListener('input', () => {
      this.grow();
      this.update();
      saveDraft(this.input.value);
    });
    stopButton.addEventListener('click', () => onStop());
    document.addEventListener('keydown', (event) => {
      // After the status light's handler, which claims an Escape that closes its popover.
      if (event.key === 'Escape' && this.busy && !event.defaultPrevented && !event.isComposing) {
        event.preventDefault();
        onStop();
      }
    });
    document.addEventListener(OLLAMA_EVENT, (event) => {
      this.setNotice('ollama', event.detail.available === false ? OLLAMA_DOWN : null);
    });
    this.desktopHint = this.hintText.cloneNode(true);
    this.phone.addEventListener('change', () => this.describeKeys());
    this.describeKeys();
    const draft = loadDraft();
    if (draft && !input.value) this.text = draft;
  }

  /** The keyboard hint and the Send button's tooltip say what Enter does here. */
  describeKeys() {
    if (this.phone.matches) {
      this.hintText.textContent = 'Enter starts a new line; tap Send to send';
      this.sendButton.title = 'Send';
    } else {
      this.hintText.replaceChildren(...this.desktopHint.cloneNode(true).childNodes);
      this.sendButton.title = 'Send (Enter)';
    }
  }

  /** Loads the chips (once) and uploads `files`; resolves to the chips. */
  attach(files = []) {
    this.attachLoad ??= import('../on-demand/attachments.js').then((a) => (this.attachments = new a.Attachments(this)));
    return this.attachLoad.then((chips) => chips.addFiles(files));
  }

  /** The finished uploads to send with the text (upload answers). */
  get attached() {
    return this.attachments?.ready ?? [];
  }

  submit() {
    if (this.canSend) this.onSend(this.input.value);
  }

  get canSend() {
    return this.connected && !this.busy && this.input.value.trim() !== '' && !this.attachments?.uploading
      && !this.isOverLimit;     // a message needs text, with files too (protocol)
  }

  get isOverLimit() {
    return this.input.value.length > this.maxChars;
  }

  get text() {
    return this.input.value;
  }

  set text(value) {
    this.input.value = value;
    this.grow();
    this.update();
    saveDraft(value);
  }

  /** After switching conversations: the box shows the unsent draft of the one now shown, or nothing. */
  restoreDraft() {
    this.input.value = loadDraft();
    this.grow();
    this.update();
  }

  setConnected(connected) {
    this.connected = connected;
    this.update();
  }

  /** The server's longest message (hello's maxMessageChars): over it, Send is off and the line says why. */
  setLimit(maxChars) {
    this.maxChars = Number.isFinite(maxChars) && maxChars > 0 ? maxChars : Infinity;
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

  /** The connection's line under the box, or null for none (the other notices, or the keyboard hint). */
  setStatus(text) {
    this.setNotice('connection', text);
  }

  setNotice(kind, text) {
    if (text) this.notices.set(kind, text); else this.notices.delete(kind);
    const shown = NOTICES.map((k) => this.notices.get(k)).find(Boolean) ?? null;
    if (this.hintStatus.textContent === (shown ?? '') && this.hintStatus.hidden === !shown) return;
    this.hintStatus.textContent = shown ?? '';
    this.hintStatus.hidden = !shown;
    this.hintText.hidden = Boolean(shown);
    this.hint.classList.toggle('warn', Boolean(shown));
  }

  update() {
    this.sendButton.disabled = !this.canSend;
    this.stopButton.disabled = !this.connected;     // a cancel could not reach the server
    const length = this.input.value.length;
    this.setNotice('limit', this.isOverLimit
      ? `Your message has ${length} characters; the limit is ${this.maxChars}. Shorten it to send it.` : null);
  }

  grow() {
    this.input.style.height = 'auto';
    this.input.style.height = `${this.input.scrollHeight}px`;
  }

  focus() {
    this.input.focus();
  }
}
