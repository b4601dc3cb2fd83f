// The conversation's settings (model, system prompt, thinking, sampling options), opened from the conversation header
// and stored with the conversation by a `settings` frame, or by `create` for a new chat the server has not
// stored yet. The server's answer is the truth: a refusal keeps the panel open with the server's message.
import { OPTIONS, SYSTEM_MAX_CHARS, rangeText, readOption, withServerRanges } from '../js/chat-options.js';
import { el } from '../js/dom.js';

export class SettingsPanel {
  /** `save(settings)` sends them and returns the request id, or null when not connected. */
  constructor({ dialog, opener, store, save, announce }) {
    Object.assign(this, { dialog, opener, store, save, announce });
    this.form = dialog.querySelector('form');
    this.model = dialog.querySelector('#settings-model');
    this.system = dialog.querySelector('#settings-system');
    this.problem = dialog.querySelector('.settings-problem');
    this.requestId = null;
    this.inputs = new Map();
    this.buildOptions(dialog.querySelector('.settings-options'));
    this.system.maxLength = SYSTEM_MAX_CHARS;
    dialog.querySelector('.system-limit').textContent = `At most ${SYSTEM_MAX_CHARS.toLocaleString('en')} characters.`;
    this.model.addEventListener('change', () => this.fitThink());
    opener.addEventListener('click', () => this.open());
    dialog.querySelector('.settings-cancel').addEventListener('click', () => this.dialog.close());
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submit();
    });
    dialog.addEventListener('close', () => { this.requestId = null; opener.focus(); });
  }

  buildOptions(container) {
    for (const option of OPTIONS) {
      const id = `option-${option.key}`;
      const label = el('label', '', option.label);
      label.htmlFor = id;
      const input = el('input');
      Object.assign(input, { id, type: 'text', inputMode: option.whole ? 'numeric' : 'decimal', autocomplete: 'off' });
      const hint = el('span', 'field-hint');
      hint.id = `${id}-hint`;
      input.setAttribute('aria-describedby', hint.id);
      const field = el('div', 'field');
      field.append(label, input, hint);
      container.append(field);
      this.inputs.set(option.key, input);
    }
  }

  open() {
    const { settings, models } = this.store;
    const defaultModel = this.store.limits.defaultModel;
    this.model.replaceChildren(new Option(`The server's default${defaultModel ? ` (${defaultModel})` : ''}`, ''),
      ...models.map((m) => new Option(m.name, m.name)));
    if (settings.model && !models.some((m) => m.name === settings.model)) {
      this.model.append(new Option(`${settings.model} (not installed)`, settings.model));
    }
    this.model.value = settings.model ?? '';
    this.options = withServerRanges(this.store.limits.optionRanges);
    for (const option of this.options) {
      this.dialog.querySelector(`#option-${option.key}-hint`).textContent =
        `${option.help} Allowed: ${rangeText(option)}; empty for the server's default.`;
    }
    this.system.value = settings.system ?? '';
    for (const [key, input] of this.inputs) input.value = settings.options?.[key] ?? '';
    this.showProblem(null);
    this.fitThink();
    this.dialog.showModal();
  }

  /** The thinking choice, for a thinking model only (on-demand/settings-think.js, loaded when first needed). */
  fitThink() {
    const chosen = this.model.value || this.store.limits.defaultModel;
    const model = this.store.models.find((m) => m.name === chosen);
    const thinks = model?.capabilities?.includes('thinking');
    if (!this.think && !thinks) return;
    import('./settings-think.js').then(({ SettingsThink }) => {
      this.think ??= new SettingsThink(this.dialog.querySelector('.settings-options'));
      this.think.fit(thinks ? model : null, this.store.settings.think);
    }, () => {});
  }

  submit() {
    // options the panel does not show (set by an import or another client) are kept, not dropped
    const options = { ...this.store.settings.options };
    for (const option of OPTIONS) delete options[option.key];
    for (const option of this.options) {
      const input = this.inputs.get(option.key);
      const { value, problem } = readOption(option, input.value);
      if (problem) {
        this.showProblem(problem, input);
        return;
      }
      if (value !== undefined) options[option.key] = value;
    }
    const settings = {};
    if (this.model.value) settings.model = this.model.value;
    if (this.system.value.trim()) settings.system = this.system.value;
    if (Object.keys(options).length > 0) settings.options = options;
    // a model that cannot think hides the choice: the stored one is kept for the next model that can
    const think = this.think?.shown ? this.think.value : this.store.settings.think;
    if (think) settings.think = think;
    this.requestId = this.save(settings);
    if (this.requestId === null) this.showProblem('Not connected: the settings were not saved.');
  }

  /** The answer (conversation or opened) to the save: the settings are stored. */
  saved(frameId) {
    if (frameId === null || frameId !== this.requestId) return false;
    this.requestId = null;
    this.dialog.close();
    this.announce('Chat settings saved. They apply from the next message.');
    return true;
  }

  /** An error answering the save: shown in the panel, which stays open. */
  claimError(frame) {
    if (!this.requestId || frame.id !== this.requestId) return false;
    this.requestId = null;
    const option = OPTIONS.find((o) => (frame.message ?? '').includes(o.key));
    this.showProblem(`Not saved: ${frame.message ?? frame.code}`, option ? this.inputs.get(option.key) : null);
    return true;
  }

  showProblem(text, field = null) {
    this.problem.textContent = text ?? '';
    this.problem.hidden = !text;
    for (const input of this.inputs.values()) input.removeAttribute('aria-invalid');
    if (field) {
      field.setAttribute('aria-invalid', 'true');
      field.focus();
    }
  }
}
