// Messages the server kept because Ollama was unavailable: their error box offers to send the message by itself
// when Ollama is back, and once it is back says so next to Retry. Learns of Ollama's state from the status
// light's 'lanchat:ollama' event, so neither the light nor the controller needs to know about it.
import { el } from './dom.js';

export const OLLAMA_EVENT = 'lanchat:ollama';
const STILL_TICKED_MS = 30000;

export class OllamaWaits {
  constructor() {
    this.boxes = new Set();
    this.sentByItselfAt = -Infinity;    // an automatic retry that fails at once (Ollama down again) stays ticked
    document.addEventListener(OLLAMA_EVENT, (event) => {
      if (event.detail.available) this.back();
    });
  }

  offer(box, retry) {
    const label = el('label', 'auto-retry');
    const tick = document.createElement('input');
    tick.type = 'checkbox';
    tick.checked = Date.now() - this.sentByItselfAt < STILL_TICKED_MS;
    this.sentByItselfAt = -Infinity;
    label.append(tick, ' Send it by itself when Ollama is back');
    box.append(label);
    this.boxes.add({ box, retry, tick, label });
  }

  back() {
    for (const waiting of this.boxes) {
      const { box, retry, tick, label } = waiting;
      this.boxes.delete(waiting);
      if (!box.isConnected || !retry.isConnected) continue;      // retried, replaced or retired meanwhile
      label.remove();
      if (tick.checked) {
        this.sentByItselfAt = Date.now();
        retry.click();
      } else {
        box.querySelector('.error-text').append(el('span', 'back-again', ' Ollama is back: send your message again?'));
      }
    }
  }
}
