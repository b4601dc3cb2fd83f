// Syntax highlighting (highlight.js) and typeset maths (KaTeX) in finished blocks of a reply. This module and the
// libraries load on first need only: most replies have neither, and the first load stays small. Both libraries
// come from this server (the vendor links below become versioned URLs when it starts) as their WebJars' classic
// browser builds, run by a script element (the page's CSP allows scripts from 'self').
// The model's text is untrusted, so the libraries' output is checked too: highlight.js returns HTML, of which
// only spans with classes are kept; KaTeX runs with trust:false (no \href, \url, \includegraphics, \html…) and
// bounded sizes and expansions, and the DOM it builds is sanitized in place. KaTeX sets its inline styles
// through the DOM, which the page's CSP allows, unlike style attributes in markup.
import DOMPurify from 'dompurify';

const HIGHLIGHT_JS = '{{vendor:highlightjs/highlight.min.js}}';
const KATEX_JS = '{{vendor:katex/dist/katex.min.js}}';
const KATEX_CSS = '{{vendor:katex/dist/katex.min.css}}';

const MAX_CODE = 100_000;    // characters: highlighting more would hold up the page for little gain
const MAX_TEX = 5_000;
const KATEX_OPTIONS = { throwOnError: false, trust: false, strict: 'ignore', maxSize: 20, maxExpand: 500 };
const HIGHLIGHTED = { ALLOWED_TAGS: ['span'], ALLOWED_ATTR: ['class'], RETURN_DOM_FRAGMENT: true };
const TYPESET = {
  IN_PLACE: true,
  USE_PROFILES: { html: true, svg: true, mathMl: true },
  ADD_TAGS: ['semantics', 'annotation'],          // KaTeX's MathML keeps the TeX there (text only)
  FORBID_TAGS: ['a', 'img', 'image', 'use', 'style', 'foreignObject'],
  FORBID_ATTR: ['href', 'xlink:href', 'src', 'id'],
};

const loads = new Map();

/** Runs a classic script once and resolves with the global it defines. */
function script(src, global) {
  if (!loads.has(src)) {
    loads.set(src, new Promise((resolve, reject) => {
      const element = document.createElement('script');
      element.src = src;
      element.onload = () => (window[global] ? resolve(window[global]) : reject(new Error(`${src}: no ${global}`)));
      element.onerror = () => reject(new Error(`${src} did not load`));
      document.head.append(element);
    }));
  }
  return loads.get(src);
}

function styleSheet(href) {
  if (!loads.has(href)) {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = href;
    document.head.append(link);
    loads.set(href, true);
  }
}

/** Highlights the fenced code and typesets the maths in `nodes` (finished blocks, already in the page). */
export async function enrich(nodes) {
  const blocks = nodes.flatMap((node) => [...node.querySelectorAll('pre > code[class*="language-"]')]);
  const maths = nodes.flatMap((node) => [...node.querySelectorAll('.math')]);
  styleSheet(new URL('rich-text.css', import.meta.url).href);
  if (blocks.length) {
    const hljs = await script(HIGHLIGHT_JS, 'hljs');
    blocks.forEach((code) => highlight(hljs, code));
  }
  if (maths.length) {
    styleSheet(KATEX_CSS);
    const katex = await script(KATEX_JS, 'katex');
    maths.forEach((span) => typeset(katex, span));
  }
}

/** Only the language the fence names, and only when highlight.js knows it: guessing colours prose as code. */
function highlight(hljs, code) {
  const language = [...code.classList].find((c) => c.startsWith('language-')).slice('language-'.length);
  const text = code.textContent;
  if (!hljs.getLanguage(language) || text.length > MAX_CODE || code.classList.contains('hljs')) return;
  const { value } = hljs.highlight(text, { language, ignoreIllegals: true });
  code.replaceChildren(DOMPurify.sanitize(value, HIGHLIGHTED));
  code.classList.add('hljs');
}

/** The span holds the source with its delimiters: $…$ and \(…\) inline, $$…$$ and \[…\] displayed. */
function typeset(katex, span) {
  const source = span.textContent;
  const displayMode = source.startsWith('$$') || source.startsWith('\\[');
  const cut = source.startsWith('\\') || displayMode ? 2 : 1;
  const tex = source.slice(cut, -cut).trim();
  if (!tex || tex.length > MAX_TEX || !span.isConnected) return;
  const out = document.createElement('span');
  katex.render(tex, out, { ...KATEX_OPTIONS, displayMode });
  DOMPurify.sanitize(out, TYPESET);
  span.replaceChildren(...out.childNodes);
  span.classList.replace('math', displayMode ? 'math-display' : 'math-inline');
}
