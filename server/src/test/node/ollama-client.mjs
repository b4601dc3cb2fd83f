// Drives the official ollama-js client against the server's API, one scenario per run, and prints what the
// client saw as one JSON line on stdout. OllamaJsClientTest runs it: OLLAMA_HOST says where, LANCHAT_TOKEN the
// access token, given to the client as its Authorization header (ollama-js sends OLLAMA_API_KEY to ollama.com only).
import { Ollama } from 'ollama';

const scenario = process.argv[2];
const model = process.env.MODEL ?? 'llama3:8b';
const token = process.env.LANCHAT_TOKEN;
const client = new Ollama({
  host: process.env.OLLAMA_HOST,
  headers: token ? { Authorization: `Bearer ${token}` } : {},
});
const messages = [{ role: 'user', content: process.env.PROMPT ?? 'hi' }];

async function run() {
  switch (scenario) {
    case 'chat-stream': {
      const parts = [];
      let last;
      for await (const part of await client.chat({ model, messages, stream: true })) {
        parts.push(part.message.content);
        last = part;
      }
      return { parts, done: last.done, evalCount: last.eval_count, doneReason: last.done_reason };
    }
    case 'chat': {
      const reply = await client.chat({ model, messages, stream: false });
      return { content: reply.message.content, done: reply.done, evalCount: reply.eval_count };
    }
    case 'generate': {
      const reply = await client.generate({ model, prompt: 'tell me', stream: false });
      const parts = [];
      for await (const part of await client.generate({ model, prompt: 'tell me', stream: true })) {
        parts.push(part.response);
      }
      return { response: reply.response, done: reply.done, streamed: parts.join('') };
    }
    case 'list': {
      const list = await client.list();
      return { names: list.models.map((m) => m.name) };
    }
    case 'embed': {
      const reply = await client.embed({ model, input: ['a', 'b'] });
      return { count: reply.embeddings.length, dimensions: reply.embeddings[0].length };
    }
    case 'abort': {
      const stream = await client.chat({ model, messages, stream: true });
      let received = 0;
      try {
        for await (const part of stream) {
          received += part.message.content.length > 0 ? 1 : 0;
          if (received === 1) {
            stream.abort();
          }
        }
      } catch (error) {
        return { received, aborted: error.name === 'AbortError', error: String(error.name) };
      }
      return { received, aborted: false };
    }
    case 'error': {
      try {
        await client.list();
        return { status: 200 };
      } catch (error) {
        return { status: error.status_code, error: error.error };
      }
    }
    default:
      throw new Error(`unknown scenario ${scenario}`);
  }
}

run().then(
  (result) => console.log(JSON.stringify(result)),
  (error) => {
    console.log(JSON.stringify({ failed: String(error), status: error.status_code }));
    process.exitCode = 1;
  },
);
