// The thinking choice in a chat's settings: shown only when the chosen model has the `thinking` capability, with
// "Model default", then On/Off, or the model's own levels (`thinkLevels`) for a model that takes levels only, as
// the think control beside the model picker offers them (think-control.js). Saved as the conversation's
// `settings.think`. Loaded by settings-panel.js when a thinking model is first chosen there.
import { ThinkControl } from './think-control.js';

export class SettingsThink extends ThinkControl {
  constructor(before) {
    const field = document.createElement('div');
    field.className = 'field';
    const label = document.createElement('label');
    label.htmlFor = 'settings-think';
    label.textContent = 'Thinking';
    const select = document.createElement('select');
    select.id = 'settings-think';
    field.append(label, select);
    before.before(field);
    super(select);
  }

  /** Fits the choices to `model` (null hides them), showing `stored` when the model offers it. */
  fit(model, stored) {
    this.showFor(model);
    if (model && [...this.select.options].some((o) => o.value === stored)) this.select.value = stored;
  }

  get shown() {
    return !this.field.hidden;
  }
}
