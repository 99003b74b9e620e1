import {
  assertInScope,
  assertScopeNotEmpty,
  AuditLog,
  CITY,
  ConflictError,
  COUNTY_LEVEL_UNITS,
  ForbiddenError,
  InputChecker,
  isId,
  isUniqueViolation,
  keysetPage,
  limitToDistrictScope,
  Page,
  pageRequest,
  readScope,
  RequestContext,
  scopeRefusal,
  todayInChina,
  TransactionalConnection,
  writeScope,
} from '@tongxin/common';
import { In } from 'typeorm';
import { checkRows } from '../batch';
import { FIRST_YEAR } from '../evaluation/evaluation.validation';
import { registeredPerson } from '../register/person-status.entity';
import { changeVersioned } from '../versioned-change';
import { heldEntry, TALENT_POOL } from './talent-pool.access';
import { TalentPoolEntryEntity } from './talent-pool.entity';
import { PoolEntryStatus, PoolLevel } from './talent-pool.enums';
import { AddToTalentPoolInput, ConfirmTalentPoolEntryInput, RemoveFromTalentPoolInput, RenewTalentPoolInput, TalentPoolFilter } from './talent-pool.inputs';

/**
 * The talent pool (代表人士人才库, §7): entries per pool (the city's, each district's) and year,
 * added and removed with a reason (removal keeps the row), confirmed after review, and the annual
 * renewal. Roles: TALENT_POOL. Compliance and quotas: TalentPoolQuotaService; candidates:
 * TalentPoolCandidateService.
 */
export class TalentPoolService {
  constructor(
    private readonly conn: TransactionalConnection,
    private readonly audit: AuditLog,
    private readonly today: () => string = () => todayInChina(),
  ) {}

  findByIds(ctx: RequestContext<unknown>, ids: readonly string[]): Promise<TalentPoolEntryEntity[]> {
    assertScopeNotEmpty(readScope(ctx.viewer, TALENT_POOL));
    return this.conn.findByIds(ctx, TalentPoolEntryEntity, ids);
  }

  readRefusal(ctx: RequestContext<unknown>, e: TalentPoolEntryEntity): ForbiddenError | null {
    return scopeRefusal(readScope(ctx.viewer, TALENT_POOL), ctx.viewer, heldEntry(e), 'read talent pool entries');
  }

  /** Each person's entries the viewer may read, newest year first (Person.talentPool). */
  findByPersonIds(ctx: RequestContext<unknown>, personIds: readonly string[]): Promise<TalentPoolEntryEntity[]> {
    const scope = readScope(ctx.viewer, TALENT_POOL);
    assertScopeNotEmpty(scope);
    const qb = this.conn
      .repo(ctx, TalentPoolEntryEntity)
      .createQueryBuilder('t')
      .where('t.personId IN (:...personIds)', { personIds: [...personIds] });
    limitToDistrictScope(qb, 't.districtCode', scope);
    return qb.orderBy('t.year', 'DESC').addOrderBy('t.id', 'DESC').getMany();
  }

  /** Of these persons, those with an ACTIVE entry of the current year that the viewer may read (isRepresentative). */
  async activePersonIds(ctx: RequestContext<unknown>, personIds: readonly string[]): Promise<Set<string>> {
    const scope = readScope(ctx.viewer, TALENT_POOL);
    assertScopeNotEmpty(scope);
    const qb = this.conn
      .repo(ctx, TalentPoolEntryEntity)
      .createQueryBuilder('t')
      .select('DISTINCT t.personId', 'personId')
      .where('t.personId IN (:...personIds)', { personIds: [...personIds] })
      .andWhere('t.year = :year AND t.status = :status', { year: this.currentYear(), status: PoolEntryStatus.ACTIVE });
    limitToDistrictScope(qb, 't.districtCode', scope);
    const rows: Array<{ personId: string }> = await qb.getRawMany();
    return new Set(rows.map((r) => r.personId));
  }

