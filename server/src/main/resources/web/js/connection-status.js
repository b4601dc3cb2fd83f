// What the page says about its connection to the server: the yellow banner with the reconnect countdown,
// "this conversation is open in another tab", and — when the server runs but refuses the WebSocket — the
// access-token panel. Also takes the status light and the message box offline while there is no connection.

export class ConnectionStatus {
  constructor({ banner, access, status, composer, probe, hasToken }) {
    Object.assign(this, { banner, access, status, composer, probe, hasToken });
    this.everConnected = false;
    this.dropCode = null;    // close code of the connection that was lost
    this.refused = false;    // the server runs but refuses the upgrade
    this.probes = 0;
  }

  /** A state from connection.js. */
  show(state) {
    switch (state.kind) {
      case 'connecting':
        if (this.everConnected) this.banner.show('Reconnecting…');
        break;
      case 'closed':
        this.lost(state);
        break;
      case 'waiting':
        this.banner.show(`${this.lostText()} Reconnecting in ${state.seconds} s…`, 'Reconnect now');
        break;
      case 'displaced':
        this.offline('This tab is not connected: its conversation is open in another tab or window.',
          'This conversation continues in another tab. Choose “Use here” to bring it back.');
        this.banner.show('This conversation is now open in another tab or window.', 'Use here',
          'Use here: continue the conversation in this tab');
        break;
      default:
        break;     // 'open': the hello follows
    }
  }

  /** A hello arrived: the server is there and let us in. */
  connected() {
    this.everConnected = true;
    this.dropCode = null;
    this.refused = false;
    this.probes += 1;        // a probe still under way is old news
    this.access.hide();
  }

  /** The conversation is back (or a new one began): requests can go out. */
  ready() {
    this.banner.hide();
    this.composer.setStatus(null);
    this.composer.setConnected(true);
  }

  lost({ code, opened }) {
    if (opened) this.dropCode = code;
    this.offline('No connection to the LAN Chat server, so the state of Ollama is unknown.',
      'Not connected. Your message stays here and can be sent when the connection is back.');
    if (!opened) this.checkRefusal();
  }

  offline(reason, hint) {
    this.composer.setConnected(false);
    this.composer.setStatus(hint);
    this.status.offline(reason);
  }

  /** A refused upgrade looks like a network error: ask over plain HTTP whether the server is there at all. */
  async checkRefusal() {
    const probe = ++this.probes;
    const answer = await this.probe();
    if (probe !== this.probes) return;     // connected meanwhile, or a newer attempt asks again
    this.refused = answer === 'up';
    if (this.refused) this.access.show(this.hasToken()); else this.access.hide();
  }

  lostText() {
    if (this.refused) return 'The server refused the connection.';
    if (this.dropCode === 1001) return 'The server is restarting.';
    if (!this.everConnected) return 'Cannot reach the LAN Chat server.';
    return 'Lost the connection to the server.';
  }
}
