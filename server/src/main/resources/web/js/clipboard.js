// Copying code blocks. The async Clipboard API exists only in secure contexts (https or localhost), and a LAN
// address over plain http is neither, so fall back to the old selection-based copy there.

export async function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // permission refused: try the old way
    }
  }
  const focused = document.activeElement;
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.className = 'visually-hidden';
  document.body.append(area);
  area.select();
  let copied = false;
  try {
    copied = document.execCommand('copy');
  } catch {
    copied = false;
  }
  area.remove();
  focused?.focus();
  return copied;
}

/** Handles every copy button inside `root`, including ones rendered later (one listener, by delegation). */
export function handleCopyButtons(root, announce) {
  root.addEventListener('click', async (event) => {
    const button = event.target.closest('.code-head .copy');
    if (!button) return;
    const code = button.closest('.code-block')?.querySelector('pre');
    if (!code) return;
    const copied = await copyText(code.textContent);
    button.textContent = copied ? 'Copied' : 'Copy failed';
    announce(copied ? 'Code copied to the clipboard.' : 'Could not copy; select the code and copy it by hand.');
    setTimeout(() => { button.textContent = 'Copy'; }, 1500);
  });
}
