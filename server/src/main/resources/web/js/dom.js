// Tiny DOM helpers. Text goes in through textContent only, never as HTML.

/** Creates an element with a class and optional text. */
export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A small pill such as "Stopped". */
export function badge(kind, text) {
  return el('span', `badge ${kind}`, text);
}
