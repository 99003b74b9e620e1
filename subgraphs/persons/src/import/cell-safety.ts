/**
 * What an exported sheet must not carry (docs/SECURITY.md, "Exports"): a cell that a spreadsheet
 * program would read as a formula, and a file name that names a path.
 */

/**
 * OWASP's guidance on CSV (formula) injection: a text cell that begins with `=`, `+`, `-`, `@`, a
 * tab or a carriage return gets a leading `'`, so that a program opening the file (or a copy saved
 * as CSV) shows it as text instead of running it as a formula. Anything a person typed can reach an
 * export (an employer named `=HYPERLINK(…)`), so every text cell goes through this.
 */
export function neutralizeCell(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/**
 * A file name for a download: path separators, characters that Windows refuses, control
 * characters, runs of dots and leading dots become `_`, so that a community named `../../x` names no path.
 */
export function safeFileName(name: string): string {
  const cleaned = name
    // eslint-disable-next-line no-control-regex -- control characters are among those a file name must not hold
    .replace(/[\\/:*?"<>|\u0000-\u001f\u007f]/g, '_')
    .replace(/\.{2,}/g, (dots) => '_'.repeat(dots.length))
    .replace(/^[.\s]+/, (dots) => '_'.repeat(dots.length));
  return cleaned.slice(0, 200) || '_';
}
