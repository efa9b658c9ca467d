/**
 * A small RFC 4180 CSV reader: quoted fields with doubled quotes, CR LF or LF line ends, a UTF-8
 * byte-order mark. Yields rows with their 1-based line numbers so errors can name the line. A
 * broken row says so in `problem` instead of being read as something else: a quote never closed
 * (the row would otherwise swallow every line after it) or text after a closing quote.
 */
export interface CsvRow {
  line: number;
  fields: string[];
  /** Why the row cannot be trusted; callers reject it with this text (docs/security.md §10). */
  problem?: string;
}

export function* readCsv(text: string): Generator<CsvRow> {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (i < text.length) {
    const startLine = line;
    const fields: string[] = [];
    let field = '';
    let quoted = false;
    let problem: string | undefined;
    for (;;) {
      if (i >= text.length) {
        if (quoted) problem = `a quoted field opened on line ${startLine} is never closed`;
        fields.push(field);
        break;
      }
      const c = text[i] ?? '';
      if (quoted) {
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
          } else {
            quoted = false;
            i += 1;
            const next = text[i];
            if (next !== undefined && next !== ',' && next !== '\r' && next !== '\n') {
              problem ??= `line ${line}: text after a closing quote (a quote inside a field must be doubled)`;
            }
          }
        } else {
          if (c === '\n') line += 1;
          field += c;
          i += 1;
        }
        continue;
      }
      if (c === '"' && field === '') {
        quoted = true;
        i += 1;
      } else if (c === ',') {
        fields.push(field);
        field = '';
        i += 1;
      } else if (c === '\r' || c === '\n') {
        fields.push(field);
        i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
        line += 1;
        break;
      } else {
        field += c;
        i += 1;
      }
    }
    if (problem !== undefined) yield { line: startLine, fields, problem };
    else if (!(fields.length === 1 && fields[0] === '')) yield { line: startLine, fields };
  }
}
