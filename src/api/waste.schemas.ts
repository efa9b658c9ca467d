/**
 * API shapes of hazardous waste and zero-waste statistics (issue 22, docs/waste.md §9). Like every
 * `*.schemas.ts` file this one imports only `typebox` and `src/standards/`, so the web can import it;
 * the state and role lists mirror src/waste/manifest-machine.ts and src/store/waste.repository.ts
 * (a test keeps them equal).
 */
import { Type } from 'typebox';
import type { Static } from 'typebox';
import { InstantSchema, literalUnion } from './common.schemas.js';

export const WASTE_MANIFEST_STATES = [
  'draft',
  'submitted',
  'in_transit',
  'received',
  'disposed',
  'rejected',
  'void',
] as const;
export type WasteManifestStateDto = (typeof WASTE_MANIFEST_STATES)[number];
export const WASTE_PARTY_ROLES = ['generator', 'carrier', 'receiver'] as const;
export const WASTE_MANIFEST_PARTIES = ['consignor', 'carrier', 'receiver'] as const;
export const WASTE_HAND_LEDGER_KINDS = [
  'generated',
  'self_utilised',
  'stocktake',
  'correction_in',
  'correction_out',
] as const;
export const WASTE_LEDGER_KINDS = [
  'generated',
  'received',
  'returned',
  'shipped',
  'self_utilised',
  'utilised',
  'disposed',
  'stocktake',
  'correction_in',
  'correction_out',
] as const;
export const WASTE_DECLARATION_KINDS = ['monthly', 'quarterly', 'annual'] as const;

const Code = Type.String({ minLength: 1, maxLength: 64, description: 'Enterprise site code' });
const HwCode = Type.String({ minLength: 1, maxLength: 16, description: 'Hazardous-waste code III-SSS-CC' });
const Tonnes = Type.Number({
  exclusiveMinimum: 0,
  maximum: 100000,
  description: 'Quantity in t (≤ 3 decimals)',
});
const ShortText = Type.String({ maxLength: 200 });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const NullableNumber = Type.Union([Type.Number(), Type.Null()]);
const NullableInstant = Type.Union([InstantSchema, Type.Null()]);

export const WastePartyRoleQuerySchema = Type.Object({
  role: Type.Optional(literalUnion(WASTE_PARTY_ROLES, 'generator, carrier or receiver')),
});
export type WastePartyRoleQuery = Static<typeof WastePartyRoleQuerySchema>;

export const WastePartySchema = Type.Object({
  siteCode: Type.String(),
  siteName: Type.String(),
  districtCode: Type.String(),
  role: literalUnion(WASTE_PARTY_ROLES, 'waste role'),
  permitNo: Nullable(Type.String()),
  vehicles: Type.Array(Type.String()),
  licenceCodes: Type.Array(Type.String()),
  licenceMethods: Type.Array(Type.String()),
  annualCapacityT: NullableNumber,
});
export type WastePartyDto = Static<typeof WastePartySchema>;
export const WastePartyListSchema = Type.Object({ items: Type.Array(WastePartySchema) });

export const SetWastePartyBodySchema = Type.Object({
  site: Code,
  role: literalUnion(WASTE_PARTY_ROLES, 'waste role'),
  permitNo: Type.Optional(ShortText),
  vehicles: Type.Optional(Type.Array(ShortText, { maxItems: 200 })),
  licenceCodes: Type.Optional(Type.Array(HwCode, { maxItems: 500 })),
  licenceMethods: Type.Optional(Type.Array(Type.String({ maxLength: 16 }), { maxItems: 50 })),
  annualCapacityT: Type.Optional(Tonnes),
});
export type SetWastePartyBody = Static<typeof SetWastePartyBodySchema>;

