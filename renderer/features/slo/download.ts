// Saves text the backend produced (an SLO export) as a file through the browser's own download:
// no file-system access from the renderer, the same in Electron and in browser mode.
export function downloadText(filename: string, text: string, type = 'application/yaml'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The click has handed the blob to the download by the next task; then the URL can go.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
