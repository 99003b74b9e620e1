import {
  assertInScope,
  assertScopeNotEmpty,
  AuditLog,
  ConflictError,
  ForbiddenError,
  InputChecker,
  isId,
  keysetPage,
  limitToDistrictScope,
  Page,
  pageRequest,
  readScope,
  RequestContext,
  RowScopeRule,
  scopeRefusal,
  todayInChina,
  TransactionalConnection,
  writeScope,
} from '@tongxin/common';
import { checkRows } from '../batch';
import { changeVersioned } from '../versioned-change';
import { PoliticalArrangementEntity } from './arrangement.entity';
import { ARRANGEMENT_TRANSITIONS, ArrangementKind, ArrangementLevel, ArrangementStatus } from './arrangement.enums';
import { ChangePoliticalArrangementStatusInput, PoliticalArrangementFilter, RecordPoliticalArrangementInput } from './arrangement.inputs';

/**
 * Who may read and change political arrangements: as evaluations (docs/SECURITY.md), held by the
 * district whose department arranges them.
 */
export const ARRANGEMENTS: RowScopeRule = { what: 'political arrangements', association: false, person: false };

const MAX_TERM_YEARS = 10;

/**
 * Political arrangements (政治安排, §15, §17): recommendations and appointments, with a status
 * that moves only along ARRANGEMENT_TRANSITIONS, each change recording who and when.
 */
export class ArrangementService {
  constructor(
    private readonly conn: TransactionalConnection,
    private readonly audit: AuditLog,
    private readonly today: () => string = () => todayInChina(),
  ) {}

  findByIds(ctx: RequestContext<unknown>, ids: readonly string[]): Promise<PoliticalArrangementEntity[]> {
    assertScopeNotEmpty(readScope(ctx.viewer, ARRANGEMENTS));
    return this.conn.findByIds(ctx, PoliticalArrangementEntity, ids);
  }

  readRefusal(ctx: RequestContext<unknown>, e: PoliticalArrangementEntity): ForbiddenError | null {
    return scopeRefusal(readScope(ctx.viewer, ARRANGEMENTS), ctx.viewer, { districtCode: e.districtCode }, 'read political arrangements');
  }

  /** Each person's arrangements the viewer may read, latest term first. */
  findByPersonIds(ctx: RequestContext<unknown>, personIds: readonly string[]): Promise<PoliticalArrangementEntity[]> {
    const scope = readScope(ctx.viewer, ARRANGEMENTS);
    assertScopeNotEmpty(scope);
    const qb = this.conn
      .repo(ctx, PoliticalArrangementEntity)
      .createQueryBuilder('a')
      .where('a.personId IN (:...personIds)', { personIds: [...personIds] });
    limitToDistrictScope(qb, 'a.districtCode', scope);
    return qb.orderBy('a.termStart', 'DESC').addOrderBy('a.id', 'DESC').getMany();
  }

  /** Of these persons, those holding an APPOINTED arrangement whose term covers today (that the viewer may read). */
  async appointedPersonIds(ctx: RequestContext<unknown>, personIds: readonly string[]): Promise<Set<string>> {
    const scope = readScope(ctx.viewer, ARRANGEMENTS);
    assertScopeNotEmpty(scope);
    const today = this.today();
    const qb = this.conn
      .repo(ctx, PoliticalArrangementEntity)
      .createQueryBuilder('a')
      .select('DISTINCT a.personId', 'personId')
      .where('a.personId IN (:...personIds)', { personIds: [...personIds] })
      .andWhere('a.status = :status AND a.termStart <= :today AND a.termEnd >= :today', { status: ArrangementStatus.APPOINTED, today });
    limitToDistrictScope(qb, 'a.districtCode', scope);
    const rows: Array<{ personId: string }> = await qb.getRawMany();
    return new Set(rows.map((r) => r.personId));
  }

