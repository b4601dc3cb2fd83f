// The Ollama options the settings panel offers, with the ranges a server allows by default (protocol/README.md,
// "Limits"). A server says its own ranges in hello.optionRanges (an administrator may widen them with
// --option-ranges); those win. A value outside the range is refused with the range, never changed silently;
// the server checks again and its refusal is shown as it comes.

export const OPTIONS = [
  { key: 'temperature', label: 'Temperature', min: 0, max: 2, step: 0.1, whole: false,
    help: 'Higher is more varied, lower more predictable.' },
  { key: 'top_p', label: 'Top P', min: 0, max: 1, step: 0.05, whole: false, help: 'Sample from this share of the likeliest words.' },
  { key: 'top_k', label: 'Top K', min: 1, max: 1000, step: 1, whole: true, help: 'Sample from this many likeliest words.' },
  { key: 'num_predict', label: 'Longest reply (tokens)', min: 1, max: 8192, step: 1, whole: true, help: 'Stop the reply after this many tokens.' },
  { key: 'seed', label: 'Seed', min: -2147483648, max: 2147483647, step: 1, whole: true, help: 'The same seed and prompt give the same reply.' },
];

export const SYSTEM_MAX_CHARS = 20000;

/** The options with the server's ranges where it sent them (`limits`: hello.optionRanges, or null). */
export function withServerRanges(limits) {
  return OPTIONS.map((option) => {
    const limit = limits?.find((l) => l.name === option.key);
    return limit ? { ...option, min: limit.min, max: limit.max, whole: limit.whole } : option;
  });
}

/** The range as people read it: "0–2", "any 32-bit whole number" for the seed's usual range. */
export function rangeText(option) {
  if (option.key === 'seed' && option.min === -2147483648 && option.max === 2147483647) return 'any 32-bit whole number';
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
  if (value < option.min || value > option.max) {
    return { problem: `${option.label} is ${value}; this server allows ${rangeText(option)}.` };
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
  if (settings.think) parts.push(`thinking ${settings.think}`);
  if (settings.system) parts.push('own system prompt');
  return parts.length > 0 ? parts.join(' · ') : null;
}
