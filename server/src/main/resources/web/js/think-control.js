// The think control beside the model picker: shown only when the chosen model has the `thinking` capability,
// offering "Model default", then On/Off, or the model's own levels (`thinkLevels`, e.g. gpt-oss's low/medium/
// high) for a model that takes levels only. The choice goes with each message as `chat.think`; "Model default"
// sends none (the conversation's setting, else the model's default, applies). A choice the next model does not
// offer falls back to the default rather than being turned into something else silently.

const ON_OFF = [['on', 'On'], ['off', 'Off']];

function capitalized(word) {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** Whether a model entry (hello/models/models_changed) says it thinks. */
export function thinks(model) {
  return Array.isArray(model?.capabilities) && model.capabilities.includes('thinking');
}

export class ThinkControl {
  constructor(select) {
    this.select = select;
    this.field = select.parentElement;     // the label and the select, hidden together
    this.field.hidden = true;
  }

  /** Fits the choices to `model` (an entry, or null for a model the server does not list). */
  showFor(model) {
    if (!thinks(model)) {
      this.field.hidden = true;
      return;
    }
    const previous = this.select.value;
    const choices = Array.isArray(model.thinkLevels) && model.thinkLevels.length > 0
      ? model.thinkLevels.map((level) => [level, capitalized(level)])
      : ON_OFF;
    this.select.replaceChildren(...[['', 'Model default'], ...choices].map(([value, text]) => {
      const option = document.createElement('option');
      option.value = value;
      option.textContent = text;
      return option;
    }));
    this.select.value = choices.some(([value]) => value === previous) ? previous : '';
    this.field.hidden = false;
  }

  /** The `think` to send with a chat, or undefined for the default (and for models that do not think). */
  get value() {
    return this.field.hidden || !this.select.value ? undefined : this.select.value;
  }
}
