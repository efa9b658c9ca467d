/**
 * What evidence may be: JPEG and PNG photos, PDF, Word (docx) and Excel (xlsx) documents, at most
 * 10 MiB, judged by their bytes (magic numbers; for Office files the ZIP's own entry names), not by
 * the name or type the uploader declares. Pure.
 */
import type { ErrorCode } from '../errors.js';
import { DomainError } from '../errors.js';

/** Largest evidence file, in bytes (10 MiB). */
export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;

const MIB = 1024 * 1024;

/**
 * How much evidence one case, one alarm and one uploader may keep (docs/security.md §9): enough for
 * a thorough rectification file, bounded so that no account can fill the disk.
 */
export const EVIDENCE_QUOTAS = {
  perCase: { files: 100, bytes: 200 * MIB },
  perAlarm: { files: 20, bytes: 50 * MIB },
  /** Every upload of one account, to cases and alarms, over the last 24 hours. */
  perUploaderDay: { files: 200, bytes: 300 * MIB },
} as const;

/** The window of {@link EVIDENCE_QUOTAS}.perUploaderDay, ms. */
export const EVIDENCE_UPLOADER_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * Refuses an upload of `bytes` that would take `usage` over `limit` (413, `EVIDENCE_QUOTA`), saying
 * which quota and what is left.
 */
export function checkEvidenceQuota(
  usage: { files: number; bytes: number },
  bytes: number,
  limit: { files: number; bytes: number },
  what: string,
): void {
  if (usage.files + 1 > limit.files) {
    throw new EvidenceRejected(
      'EVIDENCE_QUOTA',
      `${what} already has ${usage.files} evidence files, the most allowed is ${limit.files}`,
    );
  }
  if (usage.bytes + bytes > limit.bytes) {
    const left = Math.max(limit.bytes - usage.bytes, 0);
    throw new EvidenceRejected(
      'EVIDENCE_QUOTA',
      `${what} may keep ${limit.bytes / MIB} MiB of evidence; ${(left / MIB).toFixed(1)} MiB is left and this file is ${(bytes / MIB).toFixed(1)} MiB`,
    );
  }
}

