// The model picker's marks, an eye for vision and a brain for thinking, each with its word for screen readers
// ("llama3.2-vision (11B) · 👁 vision"), and the think control beside the picker: shown only when the chosen model has the `thinking` capability,
// offering "Model default", then On/Off, or the model's own levels (`thinkLevels`, e.g. gpt-oss's low/medium/
// high) for a model that takes levels only. The choice goes with each message as `chat.think`; "Model default"
// sends none (the conversation's setting, else the model's default, applies). A choice the next model does not
// offer falls back to the default rather than being turned into something else silently. Loaded by
// model-picker.js once a thinking model is listed (on-demand/: not part of the first load).
import './thinking-style.js';

const ON_OFF = [['on', 'On'], ['off', 'Off']];

function capitalized(word) {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

const can = (model, what) => Array.isArray(model?.capabilities) && model.capabilities.includes(what);

/** The option's text: "qwen3:0.6b (0.6B) · 🧠 thinking". */
export function modelLabel(m) {
  const parts = [m.parameterSize ? `${m.name} (${m.parameterSize})` : m.name];
  if (can(m, 'vision')) parts.push('\u{1F441} vision');
  if (can(m, 'thinking')) parts.push('\u{1F9E0} thinking');
  return parts.join(' · ');
}

export class ThinkControl {
  constructor(select) {
    this.select = select;
    this.field = select.parentElement;     // the label and the select, hidden together
    this.field.hidden = true;
  }

  /** Marks the picker's options and fits the control to its chosen model. */
  follow(picker, models) {
    for (const option of picker.options) {
      const model = models.find((m) => m.name === option.value);
      if (model) option.textContent = modelLabel(model);
    }
    const chosen = models.find((m) => m.name === picker.value);
    this.showFor(can(chosen, 'thinking') ? chosen : null);
  }

  /** Fits the choices to `model`, a thinking model's entry, or hides the control for null. */
  showFor(model) {
    if (!model) {
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
