// The toolbar under a message: Copy (its raw Markdown), Edit (user messages), Regenerate (shown on the last
// reply only, by CSS) and "‹ 2/3 ›" when it has several versions (protocol/README.md, "Versions of messages").
// Buttons call `actions` ({ edit(node, seq, text), regenerate(), switchTo(seq, v), copy(text, button) }); all
// but Copy are disabled while a reply streams (setBusy) and the arrows at the ends.
import { el } from '../js/dom.js';

function button(className, text, label, onClick) {
  const b = el('button', `tool ${className}`, text);
  b.type = 'button';
  if (label) b.setAttribute('aria-label', label);
  b.addEventListener('click', onClick);
  return b;
}

/** Adds the toolbar to a message `node` showing `text`; `seq` and `versions` as the history has them. */
export function addTools(node, { role, text, seq, versions }, actions, busy) {
  node.querySelector('.msg-tools')?.remove();
  node.dataset.seq = Number.isInteger(seq) ? seq : '';
  const tools = el('div', 'msg-tools');
  const who = role === 'user' ? 'your message' : 'the reply';
  const copy = button('copy-msg', 'Copy', `Copy ${who} as Markdown`, () => actions.copy(text, copy));
  tools.append(copy);
  if (role === 'user' && Number.isInteger(seq)) {
    tools.append(button('edit', 'Edit', 'Edit your message', () => actions.edit(node, seq, text)));
  }
  if (role === 'assistant') {
    tools.append(button('regen', 'Regenerate', 'Regenerate the reply', () => actions.regenerate()));
  }
  if (versions && versions.count > 1 && Number.isInteger(seq)) {
    const { index, count } = versions;
    const nav = el('span', 'versions');
    const prev = button('ver-prev', '‹', 'Previous version', () => actions.switchTo(seq, index - 1));
    const next = button('ver-next', '›', 'Next version', () => actions.switchTo(seq, index + 1));
    const label = el('span', 'ver-label');
    label.append(el('span', '', `${index}/${count}`));
    label.firstChild.setAttribute('aria-hidden', 'true');
    label.append(el('span', 'visually-hidden', `Version ${index} of ${count}`));
    prev.dataset.edge = index <= 1 ? 'yes' : '';
    next.dataset.edge = index >= count ? 'yes' : '';
    nav.append(prev, label, next);
    tools.append(nav);
  }
  node.append(tools);
  setBusy(tools, busy);
}

export function setBusy(root, busy) {
  for (const b of root.querySelectorAll('.tool:not(.copy-msg)')) b.disabled = busy || b.dataset.edge === 'yes';
}
