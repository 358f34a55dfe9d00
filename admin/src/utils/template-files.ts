/*
 * Template files in the browser: saving exported files as downloads (one Blob + anchor click each)
 * and reading the files an admin picked for import (FileReader, as text).
 */
import type { TemplateFile } from '../api/template-types';

export function downloadFiles(files: readonly TemplateFile[]): void {
  for (const file of files) {
    const type = file.name.endsWith('.json') ? 'application/json' : 'text/plain';
    const url = URL.createObjectURL(new Blob([file.content], { type: `${type};charset=utf-8` }));
    const anchor = document.createElement('a');
    anchor.href = url;
    anchor.download = file.name;
    anchor.style.display = 'none';
    document.body.appendChild(anchor);
    anchor.click();
    anchor.remove();
    // Revoked later: the download may start after this task.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}

function readText(file: File): Promise<TemplateFile> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve({ name: file.name, content: String(reader.result ?? '') });
    reader.onerror = () => reject(reader.error ?? new Error(`could not read ${file.name}`));
    reader.readAsText(file);
  });
}

export function readFiles(files: FileList | readonly File[]): Promise<TemplateFile[]> {
  return Promise.all(Array.from(files).map(readText));
}