export const CatalogueEntrySchema = Type.Object({
  edition: Type.String(),
  code: Type.String(),
  category: Type.String(),
  name: Type.String(),
  hazards: Type.Array(Type.String()),
  tag: Type.String({ description: 'Evidence tag: text, secondary, unverified' }),
});
export const CatalogueSchema = Type.Object({ items: Type.Array(CatalogueEntrySchema) });
export const CatalogueImportBodySchema = Type.Object({
  edition: literalUnion(['2021', '2025'] as const, 'directory edition'),
  csv: Type.String({
    minLength: 1,
    maxLength: 2_000_000,
    description: 'CSV with columns code, name, hazards (category optional)',
  }),
});
export const CatalogueImportResultSchema = Type.Object({ imported: Type.Integer() });

export const ManifestItemBodySchema = Type.Object({
  code: HwCode,
  quantityT: Tonnes,
  name: Type.Optional(ShortText),
  form: Type.Optional(ShortText),
  hazard: Type.Optional(ShortText),
  packaging: Type.Optional(ShortText),
  facility: Type.Optional(Type.String({ maxLength: 64 })),
});
export const CreateManifestBodySchema = Type.Object({
  carrier: Code,
  receiver: Code,
  items: Type.Array(ManifestItemBodySchema, { minItems: 1, maxItems: 50 }),
});
export type CreateManifestBody = Static<typeof CreateManifestBodySchema>;

export const ManifestTransitionBodySchema = Type.Object({
  to: Type.String({ minLength: 1, maxLength: 32, description: WASTE_MANIFEST_STATES.join(', ') }),
  vehicle: Type.Optional(ShortText),
  pickedUpAt: Type.Optional(Type.String({ maxLength: 40, description: 'ISO 8601; no offset = China time' })),
  received: Type.Optional(
    Type.Array(
      Type.Object({
        line: Type.Integer({ minimum: 1, maximum: 50 }),
        quantityT: Tonnes,
        code: Type.Optional(HwCode),
      }),
      {
        maxItems: 50,
      },
    ),
  ),
  reason: Type.Optional(ShortText),
  method: Type.Optional(Type.String({ maxLength: 16 })),
  disposedOn: Type.Optional(Type.String({ maxLength: 10, description: 'YYYY-MM-DD' })),
  comment: Type.Optional(ShortText),
});
export type ManifestTransitionBody = Static<typeof ManifestTransitionBodySchema>;

export const ManifestParamsSchema = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2 ** 31 }) });
export const ManifestListQuerySchema = Type.Object({
  state: Type.Optional(literalUnion(WASTE_MANIFEST_STATES, 'manifest state')),
  site: Type.Optional(Code),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
});
export type ManifestListQuery = Static<typeof ManifestListQuerySchema>;

const PartyRefSchema = Type.Object({ code: Type.String(), name: Type.String(), districtCode: Type.String() });

export const ManifestEventSchema = Type.Object({
  seq: Type.Integer(),
  kind: Type.String(),
  fromState: Nullable(Type.String()),
  toState: Nullable(Type.String()),
  actor: Type.String(),
  actorRole: Type.String(),
  at: InstantSchema,
  comment: Type.String(),
  data: Type.Record(Type.String(), Type.Unknown()),
});

export const ManifestSchema = Type.Object({
  id: Type.Integer(),
  number: Type.String({ description: '14 digits: year, province, city, serial' }),
  state: literalUnion(WASTE_MANIFEST_STATES, 'manifest state'),
  consignor: PartyRefSchema,
  carrier: PartyRefSchema,
  receiver: PartyRefSchema,
  createdAt: InstantSchema,
  vehicle: Nullable(Type.String()),
  pickedUpAt: NullableInstant,
  receiptDueAt: NullableInstant,
  receivedAt: NullableInstant,
  disposedAt: NullableInstant,
  method: Nullable(Type.String()),
  discrepancies: Type.Array(
    Type.Object({
      kind: literalUnion(['quantity', 'code', 'receipt_overdue'] as const, 'discrepancy'),
      line: Type.Union([Type.Integer(), Type.Null()]),
      detail: Type.String(),
      at: Type.String(),
    }),
  ),
  items: Type.Array(
    Type.Object({
      line: Type.Integer(),
      code: Type.String(),
      name: Type.String(),
      form: Type.String(),
      hazard: Type.String(),
      packaging: Type.String(),
      quantityT: Type.Number(),
      receivedT: NullableNumber,
      receivedCode: Nullable(Type.String()),
    }),
  ),
  totalT: Type.Number(),
  demo: Type.Boolean(),
  callerParties: Type.Array(literalUnion(WASTE_MANIFEST_PARTIES, 'party')),
  allowedMoves: Type.Array(literalUnion(WASTE_MANIFEST_STATES, 'manifest state')),
  events: Type.Array(ManifestEventSchema),
});
export type ManifestDto = Static<typeof ManifestSchema>;
export const ManifestListSchema = Type.Object({ items: Type.Array(ManifestSchema), total: Type.Integer() });