  list(ctx: RequestContext<unknown>, filter: PoliticalArrangementFilter | null | undefined, args: { first?: number | null; after?: string | null }): Promise<Page<PoliticalArrangementEntity>> {
    const page = pageRequest(args);
    const f = filter ?? {};
    const check = new InputChecker('filter');
    const personId = check.id('personId', f.personId, { required: false });
    const kind = check.oneOf('kind', f.kind, ArrangementKind);
    const status = check.oneOf('status', f.status, ArrangementStatus);
    const districtCode = check.district('districtCode', f.districtCode);
    check.throwIfInvalid();
    const scope = readScope(ctx.viewer, ARRANGEMENTS);
    assertScopeNotEmpty(scope);
    if (districtCode) assertInScope(scope, ctx.viewer, { districtCode }, 'read political arrangements');
    const qb = this.conn.repo(ctx, PoliticalArrangementEntity).createQueryBuilder('a');
    if (districtCode) qb.andWhere('a.districtCode = :districtCode', { districtCode });
    else limitToDistrictScope(qb, 'a.districtCode', scope);
    if (personId) qb.andWhere('a.personId = :personId', { personId });
    if (kind) qb.andWhere('a.kind = :kind', { kind });
    if (status) qb.andWhere('a.status = :status', { status });
    return keysetPage(qb, [{ expr: 'a.id', valueOf: (e) => e.id }], page);
  }

  async record(ctx: RequestContext<unknown>, input: RecordPoliticalArrangementInput): Promise<PoliticalArrangementEntity> {
    const id = await this.audit.guard(ctx, { action: 'recordPoliticalArrangement', entityType: 'PoliticalArrangement', entityId: null }, async () => {
      const scope = writeScope(ctx.viewer, ARRANGEMENTS);
      assertScopeNotEmpty(scope);
      const check = new InputChecker('input');
      const record = checkArrangement(check, input);
      if (!record) return check.throwIfInvalid() as never;
      assertInScope(scope, ctx.viewer, { districtCode: record.districtCode }, 'change political arrangements');
      const newId = ctx.ids.next();
      await this.conn.transaction(ctx, async (tx) => {
        await this.conn.repo(tx, PoliticalArrangementEntity).insert(arrangementRow(newId, record, ctx.viewer.subject));
        await this.audit.record(tx, { action: 'recordPoliticalArrangement', entityType: 'PoliticalArrangement', entityId: newId });
      });
      return newId;
    });
    return this.conn.getEntityOrThrow(ctx, PoliticalArrangementEntity, id, 'PoliticalArrangement');
  }

  /** Records many at once (the demo data, scripts), all or nothing, each problem named `rows[i].field`; one audit event. */
  async recordMany(ctx: RequestContext<unknown>, drafts: readonly RecordPoliticalArrangementInput[]): Promise<string[]> {
    return this.audit.guard(ctx, { action: 'recordManyPoliticalArrangements', entityType: 'PoliticalArrangement', entityId: null }, async () => {
      const scope = writeScope(ctx.viewer, ARRANGEMENTS);
      assertScopeNotEmpty(scope);
      const { records } = checkRows(drafts, checkArrangement, { scope, viewer: ctx.viewer, doing: 'change political arrangements' });
      if (records.length === 0) return [];
      return this.conn.transaction(ctx, async (tx) => {
        const rows = records.map((r) => arrangementRow(tx.ids.next(), r, ctx.viewer.subject));
        await this.conn.insertChunked(tx, PoliticalArrangementEntity, rows);
        await this.audit.record(tx, { action: 'recordManyPoliticalArrangements', entityType: 'PoliticalArrangement', entityId: null, detail: `${rows.length} records` });
        return rows.map((r) => r.id);
      });
    });
  }

