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

/** A stable hue (0–359) for a person's name, so each author keeps one colour wherever the name shows. */
export function nameHue(name) {
  let hash = 2166136261;
  for (let i = 0; i < name.length; i += 1) hash = Math.imul(hash ^ name.charCodeAt(i), 16777619);
  return (hash >>> 0) % 360;
}

/** A name in its own colour (app.css `.author`), as text. */
export function authorName(name, tag = 'span', className = 'author') {
  const node = el(tag, className, name);
  node.style.setProperty('--hue', nameHue(name));
  return node;
}
