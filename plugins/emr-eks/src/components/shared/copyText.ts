/**
 * Puts `text` on the clipboard: through the Clipboard API where the page may
 * use it (a secure context), else through a hidden text area and the older
 * copy command, as a portal served over plain HTTP on a LAN needs.
 */
export async function copyText(text: string): Promise<void> {
  if (navigator.clipboard?.writeText) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  try {
    area.select();
    if (!document.execCommand('copy')) {
      throw new Error(
        'The browser refused to copy; select the text and copy it by hand',
      );
    }
  } finally {
    document.body.removeChild(area);
  }
}
