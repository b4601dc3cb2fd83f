// A room's page (/r/TOKEN; protocol/README.md, "Rooms"): the member joins under a name, sees the conversation,
// who is present, everyone's questions and the replies as they stream, the messages waiting in the room's queue,
// and writes to the room. It takes over the page: main.js starts nothing else for a member. Frames go through
// the table below; the connection is room-link.js, the transcript room-transcript.js.
import { el } from '../js/dom.js';
import { roomStyle } from './authors.js';
import { loadItem, saveItem } from '../js/tab-storage.js';
import { BAD_NAME, GONE, NAME_TAKEN, REPLACED, RoomLink } from './room-link.js';
import { RoomTranscript } from './room-transcript.js';
import { RoomPeople } from './room-people.js';
import { RoomComposer } from './room-composer.js';
import { JoinForm, rememberedName } from './room-join.js';

const MEMBER_KEY = 'lanchat.roomMember';      // { room, name, key }: this tab's place in a room, taken back after a drop
const RETRIES_FOR_OWN_NAME = 3;                // a dropped connection (or this tab before a reload) may still
                                               // hold our name for a moment
const REFUSALS = {
  not_found: 'The room is not open right now: try again in a moment.',
  server_busy: 'Too many messages are waiting in this room: send yours again in a moment.',
};

