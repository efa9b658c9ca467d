/**
 * The API's vocabularies are written out in the schema files (which import nothing but typebox,
 * so that the web can import them); these tests hold them equal to the domain's lists.
 */
import { describe, expect, it } from 'vitest';
import * as store from '../store/types.js';
import { PACKET_OUTCOMES } from './packet.schemas.js';
import { READING_INTERVALS } from './reading.schemas.js';
import { SITE_KINDS } from './site.schemas.js';
import { USER_ROLES } from './user.schemas.js';

describe('API vocabularies', () => {
  it('name the same roles, site kinds and reading intervals as the store', () => {
    expect(USER_ROLES).toEqual(store.USER_ROLES);
    expect(SITE_KINDS).toEqual(store.SITE_KINDS);
    expect(READING_INTERVALS).toEqual(store.READING_INTERVALS);
  });

  it('name the packet outcomes the store records', () => {
    const outcomes: readonly store.PacketOutcome[] = PACKET_OUTCOMES;
    expect([...outcomes].sort()).toEqual(['accepted', 'duplicate', 'rejected']);
  });
});
