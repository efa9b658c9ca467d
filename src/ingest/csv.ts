/**
 * A small RFC 4180 CSV reader: quoted fields with doubled quotes, CR LF or LF line ends, a UTF-8
 * byte-order mark. Yields rows with their 1-based line numbers so errors can name the line.
 */
export interface CsvRow {
  line: number;
  fields: string[];
}

export function* readCsv(text: string): Generator<CsvRow> {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (i < text.length) {
    const startLine = line;
    const fields: string[] = [];
    let field = '';
    let quoted = false;
    for (;;) {
      if (i >= text.length) {
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
    if (!(fields.length === 1 && fields[0] === '')) yield { line: startLine, fields };
  }
}