export function startRoomView() {
  const token = decodeURIComponent(window.location.pathname.slice('/r/'.length));
  roomStyle();
  document.body.classList.add('room-view');
  const $ = (id) => document.getElementById(id);
  const note = $('settings-summary');
  const announce = (text) => { $('announcer').textContent = text; };
  const hint = $('composer-hint').querySelector('.hint-status');
  const membersLine = el('p', 'room-members');
  membersLine.id = 'room-members';
  $('chat-title').after(membersLine);
  const queueLine = el('ul', 'room-queue');
  queueLine.id = 'room-queue';
  const typingLine = el('p', 'room-typing');
  typingLine.id = 'room-typing';
  typingLine.setAttribute('aria-live', 'polite');
  $('composer').before(queueLine, typingLine);
  $('chat-title').textContent = 'Room';
  note.textContent = 'Joining the room…';

  const transcript = new RoomTranscript($('transcript'), $('scroller'));
  const people = new RoomPeople({ membersLine, typingLine, queueLine });
  const tag = Math.random().toString(36).slice(2, 8);
  let counter = 0;
  const nextId = (kind) => `room-${tag}-${kind}${++counter}`;
  const sent = new Map();         // id → text of this member's messages whose reply has not ended
  let name = null;
  let you = null;                 // the name the room took, once it did
  let authorsNamed = false;       // the server names each message's author (so a message without one is the owner's)
  let fresh = true;               // the next room_state is a new connection's first
  let sameNameRetries = 0;
  let ownName = false;            // the name is this member's: the room took it before, or this browser remembered it

  const memberKey = () => {
    const kept = loadItem(MEMBER_KEY);
    return kept?.room === token && kept.name === name ? kept.key : null;
  };
  const link = new RoomLink({
    query: () => ({ room: token, name, member: memberKey() }),
    onFrame: (frame) => { if (Object.hasOwn(handlers, frame.type)) handlers[frame.type](frame); },
    onWaiting: (seconds) => {
      fresh = true;
      transcript.interruptAll();
      composer.setConnected(false);
      composer.showStop(false);
      note.textContent = `The connection dropped: reconnecting in ${seconds} s…`;
    },
    onEnd: (code, reason) => ended(code, reason),
  });
  const composer = new RoomComposer({
    form: $('composer'), input: $('input'), sendButton: $('send'), stopButton: $('stop'),
    onSend: (text) => {
      const id = nextId('m');
      if (!link.send({ type: 'chat', id, text })) return false;
      sent.set(id, text);
      return true;
    },
    onStop: () => link.send({ type: 'cancel', id: nextId('stop-') }),
    // An id of its own, so its error from a server that knows no `typing` yet can be told apart and dropped.
    onTyping: () => link.send({ type: 'typing', id: `typing-${tag}-${++counter}` }),
  });
  const join = new JoinForm($('scroller'), (chosen) => {
    name = chosen;
    ownName = false;
    sameNameRetries = 0;
    note.textContent = 'Joining the room…';
    link.open();
  });

  const ownReplyStreaming = () => [...sent.keys()].some((id) => transcript.reply(id));
  const replyEnded = (id) => {
    transcript.ended(id);
    sent.delete(id);
    composer.showStop(ownReplyStreaming());
  };
  const handlers = {
    room_state(f) {
      link.settled();
      sameNameRetries = 0;
      authorsNamed ||= 'memberKey' in f || 'answers' in f || f.history.some((m) => typeof m.author === 'string');
      if (f.memberKey) saveItem(MEMBER_KEY, { room: token, name: f.you, key: f.memberKey });
      you = f.you;
      ownName = true;
      $('chat-title').textContent = f.title;
      document.title = `${f.title} · LAN Chat room`;
      note.textContent = `You are in this room as ${f.you}: everyone here sees your messages and the replies.`;
      hint.textContent = f.answers === 'mentioned' ? 'Mention @model to get an answer' : '';
      hint.hidden = f.answers !== 'mentioned';
      people.owner(f.ownerPresent === true);
      people.members(f.members, f.you);
      if (fresh) {                  // what waited before a drop is told again if it still waits
        people.clearQueue();
        sent.clear();
      }
      fresh = false;
      transcript.replace(f.history, authorsNamed);
      composer.setConnected(true);
      composer.showStop(false);
    },
    room_presence(f) {
      people.members(Array.isArray(f.members) ? f.members : people.changed(f.name, f.joined), you);
      announce(`${f.name} ${f.joined ? 'joined' : 'left'} the room.`);
    },
    room_typing(f) {
      if (f.owner) people.typing('Owner');
      else if (f.name !== you) people.typing(f.name);
    },
    room_owner(f) {
      people.owner(f.present === true);
      announce(f.present ? 'The owner is here.' : 'The owner left.');
    },
    share_message(f) {
      authorsNamed ||= typeof f.message.author === 'string';
      people.unqueued(f.id);
      if (f.message.author) people.stoppedTyping(f.message.author);
      transcript.ask(f.id, f.message, authorsNamed, f.answered !== false);
      composer.showStop(ownReplyStreaming());
    },
    phase(f) {
      if (f.phase === 'queued' && !transcript.reply(f.id)) people.queued(f.id, f.position, sent.get(f.id));
      else transcript.reply(f.id)?.phase(f);
    },
    started: (f) => transcript.reply(f.id)?.started(f),
    thinking: (f) => transcript.reply(f.id)?.think(f.text ?? ''),
    token: (f) => transcript.reply(f.id)?.append(f.text ?? ''),
    done(f) {
      transcript.reply(f.id)?.done(f);
      replyEnded(f.id);
    },
    cancelled(f) {
      const reply = transcript.reply(f.id);
      reply?.stopped(f.partialText ?? reply.text);
      replyEnded(f.id);
    },
    error: (f) => refused(f),
  };

  function refused(f) {
    const id = f.id ?? '';
    // `typing` is newer than some servers: they answer it unknown_type or read_only; that is no news.
    if (id.startsWith('typing-') || f.code === 'unknown_type') return;
    if (id.includes('-stop-')) {
      if (f.code === 'forbidden') {
        transcript.addError('Not stopped.', 'Only the person who asked, or the room’s owner, can stop this reply.');
      }
      return;                       // nothing_to_cancel: it just ended by itself
    }
    const reply = transcript.reply(id);
    const text = sent.get(id);
    reply?.failed();
    people.unqueued(id);
    replyEnded(id);
    if (text !== undefined && !reply && composer.text === '') composer.text = text;    // not kept: back to the box
    const message = REFUSALS[f.code] ?? f.message ?? 'Something went wrong.';
    transcript.addError(reply ? 'Couldn’t get a reply.' : 'Not sent.', message);
    announce(message);
  }

  function ended(code, reason) {
    composer.setConnected(false);
    transcript.interruptAll();
    fresh = true;
    if (code === NAME_TAKEN && ownName && sameNameRetries < RETRIES_FOR_OWN_NAME) {
      sameNameRetries += 1;         // our own dropped connection may not have been noticed yet: try again
      link.retry();
    } else if (code === NAME_TAKEN) {
      note.textContent = 'Choose a name to join the room.';
      join.ask(`“${name}” is taken in this room: choose another name.`, '');
    } else if (code === BAD_NAME) {
      note.textContent = 'Choose a name to join the room.';
      join.ask(reason || 'A name is 1 to 32 printable characters.');
    } else if (code === REPLACED) {
      composer.close();
      note.textContent = 'You joined this room again in another tab or window: carry on there, or reload this'
        + ' page to take your place back here.';
      announce(note.textContent);
    } else if (code === GONE) {
      composer.close();
      people.clearQueue();
      people.members([], null);
      document.body.classList.add('room-closed');
      note.textContent = 'This room link no longer works: the invite was revoked or has expired, or the'
        + ' conversation was deleted.';
      announce(note.textContent);
    }
  }

  name = rememberedName();
  ownName = name !== null;
  if (name) link.open(); else join.ask();
}
