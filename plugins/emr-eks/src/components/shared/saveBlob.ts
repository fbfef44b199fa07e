/**
 * Hands a file the app fetched (with the user's credentials) to the browser to
 * save, as a link to it would.
 */
export function saveBlob(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoked after the click has been handled; the download keeps its copy.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
