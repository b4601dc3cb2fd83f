// Attachments (protocol/README.md, "Attachments"): images and text files added by the paperclip, paste or drop
// are uploaded at once (POST /attachments) and shown as chips above the box; Send waits for the uploads and
// names their ids. Images are shown with the user's message, fetched with the same credentials as the upload
// (a header, never in the image's address) into object URLs that are revoked when the image leaves the page.
// Loaded on the first attach, or when the transcript first shows a message with images.
import { accessToken } from '../js/access-token.js';
import { ownerKey } from '../js/owner-key.js';
import { el } from '../js/dom.js';

const TEXT_TYPES = { md: 'text/markdown', csv: 'text/csv', json: 'application/json', xml: 'application/xml',
  yaml: 'application/yaml', yml: 'application/yaml', toml: 'application/toml', sql: 'application/sql',
  sh: 'application/x-sh', js: 'application/javascript' };

function credentials() {
  const token = accessToken();
  if (token) return { Authorization: `Bearer ${token}` };
  const key = ownerKey();
  return key ? { 'X-Owner-Key': key } : {};
}

/** What the server is told the file is: the browser's type, or text for a file it has no type for. */
function contentType(file) {
  if (file.type) return file.type;
  const extension = /\.([A-Za-z0-9]+)$/.exec(file.name)?.[1]?.toLowerCase();
  return TEXT_TYPES[extension] ?? 'text/plain';
}

function size(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  return bytes < 1024 * 1024 ? `${Math.round(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

const shown = new Set();     // object URLs on the page, revoked when their image leaves it

function revokeGone() {
  for (const image of shown) {
    if (!image.isConnected) {
      URL.revokeObjectURL(image.src);
      shown.delete(image);
    }
  }
}
new MutationObserver(revokeGone).observe(document.body, { childList: true, subtree: true });

const style = document.createElement('link');
style.rel = 'stylesheet';
style.href = new URL('attachments.css', import.meta.url).href;
document.head.append(style);

/** Fills `image` with attachment `id` (or a local file), as an object URL. */
async function fill(image, id, file = null) {
  let blob = file;
  if (!blob) {
    const response = await fetch(`/attachments/${encodeURIComponent(id)}`, { headers: credentials() });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    blob = await response.blob();
  }
  image.src = URL.createObjectURL(blob);
  shown.add(image);
}

/** The images (and names of text files) of a user message, under its text; a click opens an image larger. */
export function showAttachments(node, attachments) {
  const list = el('div', 'msg-files');
  for (const a of attachments) {
    if (a.kind !== 'image') {
      list.append(el('span', 'msg-file', a.name));
      continue;
    }
    const image = document.createElement('img');
    image.alt = a.name;
    if (a.width && a.height) Object.assign(image, { width: a.width, height: a.height });
    const link = el('a', 'msg-image');
    link.target = '_blank';
    link.rel = 'noopener';
    link.title = `${a.name}: open larger`;
    link.append(image);
    fill(image, a.id).then(() => { link.href = image.src; }, () => link.replaceWith(el('span', 'msg-file', `${a.name} (no longer available)`)));
    list.append(link);
  }
  node.append(list);
}

/** The chips of the files attached to the message being written. */
export class Attachments {
  constructor(composer) {
    const { form, picker, announce } = composer;
    Object.assign(this, { composer, picker, announce, items: [] });
    this.list = el('ul', 'attach-chips');
    this.list.setAttribute('aria-label', 'Attached files');
    this.list.hidden = true;
    form.before(this.list);
    picker?.select.addEventListener('change', () => this.changed());
  }

  /** Upload answers of the finished uploads, in order. */
  get ready() {
    return this.items.filter((i) => i.state === 'ready').map((i) => i.info);
  }

  get uploading() {
    return this.items.some((i) => i.state === 'uploading');
  }

  addFiles(files) {
    for (const file of files) this.upload(file);
    return this;
  }

  async upload(file) {
    const item = { file, state: 'uploading', info: null };
    this.addChip(item);
    this.changed();
    let problem;
    try {
      const response = await fetch(`/attachments?name=${encodeURIComponent(file.name)}`, {
        method: 'POST', body: file, headers: { 'Content-Type': contentType(file), ...credentials() },
      });
      const answer = await response.json().catch(() => ({}));
      if (response.ok && answer.id) item.info = answer;
      else problem = answer.error ?? `The server refused the file (HTTP ${response.status}).`;
    } catch {
      problem = 'The upload failed: the server could not be reached.';
    }
    if (!this.items.includes(item)) return;          // removed while uploading
    item.state = problem ? 'failed' : 'ready';
    this.drawStatus(item, problem);
    this.announce(problem ? `${file.name} was not attached: ${problem}` : `${file.name} attached.`);
    this.changed();
  }

  /** Chips for attachments already uploaded (a refused message's, given back to the box). */
  restore(infos) {
    for (const info of infos) {
      const item = { file: null, state: 'ready', info };
      this.addChip(item);
      this.drawStatus(item, null);
    }
    this.changed();
  }

  clear() {
    this.items = [];
    this.list.replaceChildren();
    this.changed();
  }

  addChip(item) {
    const image = item.file ? item.file.type.startsWith('image/') : item.info.kind === 'image';
    const name = item.file?.name ?? item.info.name;
    item.chip = el('li', 'attach-chip');
    if (image) {
      const thumb = document.createElement('img');
      thumb.alt = '';
      thumb.className = 'attach-thumb';
      fill(thumb, item.info?.id, item.file).catch(() => thumb.remove());
      item.chip.append(thumb);
    } else {
      item.chip.append(el('span', 'attach-icon', '📄'));
    }
    item.status = el('span', 'attach-status', 'Uploading…');
    const remove = el('button', 'attach-remove', '×');
    remove.type = 'button';
    remove.setAttribute('aria-label', `Remove ${name}`);
    remove.addEventListener('click', () => {
      this.items = this.items.filter((i) => i !== item);
      item.chip.remove();
      this.announce(`${name} removed.`);
      this.changed();
    });
    item.chip.append(el('span', 'attach-name', name), item.status, remove);
    this.items.push(item);
    this.list.append(item.chip);
  }

  drawStatus(item, problem) {
    item.chip.classList.toggle('failed', Boolean(problem));
    item.status.textContent = problem ?? size(item.info.bytes ?? item.file?.size ?? 0);
  }

  /** The line under the box: uploads still running, or images for a model that cannot see them. */
  notice() {
    if (this.uploading) return 'Uploading… Send is available once the files are uploaded.';
    if (!this.picker || !this.ready.some((i) => i.kind === 'image')) return null;
    const models = this.picker.models ?? [];
    const chosen = models.find((m) => m.name === this.picker.select.value);
    if (!chosen || (chosen.capabilities ?? []).includes('vision')) return null;
    const seeing = models.filter((m) => (m.capabilities ?? []).includes('vision')).map((m) => m.name);
    return `${chosen.name} can’t see images. `
      + (seeing.length ? `Models that can: ${seeing.join(', ')}.` : 'No installed model can.');
  }

  changed() {
    this.list.hidden = this.items.length === 0;
    this.composer.setNotice('attach', this.notice());
    this.composer.update();
  }
}
