// People's names in a room, each in a colour of its own: a hue from the name, so it is the same everywhere
// and for everyone, made dark on a light page and light on a dark one (room.css `.author`) for contrast.
// Also loads room.css, which the room's parts share, once.

/** A stable hue (0–359) for a name. */
export function nameHue(name) {
  let hash = 2166136261;
  for (let i = 0; i < name.length; i += 1) hash = Math.imul(hash ^ name.charCodeAt(i), 16777619);
  return (hash >>> 0) % 360;
}

export function roomStyle() {
  const href = new URL('room.css', import.meta.url).href;
  if ([...document.querySelectorAll('link[rel=stylesheet]')].some((l) => l.href === href)) return;
  document.head.append(Object.assign(document.createElement('link'), { rel: 'stylesheet', href }));
}

/** Gives `node`, which shows `name`, that name's colour. */
export function colour(node, name) {
  roomStyle();
  node.classList.add('author');
  node.style.setProperty('--hue', nameHue(name));
  return node;
}

/** A name in its colour, as text. */
export function authorName(name, tag = 'span', className = '') {
  const node = document.createElement(tag);
  node.className = className;
  node.textContent = name;
  return colour(node, name);
}
