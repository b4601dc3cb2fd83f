// Reads a JSON export the reader chose to import. The whole `import` frame must fit in the server's frame
// limit (64 KiB by default), so a larger file is refused here with the reason instead of closing the connection.

const FRAME_LIMIT_BYTES = 65536;

export async function readImportFile(file) {
  if (!file) return { problem: 'No file chosen.' };
  let content;
  try {
    content = await file.text();
    JSON.parse(content);
  } catch {
    return { problem: `Not imported: ${file.name} is not a JSON export of LAN Chat.` };
  }
  const frame = JSON.stringify({ type: 'import', id: 'i-0000-00000', content });
  if (new TextEncoder().encode(frame).length > FRAME_LIMIT_BYTES) {
    return { problem: `Not imported: ${file.name} is too large for one message to the server (at most 64 KB).` };
  }
  return { content };
}
