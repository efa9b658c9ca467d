import { describe, expect, it } from 'vitest';
import { EVIDENCE_SAMPLES } from '../../test/case-fixtures.js';
import {
  EvidenceRejected,
  MAX_EVIDENCE_BYTES,
  checkEvidenceQuota,
  checkEvidence,
  cleanFilename,
  sniffEvidenceType,
  zipEntryNames,
} from './evidence.js';

describe('evidence types by their bytes', () => {
  it.each([
    ['jpeg', 'image/jpeg'],
    ['png', 'image/png'],
    ['pdf', 'application/pdf'],
    ['docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['zip', null],
    ['exe', null],
  ] as const)('%s → %s', (sample, type) => {
    expect(sniffEvidenceType(EVIDENCE_SAMPLES[sample])).toBe(type);
  });
  it('reads ZIP entry names from the central directory; garbage is not a ZIP', () => {
    expect(zipEntryNames(EVIDENCE_SAMPLES.docx)).toEqual(['[Content_Types].xml', 'word/document.xml']);
    expect(zipEntryNames(Buffer.from('PK\x03\x04 truncated'))).toBeNull();
  });
});

describe('checkEvidence', () => {
  const code = (f: () => unknown) => {
    try {
      f();
    } catch (err) {
      return err instanceof EvidenceRejected ? err.reason : 'other';
    }
    return 'accepted';
  };
  it('accepts a file whose bytes, declared type and extension agree', () => {
    expect(checkEvidence(EVIDENCE_SAMPLES.jpeg, '现场照片.JPG', 'image/jpeg')).toEqual({
      filename: '现场照片.JPG',
      mediaType: 'image/jpeg',
    });
    expect(checkEvidence(EVIDENCE_SAMPLES.xlsx, 'ledger.xlsx', undefined).mediaType).toMatch(/spreadsheetml/);
  });
  it('refuses by the bytes, not the declared type', () => {
    expect(code(() => checkEvidence(EVIDENCE_SAMPLES.exe, 'photo.jpg', 'image/jpeg'))).toBe('EVIDENCE_TYPE');
    expect(code(() => checkEvidence(EVIDENCE_SAMPLES.png, 'photo.png', 'image/jpeg'))).toBe(
      'EVIDENCE_MISMATCH',
    );
    expect(code(() => checkEvidence(EVIDENCE_SAMPLES.pdf, 'report.docx', undefined))).toBe(
      'EVIDENCE_MISMATCH',
    );
    expect(code(() => checkEvidence(Buffer.alloc(0), 'a.pdf', undefined))).toBe('EVIDENCE_EMPTY');
    const big = Buffer.concat([EVIDENCE_SAMPLES.pdf, Buffer.alloc(MAX_EVIDENCE_BYTES)]);
    expect(code(() => checkEvidence(big, 'a.pdf', undefined))).toBe('EVIDENCE_TOO_LARGE');
  });
  it('keeps only the last path segment of a name, without control characters', () => {
    expect(cleanFilename('../../etc/passwd.pdf')).toBe('passwd.pdf');
    expect(cleanFilename('C:\\photos\\a\u0000b".jpg')).toBe('ab.jpg');
    expect(() => cleanFilename('../')).toThrow(EvidenceRejected);
  });
});

describe('checkEvidenceQuota (docs/security.md §9)', () => {
  const limit = { files: 3, bytes: 100 };
  it.each([
    [{ files: 0, bytes: 0 }, 100, null],
    [{ files: 2, bytes: 50 }, 50, null],
    [{ files: 3, bytes: 10 }, 1, /already has 3 evidence files/],
    [{ files: 1, bytes: 60 }, 41, /may keep/],
  ])('usage %o + %i bytes → %s', (usage, bytes, refusal) => {
    const run = () => checkEvidenceQuota(usage, bytes, limit, 'case 1');
    if (refusal === null) expect(run).not.toThrow();
    else expect(run).toThrow(refusal);
  });
});