export const EnterpriseParamsSchema = Type.Object({ code: Code });
export const YearQuerySchema = Type.Object({
  year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
});
export type YearQuery = Static<typeof YearQuerySchema>;

export const LedgerBodySchema = Type.Object({
  kind: literalUnion(WASTE_HAND_LEDGER_KINDS, 'ledger record kind'),
  at: Type.Optional(
    Type.String({ maxLength: 40, description: 'ISO 8601; no offset = China time; default now' }),
  ),
  code: HwCode,
  quantityT: Tonnes,
  facility: Type.Optional(Type.String({ maxLength: 64 })),
  batch: Type.Optional(ShortText),
  container: Type.Optional(ShortText),
  handler: Type.Optional(ShortText),
  note: Type.Optional(ShortText),
});
export type LedgerBody = Static<typeof LedgerBodySchema>;

export const LedgerRecordSchema = Type.Object({
  id: Type.Integer(),
  kind: literalUnion(WASTE_LEDGER_KINDS, 'ledger kind'),
  at: InstantSchema,
  code: Type.String(),
  quantityT: Type.Number(),
  facility: Nullable(Type.String()),
  batch: Type.String(),
  container: Type.String(),
  handler: Type.String(),
  manifestId: Type.Union([Type.Integer(), Type.Null()]),
  note: Type.String(),
  recordedBy: Type.String(),
});
export type LedgerRecordDto = Static<typeof LedgerRecordSchema>;

export const FacilityBodySchema = Type.Object({
  code: Type.String({ minLength: 1, maxLength: 64 }),
  name: Type.String({ minLength: 1, maxLength: 200 }),
  capacityT: Tonnes,
  location: ShortText,
});
export const FacilitySchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  capacityT: Type.Number(),
  location: Type.String(),
  stockT: Type.Number(),
});

export const PlanBodySchema = Type.Object({
  year: Type.Integer({ minimum: 2000, maximum: 2100 }),
  lines: Type.Array(Type.Object({ code: HwCode, quantityT: Tonnes }), { minItems: 1, maxItems: 200 }),
});
export const DeclarationBodySchema = Type.Object({
  kind: literalUnion(WASTE_DECLARATION_KINDS, 'declaration kind'),
  period: Type.String({ minLength: 4, maxLength: 7, description: 'YYYY-MM, YYYY-Qn or YYYY' }),
});

const BalanceLineSchema = Type.Object({
  code: Type.String(),
  openingT: Type.Number(),
  generatedT: Type.Number(),
  receivedT: Type.Number(),
  returnedT: Type.Number(),
  shippedT: Type.Number(),
  selfUtilisedT: Type.Number(),
  utilisedT: Type.Number(),
  disposedT: Type.Number(),
  correctionsT: Type.Number(),
  expectedClosingT: Type.Number(),
  countedT: NullableNumber,
  gapT: NullableNumber,
});

