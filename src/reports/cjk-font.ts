/**
 * The CJK font the PDF reports embed (docs/reports.md §4): Noto Sans CJK SC from Debian's
 * `fonts-noto-cjk` package, found at run time — the platform ships no font file. The search looks at
 * the paths the common distributions install it to; a PDF asked for without one fails with
 * `ReportFontMissingError` (503) that says what to install, while HTML and XLSX reports need no font.
 */
import { existsSync } from 'node:fs';
import { DomainError } from '../errors.js';

/** A font file and the PostScript name of the face inside the collection. */
export interface CjkFont {
  path: string;
  regular: string;
  /** The bold face and its file, when installed. */
  bold: { path: string; name: string } | null;
}

/** Where distributions install Noto Sans CJK (Debian/Ubuntu first). */
export const CJK_FONT_CANDIDATES: readonly { regular: string; bold: string }[] = [
  {
    regular: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
    bold: '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc',
  },
  {
    regular: '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc',
    bold: '/usr/share/fonts/noto-cjk/NotoSansCJK-Bold.ttc',
  },
  {
    regular: '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc',
    bold: '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Bold.ttc',
  },
];

/** The face of the collection used: Simplified Chinese. */
const REGULAR_FACE = 'NotoSansCJKsc-Regular';
const BOLD_FACE = 'NotoSansCJKsc-Bold';

/** PDF reports need Noto Sans CJK and it is not installed (503). */
export class ReportFontMissingError extends DomainError {
  constructor() {
    super(
      'unavailable',
      `format: PDF reports need the Noto Sans CJK font (Debian: apt-get install fonts-noto-cjk; looked in ${CJK_FONT_CANDIDATES.map((c) => c.regular).join(', ')}); HTML and XLSX reports work without it`,
    );
  }
}

/** The first installed Noto Sans CJK, or null. `exists` is for tests. */
export function findCjkFont(exists: (path: string) => boolean = existsSync): CjkFont | null {
  for (const c of CJK_FONT_CANDIDATES) {
    if (!exists(c.regular)) continue;
    return {
      path: c.regular,
      regular: REGULAR_FACE,
      bold: exists(c.bold) ? { path: c.bold, name: BOLD_FACE } : null,
    };
  }
  return null;
}
