// Entry point: finds the page's parts, wires them together and opens the connection.
import { connect, socketUrl } from './connection.js';
import { ownerKey, takeOwnerKeyFromLink } from './owner-key.js';
import { ChatController } from './controller.js';
import { ChatView } from './chat-view.js';
import { Composer } from './composer.js';
import { ModelPicker } from './model-picker.js';
import { StatusLight } from './status-light.js';
import { ConnectionStatus } from './connection-status.js';
import { AccessPanel } from './access-panel.js';
import { SessionKeeper } from './session-keeper.js';
import { accessToken, setAccessToken, takeTokenFromAddress } from './access-token.js';
import { probeServer } from './server-probe.js';
import { handleCopyButtons } from './clipboard.js';
import { ConversationStore } from './conversation-store.js';
import { ConversationActions } from './conversations.js';
import { Sidebar } from './sidebar.js';
import { Drawer } from './drawer.js';
import { UndoToast } from './undo-toast.js';
import { ChatHeader } from './chat-header.js';

takeTokenFromAddress();      // first: the token leaves the address bar before anything else can record it

// A share link's page (/s/TOKEN) is read-only: its viewer takes over, and nothing below ever runs.
if (window.location.pathname.startsWith('/s/')) {
  (await import('../on-demand/share-view.js')).startShareView();
  await new Promise(() => {});
}
// A room's invite (/r/TOKEN): its member's view takes over the same way.
if (window.location.pathname.startsWith('/r/')) {
  (await import('../on-demand/room-view.js')).startRoomView();
  await new Promise(() => {});
}

const $ = (id) => document.getElementById(id);

const announcer = $('announcer');
function announce(text) {
  announcer.textContent = text;
}

const bannerNode = $('connection-banner');
const bannerButton = $('reconnect-now');
const banner = {
  /**
   * `action`: the label of the button that reconnects ("Reconnect now", "Use here"), or null for none;
   * `description`: a fuller name for screen readers.
   */
  show(text, action = null, description = null) {
    bannerNode.querySelector('.banner-text').textContent = text;
    bannerButton.hidden = !action;
    if (action) bannerButton.textContent = action;
    if (description) {
      bannerButton.setAttribute('aria-label', description);
    } else {
      bannerButton.removeAttribute('aria-label');
    }
    if (bannerNode.hidden) announce(text);
    bannerNode.hidden = false;
  },
  hide() {
    bannerNode.hidden = true;
  },
};

const view = new ChatView({
  transcript: $('transcript'), scroller: $('scroller'), jumpButton: $('jump'), emptyState: $('empty-state'),
});
const status = new StatusLight($('ollama-status'), $('ollama-reason'), announce);
const picker = new ModelPicker($('model'), $('think'));

const composer = new Composer({
  form: $('composer'),
  input: $('input'),
  sendButton: $('send'),
  stopButton: $('stop'),
  hint: $('composer-hint'),
  onSend: (text) => controller.send(text),
  onStop: () => controller.stop(),
  picker, announce, dropZone: $('scroller'),
});

const access = new AccessPanel($('access-panel'), {
  announce,
  onToken: (token) => {
    setAccessToken(token);
    connection.reconnectNow();
  },
});
const link = new ConnectionStatus({
  banner, access, status, composer, probe: probeServer, hasToken: () => accessToken() !== null,
});

takeOwnerKeyFromLink();
const store = new ConversationStore();
const keeper = new SessionKeeper();
store.subscribe(() => keeper.keepSettings(store.currentId, store.settings));
const controller = new ChatController({ view, composer, picker, status, link, keeper, announce, store });
const connection = connect({
  url: () => socketUrl(accessToken(), window.location, ownerKey()),
  onFrame: (frame) => controller.frame(frame),
  onState: (state) => controller.connectionState(state),
});
controller.connection = connection;

const listStatus = $('list-status');
const actions = new ConversationActions({
  store,
  send: (frame) => connection.send(frame),
  nextId: (prefix) => controller.nextId(prefix),
  announce,
  report: (text) => { listStatus.textContent = text; },
});
controller.conversations = actions;
const drawer = new Drawer({
  panel: $('sidebar'), toggle: $('menu'), backdrop: $('drawer-backdrop'), closeButton: $('close-sidebar'),
  firstFocus: () => $('new-chat'),
});
const sidebar = new Sidebar({
  list: $('conversation-list'), status: listStatus, search: $('conversation-search'), moreButton: $('list-more'),
  store, actions,
  onOpen: (id) => {
    controller.switcher.open(id);
    drawer.closeIfNarrow();
    composer.focus();
  },
});
const toast = new UndoToast($('undo-toast'), () => $('conversation-search'));
sidebar.onDelete = (id) => {
  const title = store.summaries.find((c) => c.id === id)?.title ?? 'the conversation';
  actions.remove(id);
  toast.show(`Deleted “${title}”.`, () => {
    actions.undo(id);
    announce(`“${title}” is back.`);
  });
};
window.addEventListener('pagehide', () => actions.flushDeletes());
// The settings dialog loads when first opened (the first load has a budget, docs/browser.md); once made it
// listens to its opener itself.
let settingsPanel = null;
$('chat-settings').addEventListener('click', async () => {
  if (settingsPanel) return;
  settingsPanel = import('../on-demand/settings-panel.js').then(({ SettingsPanel }) => {
    controller.settingsPanel = new SettingsPanel({
      dialog: $('settings-dialog'), opener: $('chat-settings'), store, announce,
      save: (settings) => controller.switcher.saveSettings(settings),
    });
    return controller.settingsPanel;
  });
  try {
    (await settingsPanel).open();
  } catch {
    settingsPanel = null;
    announce('The chat settings could not be loaded. Check the connection to the server and try again.');
  }
});
// The other-device panel and the import reader load when first used: few people need them, and the first
// load has a budget (docs/browser.md).
let deviceLink = null;
$('device-link-button').addEventListener('click', async () => {
  deviceLink ??= import('../on-demand/device-link.js').then(({ DeviceLink }) => new DeviceLink({
    dialog: $('device-dialog'), opener: $('device-link-button'), ownerKey, announce,
    usesToken: () => accessToken() !== null,
  }));
  (await deviceLink).open();
});
let sharePanel = null;
$('share-chat').addEventListener('click', async () => {
  sharePanel ??= import('../on-demand/share-panel.js').then(({ SharePanel }) => new SharePanel({
    opener: $('share-chat'), announce, changed: () => actions.refresh() }));
  (await sharePanel).open();
});
new ChatHeader({ title: $('chat-title'), summary: $('settings-summary'), store, sidebar: $('sidebar') });
$('import-button').addEventListener('click', () => $('import-file').click());
$('import-file').addEventListener('change', async (event) => {
  const { readImportFile } = await import('../on-demand/import-file.js');
  const result = await readImportFile(event.target.files[0]);
  event.target.value = '';
  if (result.problem) listStatus.textContent = result.problem; else actions.import(result.content);
});

$('new-chat').addEventListener('click', () => {
  controller.newChat();
  drawer.closeIfNarrow();
  composer.focus();
});
document.querySelector('.skip-link').addEventListener('click', (event) => {
  event.preventDefault();         // following #input scrolls to the box but does not focus it everywhere
  composer.focus();
});
bannerButton.addEventListener('click', () => connection.reconnectNow());
handleCopyButtons($('transcript'), announce);
composer.focus();
