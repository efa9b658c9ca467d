/**
 * Evidence files over HTTP, the same for cases and alarms: the upload route reads its body as raw
 * bytes (no multipart parser is installed), the download answers with the file, its checksum and
 * headers that keep a browser from running it.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { MAX_EVIDENCE_BYTES } from '../cases/evidence.js';

/** A stored evidence file's name, type and checksum. */
interface EvidenceMeta {
  filename: string;
  mediaType: string;
  /** SHA-256 of the bytes, hex. */
  sha256: string;
}

/** Sends an evidence file as a download, with its SHA-256 as ETag and Repr-Digest (RFC 9530). */
export function sendEvidence(reply: FastifyReply, meta: EvidenceMeta, bytes: Buffer): FastifyReply {
  return reply
    .header('content-type', meta.mediaType)
    .header('content-length', bytes.length)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(meta.filename)}`)
    .header('x-content-type-options', 'nosniff')
    .header('etag', `"${meta.sha256}"`)
    .header('repr-digest', `sha-256=:${Buffer.from(meta.sha256, 'hex').toString('base64')}:`)
    .header('cache-control', 'private, max-age=0')
    .send(bytes);
}

/**
 * Lets a plugin's routes read `application/octet-stream` bodies as bytes up to the evidence limit;
 * call it inside the plugin of the upload route, so no other route accepts such bodies.
 */
export function acceptRawEvidence(scope: FastifyInstance): void {
  scope.addContentTypeParser(
    'application/octet-stream',
    { parseAs: 'buffer', bodyLimit: MAX_EVIDENCE_BYTES },
    (_request, body, next) => next(null, body),
  );
}
