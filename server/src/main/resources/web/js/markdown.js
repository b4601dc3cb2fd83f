// Markdown to safe DOM. Model output is untrusted, so three layers keep it inert:
//   1. marked renders any raw HTML in the text as visible text, and images as plain links;
//   2. DOMPurify then keeps only formatting tags and http(s)/mailto links;
//   3. the page's Content-Security-Policy refuses inline scripts even if both were bypassed.
import { Marked } from 'marked';
import DOMPurify from 'dompurify';

const escapeHtml = (text) => text.replace(/[&<>"']/g, (c) => ({
  '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;',
}[c]));

const marked = new Marked({
  gfm: true,
  breaks: true,      // models write single newlines meaning line breaks (poems, addresses, lists of steps)
  renderer: {
    html({ text }) {
      return escapeHtml(text);
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

/** Renders Markdown (complete or still streaming) to a sanitized fragment, code blocks with a copy button. */
export function renderMarkdown(text) {
  const fragment = DOMPurify.sanitize(marked.parse(text), PURIFY_CONFIG);
  for (const pre of fragment.querySelectorAll('pre')) {
    wrapCodeBlock(pre);
  }
  return fragment;
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
