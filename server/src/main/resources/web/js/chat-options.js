// The Ollama options a conversation's settings may hold and the ranges a server allows by default
// (protocol/README.md, "Limits"). An administrator may widen them (--option-ranges), so the page shows these
// as hints and checks only that a value is a number of the right kind; the range is the server's to judge,
// and its refusal, which names the range it allows, is shown as it comes. Nothing is changed silently.

export const OPTIONS = [
  { key: 'temperature', label: 'Temperature', min: 0, max: 2, step: 0.1, whole: false,
    help: 'Higher is more varied, lower more predictable.' },
  { key: 'top_p', label: 'Top P', min: 0, max: 1, step: 0.05, whole: false, help: 'Sample from this share of the likeliest words.' },
  { key: 'top_k', label: 'Top K', min: 1, max: 1000, step: 1, whole: true, help: 'Sample from this many likeliest words.' },
  { key: 'num_predict', label: 'Longest reply (tokens)', min: 1, max: 8192, step: 1, whole: true, help: 'Stop the reply after this many tokens.' },
  { key: 'seed', label: 'Seed', min: -2147483648, max: 2147483647, step: 1, whole: true, help: 'The same seed and prompt give the same reply.' },
];

export const SYSTEM_MAX_CHARS = 20000;

/** The range as people read it: "0–2", "any whole number" for the seed. */
export function rangeText(option) {
  if (option.key === 'seed') return 'any 32-bit whole number';
  return `${option.whole ? 'whole number ' : ''}${option.min}–${option.max}`;
}

/**
 * Reads one field: { value } for a number (or undefined when empty), { problem } for text that is not one.
 */
export function readOption(option, text) {
  const trimmed = text.trim();
  if (trimmed === '') return { value: undefined };
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return { problem: `${option.label} must be a number (${rangeText(option)}).` };
  if (option.whole && !Number.isInteger(value)) {
    return { problem: `${option.label} must be a whole number (${rangeText(option)}).` };
  }
  return { value };
}

/** "llama3:8b · temperature 0.3 · own system prompt", or null when everything is the server's default. */
export function summarize(settings) {
  const parts = [];
  if (settings.model) parts.push(settings.model);
  for (const option of OPTIONS) {
    if (settings.options?.[option.key] !== undefined) {
      parts.push(`${option.label.toLowerCase()} ${settings.options[option.key]}`);
    }
  }
  if (settings.system) parts.push('own system prompt');
  return parts.length > 0 ? parts.join(' · ') : null;
}