  /** One page of entries in the order they were added, filtered as asked (by default those of registered persons only). */
  list(ctx: RequestContext<unknown>, filter: TalentPoolFilter | null | undefined, args: { first?: number | null; after?: string | null }): Promise<Page<TalentPoolEntryEntity>> {
    const page = pageRequest(args);
    const f = filter ?? {};
    const check = new InputChecker('filter');
    const year = check.int('year', f.year, { min: FIRST_YEAR, max: this.currentYear() + 1 });
    const level = check.oneOf('level', f.level, PoolLevel);
    const districtCode = check.district('districtCode', f.districtCode);
    const status = check.oneOf('status', f.status, PoolEntryStatus);
    const personId = check.id('personId', f.personId, { required: false });
    check.throwIfInvalid();
    const scope = readScope(ctx.viewer, TALENT_POOL);
    assertScopeNotEmpty(scope);
    if (districtCode) assertInScope(scope, ctx.viewer, { districtCode }, 'read talent pool entries');
    const qb = this.conn.repo(ctx, TalentPoolEntryEntity).createQueryBuilder('t');
    if (districtCode) qb.andWhere('t.districtCode = :districtCode', { districtCode });
    else limitToDistrictScope(qb, 't.districtCode', scope);
    if (year !== undefined) qb.andWhere('t.year = :year', { year });
    if (level) qb.andWhere('t.level = :level', { level });
    if (status) qb.andWhere('t.status = :status', { status });
    if (personId) qb.andWhere('t.personId = :personId', { personId });
    if (f.registeredOnly !== false) qb.andWhere(registeredPerson('t.person_id'));
    return keysetPage(qb, [{ expr: 't.id', valueOf: (e) => e.id }], page);
  }

  /** Adds a person to a pool of a year as ACTIVE; a second entry for the same person, pool and year (whatever its status) is a CONFLICT. */
  async add(ctx: RequestContext<unknown>, input: AddToTalentPoolInput): Promise<TalentPoolEntryEntity> {
    const id = await this.audit.guard(ctx, { action: 'addToTalentPool', entityType: 'TalentPoolEntry', entityId: null }, async () => {
      const scope = writeScope(ctx.viewer, TALENT_POOL);
      assertScopeNotEmpty(scope);
      const check = new InputChecker('input');
      const record = this.checkEntry(check, input);
      if (!record) return check.throwIfInvalid() as never;
      assertInScope(scope, ctx.viewer, { districtCode: record.districtCode }, 'change talent pool entries');
      const newId = ctx.ids.next();
      try {
        await this.conn.transaction(ctx, async (tx) => {
          await this.conn.repo(tx, TalentPoolEntryEntity).insert(entryRow(newId, record, ctx.viewer.subject));
          await this.audit.record(tx, { action: 'addToTalentPool', entityType: 'TalentPoolEntry', entityId: newId });
        });
      } catch (error) {
        if (isUniqueViolation(error)) {
          const existing = await this.conn.repo(ctx, TalentPoolEntryEntity).findOneBy({ personId: record.personId, level: record.level, districtCode: record.districtCode, year: record.year });
          throw new ConflictError(`This person has an entry in this pool for ${record.year} already${existing ? ` (${existing.id}, ${existing.status})` : ''}: one entry per person, pool and year.`, {
            field: 'input.personId',
            ...(existing ? { entryId: existing.id } : {}),
          });
        }
        throw error;
      }
      return newId;
    });
    return this.conn.getEntityOrThrow(ctx, TalentPoolEntryEntity, id, 'TalentPoolEntry');
  }

