// Markdown to safe DOM. Model output is untrusted, so three layers keep it inert:
//   1. marked renders any raw HTML in the text as visible text, and images as plain links;
//   2. DOMPurify then keeps only formatting tags and http(s)/mailto links;
//   3. the page's Content-Security-Policy refuses inline scripts even if both were bypassed.
import { Marked } from 'marked';
import DOMPurify from 'dompurify';

const escapeHtml = (text) => text.replace(/[&<>"']/g, (c) => ({
  '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;',
}[c]));

// Maths is kept from Markdown (`\(` would lose its `\`) as its source, for on-demand/rich-text.js to typeset. Code
// is lexed first, so never maths; a lone `$` follows Pandoc's rule (docs/browser.md): "$5 and $10" stays text.
const MATH = /^(?:\$\$[^]+?\$\$|\\\[[^]+?\\\]|\\\([^]+?\\\)|\$(?=\S)(?:\\.|[^\\$])+?(?<=\S)\$(?!\d))/;
const math = {
  name: 'math',
  level: 'inline',
  start: (src) => src.match(/\$|\\[([]/)?.index,
  tokenizer(src) {
    const found = MATH.exec(src);
    return found && { type: 'math', raw: found[0] };
  },
  renderer: ({ raw }) => `<span class="math">${escapeHtml(raw)}</span>`,
};

const marked = new Marked({
  extensions: [math],
  gfm: true,
  breaks: true,      // models write single newlines meaning line breaks (poems, addresses, lists of steps)
  renderer: {
    html({ text }) {
      return escapeHtml(text);
    },
    // Column alignment (:--, :-:, --:) as a class the page's style sheet honours; a CSP-safe, sanitizer-safe
    // attribute, unlike inline styles.
    tablecell(token) {
      const tag = token.header ? 'th' : 'td';
      const align = ['left', 'center', 'right'].includes(token.align) ? ` class="align-${token.align}"` : '';
      return `<${tag}${align}>${this.parser.parseInline(token.tokens)}</${tag}>\n`;
    },
    image({ href, text }) {
      const label = text || href;
      return `<a href="${escapeHtml(href)}">${escapeHtml(label)}</a>`;
    },
  },
});

const ALLOWED_TAGS = ['p', 'br', 'strong', 'em', 'del', 's', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li',
  'a', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'span'];

const PURIFY_CONFIG = {
  ALLOWED_TAGS,
  ALLOWED_ATTR: ['href', 'title', 'class', 'start', 'align'],
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:)/i,
  ALLOW_DATA_ATTR: false,
  RETURN_DOM_FRAGMENT: true,
};

DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (node.nodeName === 'A' && node.hasAttribute('href')) {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer nofollow');
  }
});

/**
 * Renders Markdown (complete or still streaming) to a sanitized fragment: code blocks with a copy button, tables
 * in a box that scrolls sideways, and links whose address the sanitizer removed as plain text.
 */
export function renderMarkdown(text) {
  const fragment = DOMPurify.sanitize(marked.parse(text), PURIFY_CONFIG);
  for (const pre of fragment.querySelectorAll('pre')) {
    wrapCodeBlock(pre);
  }
  for (const table of fragment.querySelectorAll('table')) {
    wrapTable(table);
  }
  for (const dead of fragment.querySelectorAll('a:not([href])')) {
    dead.replaceWith(...dead.childNodes);      // a link that goes nowhere must not look like one
  }
  return fragment;
}

/** Inline `code` in a plain sentence (an error message) as code elements; everything else stays text. */
export function withInlineCode(sentence) {
  const fragment = document.createDocumentFragment();
  sentence.split(/(`[^`\n]+`)/).forEach((part, i) => {
    if (i % 2 === 1) {
      const code = document.createElement('code');
      code.textContent = part.slice(1, -1);
      fragment.append(code);
    } else if (part) {
      fragment.append(part);
    }
  });
  return fragment;
}

/** Wide tables scroll inside their own box rather than squeezing words; the box takes focus for keyboards. */
function wrapTable(table) {
  const box = document.createElement('div');
  box.className = 'table-scroll';
  box.tabIndex = 0;
  table.replaceWith(box);
  box.append(table);
}

function wrapCodeBlock(pre) {
  const code = pre.querySelector('code');
  const language = code && [...code.classList].find((c) => c.startsWith('language-'));
  const block = document.createElement('div');
  block.className = 'code-block';
  const head = document.createElement('div');
  head.className = 'code-head';
  const label = document.createElement('span');
  label.textContent = language ? language.slice('language-'.length) : 'code';
  const copy = document.createElement('button');
  copy.type = 'button';
  copy.className = 'copy';
  copy.textContent = 'Copy';
  copy.setAttribute('aria-label', `Copy ${label.textContent} to the clipboard`);
  head.append(label, copy);
  pre.replaceWith(block);
  block.append(head, pre);
}
