/**
 * Saves bytes through the browser's own download of a local blob: nothing leaves the machine. In the desktop app the
 * download asks where to save.
 */
export function saveFile(fileName: string, data: Blob): string {
  const url = URL.createObjectURL(data);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
  return savedAs(fileName);
}

/** What the analyst is told after a save: the file's name, and where the browser or the app put it. */
export const savedAs = (fileName: string) => `Saved as “${fileName}” in your downloads folder (or where you chose to save it).`;

export function base64Blob(base64: string, type: string): Blob {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type });
}
