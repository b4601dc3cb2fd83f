// The inline editor of a user message: a text box with "Save & send" and "Cancel". Enter behaves as in the
// composer (sends on a desktop, a new line on a phone; Shift+Enter a new line), Escape cancels.
import { el } from '../js/dom.js';

const PHONE = '(pointer: coarse), (max-width: 640px)';

/** Opens the editor in place of `node`'s text; `onSave(text)` returns whether it was sent. */
export function openEditor(node, text, onSave) {
  if (node.querySelector('.edit-box')) return;
  const body = node.querySelector('.body');
  const tools = node.querySelector('.msg-tools');
  const box = el('div', 'edit-box');
  const area = el('textarea', 'edit-input');
  area.value = text;
  area.rows = Math.min(10, text.split('\n').length + 1);
  area.setAttribute('aria-label', 'Edit your message');
  const save = el('button', 'button primary', 'Save & send');
  const cancel = el('button', 'button', 'Cancel');
  save.type = 'button';
  cancel.type = 'button';
  box.append(area, el('div', 'edit-buttons'));
  box.lastChild.append(cancel, save);
  const shut = () => {
    box.remove();
    body.hidden = false;
    if (tools) tools.hidden = false;
  };
  const close = () => {
    shut();
    tools?.querySelector('.edit')?.focus();
  };
  const send = () => {
    if (area.value.trim() && onSave(area.value)) shut();
  };
  save.addEventListener('click', send);
  cancel.addEventListener('click', close);
  area.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close();
    } else if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && !matchMedia(PHONE).matches) {
      event.preventDefault();
      send();
    }
  });
  body.hidden = true;
  if (tools) tools.hidden = true;
  body.after(box);
  area.focus();
  area.setSelectionRange(area.value.length, area.value.length);
}
