// The model picker: filled from hello/models/models_changed, defaulting to the server's default model, and
// remembering the reader's choice in localStorage. A chosen model that is no longer installed stays chosen,
// marked "not installed", rather than the picker quietly switching to another one (the reader would not notice
// that a reply, or a retry, comes from a different model). Vision and thinking models get their marks and the
// think control from on-demand/think-control.js, loaded once such a model is listed.

const STORAGE_KEY = 'lanchat.model';

function load() {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;      // storage disabled (private mode, policy): just don't remember
  }
}

function save(name) {
  try {
    localStorage.setItem(STORAGE_KEY, name);
  } catch {
    // as above
  }
}

function gigabytes(bytes) {
  return `${(bytes / 1e9).toFixed(1)} GB`;
}

export class ModelPicker {
  constructor(select, thinkSelect) {
    Object.assign(this, { select, thinkSelect, defaultModel: null, models: [], think: null });
    select.addEventListener('change', () => {
      if (select.value) save(select.value);
      this.followChoice();
    });
  }

  followChoice() {
    if (!this.think && !this.models.some((m) => /vision|thinking/.test(m.capabilities))) return;   // array as text
    import('../on-demand/think-control.js').then(({ ThinkControl }) => {
      this.think ??= new ThinkControl(this.thinkSelect);
      this.think.follow(this.select, this.models);
    }, () => {});            // not loaded: no marks, and messages use the default
  }

  /** Replaces the list; `defaultModel` is given by hello and models, not by models_changed. */
  setModels(models, defaultModel = this.defaultModel) {
    this.defaultModel = defaultModel;
    this.models = models;
    const previous = this.select.value;
    const names = models.map((m) => m.name);
    this.select.replaceChildren(...models.map((m) => {
      const option = document.createElement('option');
      option.value = m.name;
      option.textContent = m.parameterSize ? `${m.name} (${m.parameterSize})` : m.name;
      option.title = [m.family, m.parameterSize, m.quantization, gigabytes(m.sizeBytes)].filter(Boolean).join(', ');
      return option;
    }));
    if (names.length === 0) {
      const none = document.createElement('option');
      none.value = '';
      none.textContent = 'No models available';
      this.select.append(none);
      this.select.disabled = true;
      this.followChoice();
      return;
    }
    this.select.disabled = false;
    const wanted = [load(), previous, defaultModel].find(Boolean);
    if (wanted && !names.includes(wanted)) {
      const missing = document.createElement('option');
      missing.value = wanted;
      missing.textContent = `${wanted} (not installed)`;
      this.select.append(missing);
    }
    this.select.value = wanted ?? names[0];
    this.followChoice();
  }

  /** The model to name in chat and retry, or undefined to let the server use its default. */
  get selected() {
    return this.select.value || undefined;
  }

  /** The `think` to send with a chat: undefined for the default or a model that does not think. */
  get thinkChoice() {
    return this.think?.value;
  }
}
