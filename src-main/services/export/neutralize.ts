// Spreadsheet formula injection (CWE-1236): a cell text starting with one of these characters is
// run as a formula when a CSV is opened in Excel/WPS. Prefixing an apostrophe shows it as text.
const TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠']);

export function neutralizeCsvCell(text: string): string {
  return text.length > 0 && TRIGGERS.has(text[0] as string) ? `'${text}` : text;
}
