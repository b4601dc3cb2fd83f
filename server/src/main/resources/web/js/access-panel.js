// Shown when the server runs but refuses the WebSocket: says why that most likely is (no access token, or a
// wrong one), how to open the page with a token, and offers a field to paste one.

const TEXT = {
  missing: {
    title: 'This server needs an access token',
    text: 'The LAN Chat server is running but refused the connection, most likely because it asks for an access '
      + 'token. Ask the person who runs it for one and paste it here.',
  },
  refused: {
    title: 'The server refused the access token',
    text: 'The LAN Chat server is running but refused the connection. Most likely the access token of this tab is '
      + 'wrong or no longer valid: paste a new one. (It can also mean that this computer has too many LAN Chat tabs '
      + 'open, or that the server is full; then closing other tabs helps, and the page keeps trying.)',
  },
};

export class AccessPanel {
  constructor(panel, { onToken, announce }) {
    this.panel = panel;
    this.announce = announce;
    this.title = panel.querySelector('.access-title');
    this.text = panel.querySelector('.access-text');
    this.input = panel.querySelector('input');
    panel.querySelector('.access-example').textContent = `${window.location.origin}/?access_token=TOKEN`;
    panel.querySelector('form').addEventListener('submit', (event) => {
      event.preventDefault();
      const token = this.input.value.trim();
      if (!token) {
        this.input.focus();
        return;
      }
      this.input.value = '';
      onToken(token);
    });
  }

  /** `hadToken`: whether the refused attempt carried a token. */
  show(hadToken) {
    const { title, text } = hadToken ? TEXT.refused : TEXT.missing;
    const changed = this.panel.hidden || this.title.textContent !== title;
    this.title.textContent = title;
    this.text.textContent = text;
    this.panel.hidden = false;
    if (changed) {
      this.announce(`${title}. ${text}`);
      this.input.focus();
    }
  }

  hide() {
    this.panel.hidden = true;
  }

  get isShown() {
    return !this.panel.hidden;
  }
}
