// On a narrow screen the conversation list is a drawer over the chat: the menu button opens it, Escape, the
// backdrop or choosing a conversation closes it. While closed it is inert, so Tab and screen readers skip it.
const NARROW = '(max-width: 760px)';

export class Drawer {
  constructor({ panel, toggle, backdrop, closeButton, firstFocus }) {
    Object.assign(this, { panel, toggle, backdrop, firstFocus });
    this.media = window.matchMedia(NARROW);
    this.open = false;
    toggle.addEventListener('click', () => this.setOpen(!this.open));
    closeButton.addEventListener('click', () => this.setOpen(false));
    backdrop.addEventListener('click', () => this.setOpen(false));
    panel.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && this.open) {
        event.preventDefault();
        this.setOpen(false);
      }
    });
    this.media.addEventListener('change', () => this.setOpen(false));
    this.setOpen(false);
  }

  get narrow() {
    return this.media.matches;
  }

  setOpen(open) {
    const wasOpen = this.open;
    const hadFocus = this.panel.contains(document.activeElement);
    this.open = open && this.narrow;
    if (this.open !== wasOpen) {
      document.body.classList.add('drawer-moving');
      clearTimeout(this.moving);
      this.moving = setTimeout(() => document.body.classList.remove('drawer-moving'), 300);
    }
    document.body.classList.toggle('drawer-open', this.open);
    this.panel.inert = this.narrow && !this.open;
    this.backdrop.hidden = !this.open;
    this.toggle.setAttribute('aria-expanded', String(this.open));
    if (this.open && !wasOpen) this.firstFocus().focus();
    // inert drops the focus it holds: give it to the button that opens the drawer again
    if (!this.open && wasOpen && hadFocus) this.toggle.focus();
  }

  /** After choosing a conversation on a phone, the chat is what the reader wants to see. */
  closeIfNarrow() {
    if (this.open) this.setOpen(false);
  }
}
