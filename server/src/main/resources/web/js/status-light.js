// The Ollama status light in the top bar. The reason is in the tooltip (hover), in a popover (tap or click,
// for touch screens) and in visually hidden text (screen readers). With several Ollama machines behind the
// server, the label also says how many are up: "Ollama ready · 1 of 2 machines". Each change of Ollama's state is
// also dispatched as a 'lanchat:ollama' event ({ available: true, false, or null when unknown }) for the parts of
// the page that adapt to it (the message box, messages waiting for Ollama).

const LABELS = {
  up: 'Ollama ready',
  down: 'Ollama unavailable',
  offline: 'Server offline',
  unknown: 'Connecting…',
};

export class StatusLight {
  constructor(button, popover, announce) {
    this.button = button;
    this.popover = popover;
    this.announce = announce;
    this.label = button.querySelector('.status-label');
    this.hiddenReason = button.querySelector('.status-reason-text');
    this.state = button.dataset.state;
    button.addEventListener('click', () => this.toggle());
    document.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && !this.popover.hidden) {
        event.preventDefault();       // closing the popover is all this Escape does (it does not stop a reply)
        this.toggle(false);
      }
    });
    document.addEventListener('click', (event) => {
      if (!this.popover.hidden && !button.parentElement.contains(event.target)) this.toggle(false);
    });
  }

  /** From hello or availability: { available, reason, backendsUp?, backendsTotal? }. */
  ollama({ available, reason, backendsUp, backendsTotal }) {
    const machines = Number.isInteger(backendsTotal) && backendsTotal > 1 && Number.isInteger(backendsUp)
      ? `${backendsUp} of ${backendsTotal} machines` : null;
    this.set(available ? 'up' : 'down', reason, machines);
    this.tell(Boolean(available));
  }

  /** No connection to the LAN Chat server, so nothing is known about Ollama. */
  offline(reason) {
    this.set('offline', reason);
    this.tell(null);
  }

  tell(available) {
    document.dispatchEvent(new CustomEvent('lanchat:ollama', { detail: { available } }));
  }

  set(state, reason, machines = null) {
    const label = machines ? `${LABELS[state]} · ${machines}` : LABELS[state];
    const changed = label !== this.label.textContent;
    this.state = state;
    this.button.dataset.state = state;
    this.label.textContent = label;
    this.button.title = reason;
    this.hiddenReason.textContent = `: ${reason}`;
    this.popover.textContent = reason;
    if (changed && (state === 'up' || state === 'down')) this.announce(`${label}. ${reason}`);
  }

  toggle(open = this.popover.hidden) {
    this.popover.hidden = !open;
    this.button.setAttribute('aria-expanded', String(open));
  }
}
