// A share link's page (/s/TOKEN): the conversation read-only, drawn with the page's Markdown renderer, and for a
// live link each new question and its reply as it streams (protocol/README.md, "Share links"); a reply stopped or
// failed is followed by a new share_view, which redraws the transcript. It takes over the
// page: main.js starts nothing else for a viewer. Frames go through the table below; a reply is drawn with
// MarkdownStream, which only redraws its open block per token.
import { renderMarkdown } from '../js/markdown.js';
import { MarkdownStream } from '../js/markdown-stream.js';
import { accessToken } from '../js/access-token.js';

const SHARE_GONE = 4404;

export function startShareView() {
  const token = decodeURIComponent(window.location.pathname.slice('/s/'.length));
  const style = document.createElement('link');
  style.rel = 'stylesheet';
  style.href = new URL('share.css', import.meta.url).href;
  document.head.append(style);
  document.body.classList.add('share-view');
  const transcript = document.getElementById('transcript');
  const title = document.getElementById('chat-title');
  const note = document.getElementById('settings-summary');
  let reply = null;     // { stream, text } of the reply streaming now

  const message = (role, markdown) => {
    const node = document.createElement('article');
    node.className = `msg ${role}`;
    const body = document.createElement('div');
    body.className = 'body';
    if (role === 'user') body.textContent = markdown; else body.append(renderMarkdown(markdown));
    node.append(body);
    transcript.append(node);
    return node;
  };
  const handlers = {
    share_view(frame) {
      reply = null;
      transcript.replaceChildren();
      title.textContent = frame.title;
      note.textContent = frame.live ? 'Shared with you, read-only; new messages appear as they are written.'
        : 'Shared with you, read-only: the conversation as it was when shared.';
      for (const m of frame.history) message(m.role === 'user' ? 'user' : 'assistant', m.content);
    },
    share_message(frame) {
      message('user', frame.message.content);
    },
    started() {
      const node = message('assistant', '');
      node.classList.add('streaming');
      reply = { node, stream: new MarkdownStream(node.querySelector('.body')), text: '' };
    },
    token(frame) {
      if (!reply) return;
      reply.text += frame.text;
      reply.stream.update(reply.text);
    },
    done() {
      reply?.node.classList.remove('streaming');
      reply = null;
    },
  };

  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  const access = accessToken();
  const socket = new WebSocket(`${scheme}//${window.location.host}/ws?share=${encodeURIComponent(token)}`
    + (access ? `&access_token=${encodeURIComponent(access)}` : ''));
  socket.addEventListener('message', (event) => {
    const frame = JSON.parse(event.data);
    if (Object.hasOwn(handlers, frame.type)) handlers[frame.type](frame);
  });
  socket.addEventListener('close', (event) => {
    reply?.node.classList.remove('streaming');
    note.textContent = event.code === SHARE_GONE ? 'This link no longer works: it was revoked, or the'
      + ' conversation was deleted.' : 'The connection to the server closed; reload the page to try again.';
    document.body.classList.add('share-closed');
  });
}
