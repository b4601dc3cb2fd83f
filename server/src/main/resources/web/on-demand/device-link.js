// "Use my chats on another device": the link that carries this browser's owner key in its fragment
// (#owner_key=…, which browsers never send to a server), with what the key protects and what it does not
// (protocol/README.md, "Owners and owner keys"). With an access token the chats follow the token instead.
// Loaded on demand, when its button is first pressed (main.js): few people open it, and the first load has a budget.
import { copyText } from '../js/clipboard.js';

export class DeviceLink {
  constructor({ dialog, opener, ownerKey, usesToken, announce }) {
    Object.assign(this, { dialog, ownerKey, usesToken, announce });
    this.link = dialog.querySelector('#device-link');
    this.copy = dialog.querySelector('.device-copy');
    dialog.querySelector('.device-close').addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => opener.focus());
    this.copy.addEventListener('click', async () => {
      const copied = await copyText(this.link.value);
      this.announce(copied ? 'Link copied. Keep it private.' : 'Could not copy: select the link and copy it.');
      if (!copied) this.link.select();
    });
  }

  open() {
    const token = this.usesToken();
    const key = this.ownerKey();
    this.dialog.querySelector('.device-key').hidden = token || !key;
    this.dialog.querySelector('.device-token').hidden = !token;
    this.dialog.querySelector('.device-none').hidden = token || Boolean(key);
    const { origin, pathname } = window.location;
    this.link.value = key ? `${origin}${pathname}#owner_key=${key}` : '';
    this.dialog.showModal();
  }
}