  /**
   * Adds many entries at once (the demo data, scripts), all or nothing: every row checked first
   * (`rows[i].field`), duplicates within the batch refused, those against the table a CONFLICT;
   * one audit event. Returns the new ids in input order.
   */
  async addMany(ctx: RequestContext<unknown>, drafts: readonly AddToTalentPoolInput[]): Promise<string[]> {
    return this.audit.guard(ctx, { action: 'addManyToTalentPool', entityType: 'TalentPoolEntry', entityId: null }, async () => {
      const scope = writeScope(ctx.viewer, TALENT_POOL);
      assertScopeNotEmpty(scope);
      const { records } = checkRows(
        drafts,
        (check, draft) => this.checkEntry(check, draft),
        { scope, viewer: ctx.viewer, doing: 'change talent pool entries' },
        { key: (r) => `${r.personId}/${r.level}/${r.districtCode}/${r.year}`, field: 'personId', what: 'the person, pool and year' },
      );
      if (records.length === 0) return [];
      try {
        return await this.conn.transaction(ctx, async (tx) => {
          const rows = records.map((r) => entryRow(tx.ids.next(), r, ctx.viewer.subject));
          await this.conn.insertChunked(tx, TalentPoolEntryEntity, rows);
          await this.audit.record(tx, { action: 'addManyToTalentPool', entityType: 'TalentPoolEntry', entityId: null, detail: `${rows.length} records` });
          return rows.map((r) => r.id);
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw new ConflictError('Some of these persons have an entry in the same pool and year already: one entry per person, pool and year.');
        throw error;
      }
    });
  }

  private checkEntry(check: InputChecker, input: Partial<AddToTalentPoolInput>): EntryRecord | null {
    const personId = check.id('personId', input.personId);
    const level = check.oneOf('level', input.level, PoolLevel, { required: true });
    const districtCode = poolDistrict(check, level, input.districtCode, true);
    const year = check.int('year', input.year, { required: true, min: FIRST_YEAR, max: this.currentYear() + 1 });
    const reason = check.text('reason', input.reason?.trim(), { required: true, min: 2, max: 500 });
    if (!check.ok) return null;
    return { personId: personId!, level: level!, districtCode: districtCode!, year: year!, reason: reason! };
  }

  /** Takes an entry out of its pool (REMOVED, with who, when and why); the row stays. */
  remove(ctx: RequestContext<unknown>, input: RemoveFromTalentPoolInput): Promise<TalentPoolEntryEntity> {
    return this.change(
      ctx,
      'removeFromTalentPool',
      input,
      (check) => check.text('reason', input.reason?.trim(), { required: true, min: 2, max: 500 }),
      (current, reason) => {
        if (current.status === PoolEntryStatus.REMOVED) return `Entry ${current.id} was removed already on ${current.removedAt?.toISOString().slice(0, 10)}.`;
        return { status: PoolEntryStatus.REMOVED, removedBy: ctx.viewer.subject, removedAt: new Date(), removalReason: reason! };
      },
    );
  }

  /** Confirms an entry the renewal put UNDER_REVIEW. */
  confirm(ctx: RequestContext<unknown>, input: ConfirmTalentPoolEntryInput): Promise<TalentPoolEntryEntity> {
    return this.change(
      ctx,
      'confirmTalentPoolEntry',
      input,
      () => undefined,
      (current) => {
        if (current.status !== PoolEntryStatus.UNDER_REVIEW) return `Entry ${current.id} is ${current.status}: only entries UNDER_REVIEW can be confirmed.`;
        return { status: PoolEntryStatus.ACTIVE };
      },
    );
  }

  private async change<V>(
    ctx: RequestContext<unknown>,
    action: string,
    input: { id: string; expectedVersion: number },
    checkRest: (check: InputChecker) => V,
    transition: (current: TalentPoolEntryEntity, value: V) => string | Partial<TalentPoolEntryEntity>,
  ): Promise<TalentPoolEntryEntity> {
    const entityId = typeof input.id === 'string' && isId(input.id) ? input.id.toLowerCase() : null;
    return this.audit.guard(ctx, { action, entityType: 'TalentPoolEntry', entityId }, async () => {
      const scope = writeScope(ctx.viewer, TALENT_POOL);
      assertScopeNotEmpty(scope);
      const check = new InputChecker('input');
      check.id('id', input.id);
      check.int('expectedVersion', input.expectedVersion, { required: true, min: 1 });
      const value = checkRest(check);
      check.throwIfInvalid();
      return changeVersioned(this.conn, this.audit, ctx, {
        entity: TalentPoolEntryEntity,
        typeName: 'TalentPoolEntry',
        label: 'Talent pool entry',
        action,
        id: entityId!,
        expectedVersion: input.expectedVersion,
        scope,
        held: heldEntry,
        verb: 'change talent pool entries',
        next: (current) => {
          const next = transition(current, value);
          if (typeof next === 'string') throw new ConflictError(next, { currentVersion: current.version });
          return { set: next };
        },
      });
    });
  }

  /**
   * Rolls the ACTIVE entries of `fromYear` into `toYear` as UNDER_REVIEW, pool by pool, leaving
   * `fromYear` untouched; entries of persons no longer registered (archived, moved away) are not
   * carried over (`notRegistered`). Idempotent: a person with any entry in the same pool of `toYear`
   * (including one removed there) is left alone, so a second run creates nothing.
   */
  async renew(ctx: RequestContext<unknown>, input: RenewTalentPoolInput): Promise<{ created: number; alreadyPresent: number; notRegistered: number }> {
    return this.audit.guard(ctx, { action: 'renewTalentPool', entityType: 'TalentPoolEntry', entityId: null }, async () => {
      const scope = writeScope(ctx.viewer, TALENT_POOL);
      assertScopeNotEmpty(scope);
      const check = new InputChecker('input');
      const maxYear = this.currentYear() + 1;
      const fromYear = check.int('fromYear', input.fromYear, { required: true, min: FIRST_YEAR, max: maxYear - 1 });
      const toYear = check.int('toYear', input.toYear, { required: true, min: FIRST_YEAR + 1, max: maxYear });
      if (Number.isInteger(fromYear) && Number.isInteger(toYear) && toYear! <= fromYear!) check.fail('toYear', `must be after fromYear ${fromYear}`);
      const level = check.oneOf('level', input.level, PoolLevel, { required: true });
      const districtCode = poolDistrict(check, level, input.districtCode, false);
      check.throwIfInvalid();
      let pools: string[];
      if (level === PoolLevel.CITY) pools = [CITY.code];
      else if (districtCode) pools = [districtCode];
      else pools = scope.kind === 'district' ? [scope.districtCode] : COUNTY_LEVEL_UNITS.map((d) => d.code);
      for (const code of pools) assertInScope(scope, ctx.viewer, { districtCode: code }, 'change talent pool entries');

      try {
        return await this.conn.transaction(ctx, async (tx) => {
          const repo = this.conn.repo(tx, TalentPoolEntryEntity);
          const active = await repo.find({
            where: { year: fromYear!, level: level!, districtCode: In(pools), status: PoolEntryStatus.ACTIVE },
            order: { id: 'ASC' },
          });
          const registered = await repo
            .createQueryBuilder('t')
            .select('t.id', 'id')
            .where('t.year = :year AND t.level = :level AND t.districtCode IN (:...pools) AND t.status = :status', {
              year: fromYear!,
              level: level!,
              pools,
              status: PoolEntryStatus.ACTIVE,
            })
            .andWhere(registeredPerson('t.person_id'))
            .getRawMany<{ id: string }>();
          const carried = new Set(registered.map((r) => r.id));
          const from = active.filter((e) => carried.has(e.id));
          const notRegistered = active.length - from.length;
          const present = await repo.find({ select: { personId: true, districtCode: true }, where: { year: toYear!, level: level!, districtCode: In(pools) } });
          const taken = new Set(present.map((p) => `${p.districtCode}/${p.personId}`));
          const rows = from
            .filter((e) => !taken.has(`${e.districtCode}/${e.personId}`))
            .map((e) => ({
              id: tx.ids.next(),
              personId: e.personId,
              level: e.level,
              districtCode: e.districtCode,
              year: toYear!,
              status: PoolEntryStatus.UNDER_REVIEW,
              reason: `renewed from ${fromYear}: ${e.reason}`.slice(0, 500),
              addedBy: ctx.viewer.subject,
              renewedFromId: e.id,
              version: 1,
            }));
          await this.conn.insertChunked(tx, TalentPoolEntryEntity, rows);
          const alreadyPresent = from.length - rows.length;
          await this.audit.record(tx, {
            action: 'renewTalentPool',
            entityType: 'TalentPoolEntry',
            entityId: null,
            detail: `${level} ${pools.length === 1 ? pools[0] : `${pools.length} districts`} ${fromYear}→${toYear}: ${rows.length} created, ${alreadyPresent} present already, ${notRegistered} not registered`,
          });
          return { created: rows.length, alreadyPresent, notRegistered };
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw new ConflictError('The pool was changed while it was renewed: run the renewal again (it adds only what is missing).');
        throw error;
      }
    });
  }

  private currentYear(): number {
    return Number(this.today().slice(0, 4));
  }
}

interface EntryRecord {
  personId: string;
  level: PoolLevel;
  districtCode: string;
  year: number;
  reason: string;
}

function entryRow(id: string, r: EntryRecord, addedBy: string) {
  return { id, ...r, status: PoolEntryStatus.ACTIVE, addedBy, renewedFromId: null, version: 1 };
}

/** The district code of a pool: a county-level district for DISTRICT (required when `required`), 330300 for CITY. */
export function poolDistrict(check: InputChecker, level: PoolLevel | undefined, code: string | null | undefined, required: boolean): string | undefined {
  if (level === PoolLevel.CITY) {
    if (code && code !== CITY.code) check.fail('districtCode', `must be omitted or ${CITY.code} for the CITY pool`);
    return CITY.code;
  }
  return check.district('districtCode', code, { required: required && level === PoolLevel.DISTRICT, countyLevel: true });
}
