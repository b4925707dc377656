/** Hands a text file to the browser's download (an object URL clicked through a link). */
export function downloadTextFile(fileName: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has read the URL once the click's task is over.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
