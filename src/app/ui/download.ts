/** Offers text as a file download (a Blob URL, revoked right after). */
export function download(name: string, text: string, type = 'text/plain'): void {
  saveBlob(name, new Blob([text], { type }));
}

/** Offers bytes as a file download. */
export function downloadBytes(name: string, bytes: ArrayBuffer, type = 'application/octet-stream'): void {
  saveBlob(name, new Blob([bytes], { type }));
}

export function saveBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