export const EVIDENCE_TYPES = {
  'image/jpeg': ['.jpg', '.jpeg'],
  'image/png': ['.png'],
  'application/pdf': ['.pdf'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['.docx'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['.xlsx'],
} as const satisfies Record<string, readonly string[]>;
export type EvidenceType = keyof typeof EVIDENCE_TYPES;

/** Why an upload is refused; each reason answers with its own status (see `EvidenceRejected`). */
export type EvidenceRejection =
  | 'EVIDENCE_EMPTY'
  | 'EVIDENCE_TOO_LARGE'
  | 'EVIDENCE_TYPE'
  | 'EVIDENCE_MISMATCH'
  | 'EVIDENCE_NAME'
  | 'EVIDENCE_QUOTA';

function errorCodeOf(reason: EvidenceRejection): ErrorCode {
  switch (reason) {
    case 'EVIDENCE_TOO_LARGE':
    case 'EVIDENCE_QUOTA':
      return 'payload-too-large';
    case 'EVIDENCE_TYPE':
    case 'EVIDENCE_MISMATCH':
      return 'unsupported-media-type';
    case 'EVIDENCE_EMPTY':
    case 'EVIDENCE_NAME':
      return 'bad-request';
    default:
      throw new Error(`unknown evidence rejection ${String(reason)}`);
  }
}

/**
 * A refused upload: 413 when too large, 415 when the bytes are not an accepted type or disagree
 * with the declared type or name, 400 for an empty file or an unusable name. The stable reason is
 * in `reason` and in the error's details (`{ code: reason }`).
 */
export class EvidenceRejected extends DomainError {
  constructor(
    readonly reason: EvidenceRejection,
    message: string,
  ) {
    super(errorCodeOf(reason), message, { code: reason });
  }
}

const startsWith = (b: Buffer, magic: readonly number[]): boolean =>
  b.length >= magic.length && magic.every((m, i) => b[i] === m);

const JPEG_MAGIC = [0xff, 0xd8, 0xff];
const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04]; // "PK\3\4"

const ZIP_EOCD_SIGNATURE = 0x06054b50;
const ZIP_CENTRAL_SIGNATURE = 0x02014b50;
/** End-of-central-directory record: 22 bytes plus a comment of up to 65,535. */
const ZIP_EOCD_MAX_SEARCH = 22 + 0xffff;

/** Entry names of a ZIP file from its central directory; null when it is not a well-formed ZIP. */
export function zipEntryNames(b: Buffer): string[] | null {
  const floor = Math.max(0, b.length - ZIP_EOCD_MAX_SEARCH);
  let eocd = -1;
  for (let i = b.length - 22; i >= floor; i--) {
    if (b.readUInt32LE(i) === ZIP_EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = b.readUInt16LE(eocd + 10);
  let at = b.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let n = 0; n < count; n++) {
    if (at + 46 > b.length || b.readUInt32LE(at) !== ZIP_CENTRAL_SIGNATURE) return null;
    const nameLength = b.readUInt16LE(at + 28);
    const extraLength = b.readUInt16LE(at + 30);
    const commentLength = b.readUInt16LE(at + 32);
    if (at + 46 + nameLength > b.length) return null;
    names.push(b.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/** The evidence type the bytes are, or null when they are none of the accepted ones. */
export function sniffEvidenceType(b: Buffer): EvidenceType | null {
  if (startsWith(b, JPEG_MAGIC)) return 'image/jpeg';
  if (startsWith(b, PNG_MAGIC)) return 'image/png';
  if (startsWith(b, PDF_MAGIC)) return 'application/pdf';
  if (startsWith(b, ZIP_MAGIC)) {
    const names = zipEntryNames(b);
    if (names === null || !names.includes('[Content_Types].xml')) return null;
    if (names.some((n) => n.startsWith('word/'))) {
      return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    }
    if (names.some((n) => n.startsWith('xl/'))) {
      return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    }
  }
  return null;
}

/** A file name made safe to keep and to send back: no folders, no control characters, ≤ 200 characters. */
export function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = [...base]
    .filter((ch) => ch !== '"' && ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f)
    .join('')
    .trim()
    .slice(0, 200);
  if (clean === '' || clean === '.' || clean === '..') {
    throw new EvidenceRejected(
      'EVIDENCE_NAME',
      'filename: give the file its name, e.g. ?filename=site-photo.jpg',
    );
  }
  return clean;
}

/**
 * Checks an upload: size, the bytes' real type, and that the declared type and the name's extension
 * agree with it. Returns the clean name and the type.
 */
export function checkEvidence(
  bytes: Buffer,
  filename: string,
  declaredType: string | undefined,
): { filename: string; mediaType: EvidenceType } {
  if (bytes.length === 0) throw new EvidenceRejected('EVIDENCE_EMPTY', 'the file is empty');
  if (bytes.length > MAX_EVIDENCE_BYTES) {
    throw new EvidenceRejected(
      'EVIDENCE_TOO_LARGE',
      `evidence files are at most ${MAX_EVIDENCE_BYTES} bytes (10 MiB)`,
    );
  }
  const name = cleanFilename(filename);
  const actual = sniffEvidenceType(bytes);
  if (actual === null) {
    throw new EvidenceRejected(
      'EVIDENCE_TYPE',
      "accepted evidence: JPEG, PNG, PDF, DOCX, XLSX — the file's bytes are none of these",
    );
  }
  if (declaredType !== undefined && declaredType.split(';')[0]?.trim().toLowerCase() !== actual) {
    throw new EvidenceRejected(
      'EVIDENCE_MISMATCH',
      `declared type ${declaredType}, but the bytes are ${actual}`,
    );
  }
  const ext = name.slice(name.lastIndexOf('.')).toLowerCase();
  if (!(EVIDENCE_TYPES[actual] as readonly string[]).includes(ext)) {
    throw new EvidenceRejected(
      'EVIDENCE_MISMATCH',
      `filename ${name}: a ${actual} file is named ${EVIDENCE_TYPES[actual].join(' or ')}`,
    );
  }
  return { filename: name, mediaType: actual };
}
