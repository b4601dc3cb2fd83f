// The name a member joins a room with: asked once, remembered in this browser (localStorage), asked again when
// the room refuses it (taken, or not a valid name) with the reason.
import { el } from '../js/dom.js';

const NAME_KEY = 'lanchat.roomName';
const MAX_NAME = 32;

export function rememberedName() {
  try {
    return localStorage.getItem(NAME_KEY);
  } catch {
    return null;                   // storage disabled: ask each time
  }
}

function remember(name) {
  try {
    localStorage.setItem(NAME_KEY, name);
  } catch {
    // storage disabled: the name is still used now
  }
}

export class JoinForm {
  /** Shown at the top of `place`; `onName(name)` when the member gives one. */
  constructor(place, onName) {
    this.input = el('input');
    Object.assign(this.input, { id: 'room-name', type: 'text', maxLength: MAX_NAME, autocomplete: 'nickname',
      spellcheck: false, required: true });
    this.problem = el('p', 'room-join-problem');
    this.problem.id = 'room-name-problem';
    this.problem.setAttribute('role', 'alert');
    const label = el('label', '', 'Your name in this room');
    label.htmlFor = 'room-name';
    const join = el('button', 'button primary', 'Join');
    join.type = 'submit';
    join.id = 'room-join';
    this.form = el('form', 'room-join');
    this.form.append(el('h2', '', 'Join this room'),
      el('p', 'panel-text', 'Everyone in the room sees your messages under this name, and the replies.'),
      label, this.input, join, this.problem);
    this.form.hidden = true;
    place.prepend(this.form);
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      const name = this.input.value.trim();
      if (!name) {
        this.problem.textContent = 'Type a name first.';
        return;
      }
      remember(name);
      this.form.hidden = true;
      document.body.classList.remove('room-naming');
      onName(name);
    });
  }

  /** Asks for a name, saying `why` when the last one was refused. */
  ask(why = '', suggestion = rememberedName() ?? '') {
    this.problem.textContent = why;
    this.input.value = suggestion;
    this.form.hidden = false;
    document.body.classList.add('room-naming');
    this.input.focus();
    this.input.select();
  }
}
