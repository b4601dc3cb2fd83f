// Drives the official openai npm client against the server's OpenAI-compatible endpoints, one scenario per run,
// and prints what the client saw as one JSON line on stdout. OpenAiJsClientTest runs it: OPENAI_BASE_URL and
// OPENAI_API_KEY (the server's access token) are the two settings a user changes.
import OpenAI from 'openai';

const scenario = process.argv[2];
const model = process.env.MODEL ?? 'llama3:8b';
const client = new OpenAI({ baseURL: process.env.OPENAI_BASE_URL, apiKey: process.env.OPENAI_API_KEY, maxRetries: 0 });
const messages = [{ role: 'user', content: process.env.PROMPT ?? 'hi' }];

async function run() {
  switch (scenario) {
    case 'chat-stream': {
      const parts = [];
      let finish;
      for await (const chunk of await client.chat.completions.create({ model, messages, stream: true })) {
        parts.push(chunk.choices[0].delta.content ?? '');
        finish = chunk.choices[0].finish_reason ?? finish;
      }
      return { text: parts.join(''), finish };
    }
    case 'chat': {
      const completion = await client.chat.completions.create({ model, messages });
      return { text: completion.choices[0].message.content, usage: completion.usage };
    }
    case 'models': {
      const ids = [];
      for await (const m of client.models.list()) {
        ids.push(m.id);
      }
      return { ids };
    }
    case 'embeddings': {
      const reply = await client.embeddings.create({ model, input: ['a', 'b'] });
      return { count: reply.data.length, dimensions: reply.data[0].embedding.length };
    }
    case 'abort': {
      const stream = await client.chat.completions.create({ model, messages, stream: true });
      let received = 0;
      try {
        for await (const chunk of stream) {
          received += 1;
          if (received === 1) {
            stream.controller.abort();
          }
        }
      } catch (error) {
        return { received, aborted: error.name === 'APIUserAbortError' || error.name === 'AbortError', error: error.name };
      }
      return { received, aborted: received < 100 };
    }
    case 'error': {
      try {
        await client.chat.completions.create({ model, messages });
        return { status: 200 };
      } catch (error) {
        return { status: error.status, type: error.type, code: error.code, message: error.message };
      }
    }
    default:
      throw new Error(`unknown scenario ${scenario}`);
  }
}

run().then(
  (result) => console.log(JSON.stringify(result)),
  (error) => {
    console.log(JSON.stringify({ failed: String(error), status: error.status }));
    process.exitCode = 1;
  },
);
