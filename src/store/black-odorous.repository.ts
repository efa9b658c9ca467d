/**
 * Urban black-odorous water bodies (城市黑臭水体): the bodies, their sampling points in order along
 * each body, and the samples taken there (2015 guide units). Samples are never changed.
 */
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Clock } from '../clock.js';
import { ConflictError } from '../errors.js';
import type {
  BlackOdorousBodyTable,
  BlackOdorousPointTable,
  BlackOdorousSampleTable,
  Database,
} from './schema.js';

/** An urban black-odorous water body (城市黑臭水体). */
export interface BlackOdorousBody {
  id: number;
  code: string;
  name: string;
  districtCode: string;
  /** Where it runs, in words ("from … to …"). */
  location: string;
  lengthM: number | null;
  demo: boolean;
}

/** A sampling point; `seq` orders the points along the water body (upstream first). */
export interface BlackOdorousPoint {
  id: number;
  bodyId: number;
  code: string;
  name: string;
  seq: number;
  longitude: number | null;
  latitude: number | null;
}

/** One measurement at a point, in the units of the 2015 guide. */
export interface BlackOdorousSample {
  id: number;
  pointId: number;
  sampledAt: Date;
  /** Transparency, cm. */
  sd: number;
  /** Dissolved oxygen, mg/L. */
  do: number;
  /** Oxidation-reduction potential, mV. */
  orp: number;
  /** Ammonia nitrogen, mg/L. */
  nh3n: number;
  /** Water depth, cm, when measured. */
  depth: number | null;
  enteredBy: string;
  enteredAt: Date;
}

export interface NewBlackOdorousBody {
  code: string;
  name: string;
  districtCode: string;
  location?: string;
  lengthM?: number | null;
  demo?: boolean;
  /** Points in order along the water body; their `seq` is their index. */
  points: { code: string; name: string; longitude?: number | null; latitude?: number | null }[];
}

export type NewBlackOdorousSample = Omit<BlackOdorousSample, 'id' | 'enteredAt'>;

/** A sample key (point, time) that was already stored (409 `conflict`). */
export class DuplicateSampleError extends ConflictError {
  constructor(
    readonly pointId: number,
    readonly sampledAt: Date,
  ) {
    super(`point ${pointId} already has a sample at ${sampledAt.toISOString()}`);
  }
}

function toBody(r: Selectable<BlackOdorousBodyTable>): BlackOdorousBody {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    districtCode: r.district_code,
    location: r.location,
    lengthM: r.length_m,
    demo: r.demo === 1,
  };
}

function toPoint(r: Selectable<BlackOdorousPointTable>): BlackOdorousPoint {
  return {
    id: r.id,
    bodyId: r.body_id,
    code: r.code,
    name: r.name,
    seq: r.seq,
    longitude: r.longitude,
    latitude: r.latitude,
  };
}

function toSample(r: Selectable<BlackOdorousSampleTable>): BlackOdorousSample {
  return {
    id: r.id,
    pointId: r.point_id,
    sampledAt: new Date(r.sampled_at),
    sd: r.sd_cm,
    do: r.do_mg_l,
    orp: r.orp_mv,
    nh3n: r.nh3n_mg_l,
    depth: r.depth_cm,
    enteredBy: r.entered_by,
    enteredAt: new Date(r.entered_at),
  };
}

/** Black-odorous water bodies, their sampling points and samples. */
export class BlackOdorousRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  /** Creates a water body with its points in one transaction. */
  async createBody(
    body: NewBlackOdorousBody,
  ): Promise<{ body: BlackOdorousBody; points: BlackOdorousPoint[] }> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('black_odorous_bodies')
        .values({
          code: body.code,
          name: body.name,
          district_code: body.districtCode,
          location: body.location ?? '',
          length_m: body.lengthM ?? null,
          demo: body.demo === true ? 1 : 0,
          created_at: this.clock.now().getTime(),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const points =
        body.points.length === 0
          ? []
          : await trx
              .insertInto('black_odorous_points')
              .values(
                body.points.map((p, seq) => ({
                  body_id: row.id,
                  code: p.code,
                  name: p.name,
                  seq,
                  longitude: p.longitude ?? null,
                  latitude: p.latitude ?? null,
                })),
              )
              .returningAll()
              .execute();
      return { body: toBody(row), points: points.map(toPoint).sort((a, b) => a.seq - b.seq) };
    });
  }

  async listBodies(filter: { districtCode?: string | undefined } = {}): Promise<BlackOdorousBody[]> {
    let q = this.db.selectFrom('black_odorous_bodies').selectAll();
    if (filter.districtCode !== undefined) q = q.where('district_code', '=', filter.districtCode);
    return (await q.orderBy('code').execute()).map(toBody);
  }

  async getBodyByCode(code: string): Promise<BlackOdorousBody | null> {
    const r = await this.db
      .selectFrom('black_odorous_bodies')
      .selectAll()
      .where('code', '=', code)
      .executeTakeFirst();
    return r ? toBody(r) : null;
  }

  /** Points of the given bodies, in order along each body. */
  async listPoints(bodyIds: readonly number[]): Promise<BlackOdorousPoint[]> {
    if (bodyIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('black_odorous_points')
      .selectAll()
      .where('body_id', 'in', [...bodyIds])
      .orderBy('body_id')
      .orderBy('seq')
      .execute();
    return rows.map(toPoint);
  }

  /**
   * Stores a sample; throws `DuplicateSampleError` when the point already has one at that time.
   * Pass `trx` to store it inside a transaction the caller holds (with its audit entry).
   */
  async addSample(sample: NewBlackOdorousSample, trx?: Transaction<Database>): Promise<BlackOdorousSample> {
    const row = await (trx ?? this.db)
      .insertInto('black_odorous_samples')
      .values({
        point_id: sample.pointId,
        sampled_at: sample.sampledAt.getTime(),
        sd_cm: sample.sd,
        do_mg_l: sample.do,
        orp_mv: sample.orp,
        nh3n_mg_l: sample.nh3n,
        depth_cm: sample.depth,
        entered_by: sample.enteredBy,
        entered_at: this.clock.now().getTime(),
      })
      .onConflict((oc) => oc.columns(['point_id', 'sampled_at']).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (row === undefined) throw new DuplicateSampleError(sample.pointId, sample.sampledAt);
    return toSample(row);
  }

  /** Samples of the given points with `from ≤ sampledAt < to`, oldest first. */
  async listSamples(pointIds: readonly number[], from: Date, to: Date): Promise<BlackOdorousSample[]> {
    if (pointIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('black_odorous_samples')
      .selectAll()
      .where('point_id', 'in', [...pointIds])
      .where('sampled_at', '>=', from.getTime())
      .where('sampled_at', '<', to.getTime())
      .orderBy('sampled_at')
      .orderBy('id')
      .execute();
    return rows.map(toSample);
  }

  async countBodies(): Promise<number> {
    const r = await this.db
      .selectFrom('black_odorous_bodies')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }
}