  /** Moves the status along ARRANGEMENT_TRANSITIONS; any other move is a CONFLICT naming input.status and the current status. */
  async changeStatus(ctx: RequestContext<unknown>, input: ChangePoliticalArrangementStatusInput): Promise<PoliticalArrangementEntity> {
    const entityId = typeof input.id === 'string' && isId(input.id) ? input.id.toLowerCase() : null;
    return this.audit.guard(ctx, { action: 'changePoliticalArrangementStatus', entityType: 'PoliticalArrangement', entityId }, async () => {
      const scope = writeScope(ctx.viewer, ARRANGEMENTS);
      assertScopeNotEmpty(scope);
      const check = new InputChecker('input');
      check.id('id', input.id);
      const status = check.oneOf('status', input.status, ArrangementStatus, { required: true });
      check.int('expectedVersion', input.expectedVersion, { required: true, min: 1 });
      const note = check.text('note', input.note?.trim(), { max: 500 });
      check.throwIfInvalid();
      return changeVersioned(this.conn, this.audit, ctx, {
        entity: PoliticalArrangementEntity,
        typeName: 'PoliticalArrangement',
        label: 'Political arrangement',
        action: 'changePoliticalArrangementStatus',
        id: entityId!,
        expectedVersion: input.expectedVersion,
        scope,
        held: (current) => ({ districtCode: current.districtCode }),
        verb: 'change political arrangements',
        next: (current) => {
          const allowed = ARRANGEMENT_TRANSITIONS[current.status as ArrangementStatus] ?? [];
          if (!allowed.includes(status!)) {
            // The record's state refuses the request, as for every status change (activities' assertTransition): CONFLICT.
            throw new ConflictError(
              `Political arrangement ${current.id} is ${current.status}: it cannot become ${status}` + (allowed.length ? ` (only ${allowed.join(' or ')}).` : ` (${current.status} is final).`),
              { field: 'input.status', currentStatus: current.status, currentVersion: current.version },
            );
          }
          const now = new Date();
          return {
            set: {
              status: status!,
              ...(status === ArrangementStatus.APPOINTED ? { appointedAt: now } : { closedAt: now }),
              changedBy: ctx.viewer.subject,
              ...(note ? { note } : {}),
            },
            detail: `${current.status} → ${status}`,
          };
        },
      });
    });
  }
}

interface ArrangementRecord {
  personId: string;
  kind: ArrangementKind;
  level: ArrangementLevel;
  body: string;
  position: string | null;
  districtCode: string;
  termStart: string;
  termEnd: string;
  status: ArrangementStatus;
  note: string | null;
}

/** Checks a new arrangement; null with every problem in `check`. */
function checkArrangement(check: InputChecker, input: Partial<RecordPoliticalArrangementInput>): ArrangementRecord | null {
  const personId = check.id('personId', input.personId);
  const kind = check.oneOf('kind', input.kind, ArrangementKind, { required: true });
  const level = check.oneOf('level', input.level, ArrangementLevel, { required: true });
  const body = check.text('body', input.body?.replace(/\s+/g, ' ').trim(), { required: true, min: 2, max: 100 });
  const position = check.text('position', input.position?.trim(), { max: 100 });
  const districtCode = check.district('districtCode', input.districtCode, { required: true, countyLevel: level === ArrangementLevel.DISTRICT });
  const termStart = check.date('termStart', input.termStart, { required: true, notBefore: '2011-01-01' });
  const termEnd = check.date('termEnd', input.termEnd, { required: true });
  if (termStart && termEnd) {
    if (termEnd <= termStart) check.fail('termEnd', `must be after termStart ${termStart}`);
    else if (termEnd > `${Number(termStart.slice(0, 4)) + MAX_TERM_YEARS}${termStart.slice(4)}`) check.fail('termEnd', `must be within ${MAX_TERM_YEARS} years of termStart`);
  }
  const status = check.oneOf('status', input.status ?? ArrangementStatus.RECOMMENDED, ArrangementStatus);
  if (status && status !== ArrangementStatus.RECOMMENDED && status !== ArrangementStatus.APPOINTED) check.fail('status', 'must be RECOMMENDED or APPOINTED for a new arrangement');
  const note = check.text('note', input.note?.trim(), { max: 500 });
  if (!check.ok) return null;
  return {
    personId: personId!,
    kind: kind!,
    level: level!,
    body: body!,
    position: position || null,
    districtCode: districtCode!,
    termStart: termStart!,
    termEnd: termEnd!,
    status: status!,
    note: note || null,
  };
}

function arrangementRow(id: string, r: ArrangementRecord, changedBy: string) {
  const now = new Date();
  return {
    id,
    ...r,
    recommendedAt: r.status === ArrangementStatus.RECOMMENDED ? now : null,
    appointedAt: r.status === ArrangementStatus.APPOINTED ? now : null,
    closedAt: null,
    changedBy,
    version: 1,
  };
}