export const WasteFileSchema = Type.Object({
  site: Type.Object({ code: Type.String(), name: Type.String(), districtCode: Type.String() }),
  year: Type.Integer(),
  roles: Type.Array(WastePartySchema),
  tier: Type.Union([
    literalUnion(['key', 'simplified', 'registration'] as const, 'HJ 1259-2022 tier'),
    Type.Null(),
  ]),
  declarationsOwed: Type.Array(literalUnion(WASTE_DECLARATION_KINDS, 'declaration kind')),
  declarations: Type.Array(
    Type.Object({ kind: Type.String(), period: Type.String(), filedAt: InstantSchema }),
  ),
  facilities: Type.Array(FacilitySchema),
  stock: Type.Array(
    Type.Object({ code: Type.String(), facility: Nullable(Type.String()), stockT: Type.Number() }),
  ),
  ages: Type.Array(
    Type.Object({
      code: Type.String(),
      stockT: Type.Number(),
      oldestSince: NullableInstant,
      days: Type.Integer(),
    }),
  ),
  plan: Type.Array(Type.Object({ code: Type.String(), plannedT: Type.Number(), filedAt: InstantSchema })),
  balance: Type.Array(BalanceLineSchema),
  ledger: Type.Array(LedgerRecordSchema),
});
export type WasteFileDto = Static<typeof WasteFileSchema>;

const FigureRow = {
  generatedT: Type.Number(),
  transferredT: Type.Number(),
  utilisedT: Type.Number(),
  disposedT: Type.Number(),
};
const FlowEndSchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  districtCode: Type.String(),
  longitude: NullableNumber,
  latitude: NullableNumber,
});
export const WasteFiguresSchema = Type.Object({
  year: Type.Integer(),
  byCategory: Type.Array(Type.Object({ category: Type.String(), ...FigureRow })),
  byDistrict: Type.Array(Type.Object({ districtCode: Type.String(), ...FigureRow })),
  flows: Type.Array(
    Type.Object({
      from: FlowEndSchema,
      to: FlowEndSchema,
      quantityT: Type.Number(),
      manifests: Type.Integer(),
      crossDistrict: Type.Boolean(),
    }),
  ),
  manifestsByState: Type.Record(Type.String(), Type.Integer()),
});
export type WasteFiguresDto = Static<typeof WasteFiguresSchema>;

export const StatsBodySchema = Type.Object({
  rows: Type.Array(
    Type.Object({
      month: Type.String({ maxLength: 7, description: 'YYYY-MM' }),
      scope: Type.String({ maxLength: 8, description: 'city or a district code' }),
      key: Type.String({ maxLength: 64 }),
      value: Type.Number(),
      target: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
    }),
    { minItems: 1, maxItems: 2000 },
  ),
});
export const StatsResultSchema = Type.Object({ entered: Type.Integer() });

export const IndicatorQuerySchema = Type.Object({
  year: Type.Integer({ minimum: 2000, maximum: 2100 }),
  scope: Type.Optional(Type.String({ maxLength: 8, description: 'city (default) or a district code' })),
  code: Type.Optional(Type.String({ maxLength: 64 })),
});
export const IndicatorListSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      key: Type.String(),
      value: NullableNumber,
      unit: Type.String(),
      target: NullableNumber,
      asOf: NullableInstant,
    }),
  ),
});

export const WasteSettingsSchema = Type.Object({
  storageLimitDays: Type.Object({ generator: Type.Number(), receiver: Type.Number() }),
  storageWarningDays: Type.Number(),
  quantityTolerancePct: Type.Number(),
  receiptWorkingDays: Type.Number(),
  balanceTolerancePct: Type.Number(),
  planDeviationPct: Type.Number(),
  holidayYears: Type.Array(
    Type.Object({
      year: Type.Integer(),
      holidays: Type.Array(Type.Object({ name: Type.String(), from: Type.String(), to: Type.String() })),
      workdays: Type.Array(Type.String()),
      source: Type.String(),
    }),
  ),
});
/** A change of the settings: any subset (checked by the service, which names the field). */
export const WasteSettingsBodySchema = Type.Record(Type.String(), Type.Unknown());

export type ManifestListDto = Static<typeof ManifestListSchema>;
export type WastePartyListDto = Static<typeof WastePartyListSchema>;
export type IndicatorListDto = Static<typeof IndicatorListSchema>;
