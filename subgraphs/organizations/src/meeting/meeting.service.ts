import {
  assertInScope,
  assertScopeNotEmpty,
  AuditLog,
  ChildIdPage,
  childIdPages,
  ChildPageKey,
  chunksOf,
  countsByKey,
  ForbiddenError,
  HeldRecord,
  InputChecker,
  NotFoundError,
  readScope,
  RequestContext,
  RowScopeRule,
  scopeRefusal,
  todayInChina,
  TransactionalConnection,
  writeScope,
} from '@tongxin/common';
import { In } from 'typeorm';
import { checkRows, distinctIds, refuseFirstRow } from '../bulk';
import { OrganizationEntity } from '../organization/organization.entity';
import { OrganizationKind } from '../organization/organization.enums';
import { MeetingAttendanceEntity, MeetingDecisionEntity, MeetingEntity } from './meeting.entity';
import { CreateMeetingInput } from './meeting.inputs';
import { checkMeetingRecord, isJointMeeting, MeetingDraft } from './meeting.validation';

/**
 * Meetings are the work of the body's united-front department (docs/SECURITY.md): city
 * administrators and analysts read all, a district administrator those of their district's
 * bodies; association administrators and persons none. City administrators record any, district
 * administrators those of their district's bodies.
 */
const MEETINGS: RowScopeRule = { what: 'meetings', association: false, person: false };

/** A meeting (or a body, for its meetings) as the scope rules see it: held by the body's district. */
function heldByDistrict(record: { readonly districtCode: string }): HeldRecord {
  return { districtCode: record.districtCode };
}

/**
 * The meetings of joint meetings: create, read one, list a body's, with their attending units
 * and decisions. Reads follow `readScope(MEETINGS)`, writes `writeScope(MEETINGS)`; roles that
 * may record no meeting are refused before their input is read. Every change is audited.
 */
export class MeetingService {
  constructor(
    private readonly conn: TransactionalConnection,
    private readonly audit: AuditLog,
    private readonly today: () => string = () => todayInChina(),
  ) {}

  /** The rows of these ids, unchecked: the `meetingById` loader checks each with `readRefusal`. */
  findByIds(ctx: RequestContext<unknown>, ids: readonly string[]): Promise<MeetingEntity[]> {
    return this.conn.findByIds(ctx, MeetingEntity, ids);
  }

  /** Why the viewer may not read this meeting, or null when they may (meeting(id), `_entities`). */
  readRefusal(ctx: RequestContext<unknown>, m: MeetingEntity): ForbiddenError | null {
    return scopeRefusal(readScope(ctx.viewer, MEETINGS), ctx.viewer, heldByDistrict(m), 'read meetings');
  }

  /** Refuses `Organization.meetings` unless the body's district is in the viewer's read scope. */
  assertCanReadMeetingsOf(ctx: RequestContext<unknown>, body: { readonly districtCode: string }): void {
    const scope = readScope(ctx.viewer, MEETINGS);
    assertScopeNotEmpty(scope);
    assertInScope(scope, ctx.viewer, heldByDistrict(body), 'read the meetings of bodies');
  }

  /** For each body, the ids of one page of its meetings in the order recorded (one statement for all). */
  meetingIdPages(ctx: RequestContext<unknown>, bodyIds: readonly string[], key: ChildPageKey): Promise<Map<string, ChildIdPage>> {
    return childIdPages(this.conn.manager(ctx), { table: 'meeting', parentColumn: 'body_id', orderColumn: 'id', parents: bodyIds, first: key.first, afterValue: key.after });
  }

  /** The number of meetings of each body (absent when none). */
  countByBody(ctx: RequestContext<unknown>, bodyIds: readonly string[]): Promise<Array<{ key: string; count: number }>> {
    return countsByKey(this.conn.repo(ctx, MeetingEntity).createQueryBuilder('m'), 'bodyId', bodyIds);
  }

  /** The attending units of many meetings (one statement). */
  attendanceOf(ctx: RequestContext<unknown>, meetingIds: readonly string[]): Promise<MeetingAttendanceEntity[]> {
    return this.conn.repo(ctx, MeetingAttendanceEntity).find({ where: { meetingId: In([...meetingIds]) }, order: { unitId: 'ASC' } });
  }

  /** The decisions of many meetings, each meeting's in order (one statement). */
  decisionsOf(ctx: RequestContext<unknown>, meetingIds: readonly string[]): Promise<MeetingDecisionEntity[]> {
    return this.conn.repo(ctx, MeetingDecisionEntity).find({ where: { meetingId: In([...meetingIds]) }, order: { meetingId: 'ASC', position: 'ASC' } });
  }

  /** Member units by id (profiles: every role reads them). */
  unitsByIds(ctx: RequestContext<unknown>, ids: readonly string[]): Promise<OrganizationEntity[]> {
    return this.conn.findByIds(ctx, OrganizationEntity, ids);
  }

  getById(ctx: RequestContext<unknown>, id: string): Promise<MeetingEntity> {
    return this.conn.getEntityOrThrow(ctx, MeetingEntity, id, 'Meeting');
  }

  /**
   * Records a meeting that was held: the body (a JOINT_MEETING in the caller's write scope), its
   * attending member units and its decisions, in one transaction with its audit event.
   */
  async create(ctx: RequestContext<unknown>, input: CreateMeetingInput): Promise<MeetingEntity> {
    const id = await this.audit.guard(ctx, { action: 'createMeeting', entityType: 'Meeting', entityId: null }, async () => {
      const scope = writeScope(ctx.viewer, MEETINGS);
      assertScopeNotEmpty(scope);
      const today = this.today();
      return this.conn.transaction(ctx, async (tx) => {
        const check = new InputChecker('input');
        const bodyId = check.id('bodyId', input.bodyId);
        if (!bodyId) {
          // Every other problem is still reported; which units belong to the body cannot be told.
          checkMeetingRecord(check, input, null, null, today);
          check.throwIfInvalid();
        }
        const body = await this.conn.repo(tx, OrganizationEntity).findOneBy({ id: bodyId! });
        if (!body) throw new NotFoundError('Organization', bodyId!);
        assertInScope(scope, tx.viewer, heldByDistrict(body), 'record meetings of bodies');
        if (!isJointMeeting(body)) {
          check.fail('bodyId', `${body.name} is a ${body.kind}: meetings are recorded for a JOINT_MEETING`);
          check.throwIfInvalid();
        }
        const units = await this.conn.repo(tx, OrganizationEntity).findBy({ parentId: body.id, kind: OrganizationKind.JOINT_MEETING_MEMBER_UNIT });
        const record = checkMeetingRecord(check, input, body, new Map(units.map((u) => [u.id, u])), today);
        if (!record) return check.throwIfInvalid() as never;
        const meetingId = tx.ids.next();
        await this.conn.repo(tx, MeetingEntity).insert({ id: meetingId, bodyId: body.id, districtCode: body.districtCode, heldOn: record.heldOn, topic: record.topic, version: 1 });
        await this.conn.insertChunked(
          tx,
          MeetingAttendanceEntity,
          record.attendingUnitIds.map((unitId) => ({ meetingId, unitId })),
        );
        if (record.decisions.length) {
          await this.conn.insertChunked(
            tx,
            MeetingDecisionEntity,
            record.decisions.map((d) => ({ ...d, id: tx.ids.next(), meetingId })),
          );
        }
        await this.audit.record(tx, { action: 'createMeeting', entityType: 'Meeting', entityId: meetingId });
        return meetingId;
      });
    });
    return this.getById(ctx, id);
  }

  /**
   * Records many meetings at once, all or nothing (demo data). Every row is checked first
   * (problems named `rows[i].field`, a body that is no joint meeting or does not exist included),
   * then each row against the caller's write scope (the rule of createMeeting), then the rows
   * are inserted in chunks in one transaction with one audit event for the batch.
   */
  async createMany(ctx: RequestContext<unknown>, drafts: readonly MeetingDraft[]): Promise<string[]> {
    return this.audit.guard(ctx, { action: 'createMany', entityType: 'Meeting', entityId: null }, async () => {
      const scope = writeScope(ctx.viewer, MEETINGS);
      assertScopeNotEmpty(scope);
      const today = this.today();
      return this.conn.transaction(ctx, async (tx) => {
        const repo = this.conn.repo(tx, OrganizationEntity);
        const bodyIds = distinctIds(drafts.map((d) => d.bodyId));
        const bodies = await this.conn.mapByIds(tx, OrganizationEntity, bodyIds);
        const units = new Map<string, Map<string, OrganizationEntity>>();
        for (const chunk of chunksOf(bodyIds)) {
          for (const u of await repo.findBy({ parentId: In(chunk), kind: OrganizationKind.JOINT_MEETING_MEMBER_UNIT })) {
            const of = units.get(u.parentId!) ?? new Map<string, OrganizationEntity>();
            of.set(u.id, u);
            units.set(u.parentId!, of);
          }
        }
        const records = checkRows(drafts, (check, draft) => {
          const bodyId = check.id('bodyId', draft.bodyId);
          const body = bodyId ? bodies.get(bodyId) : undefined;
          if (bodyId && !body) check.fail('bodyId', `no organization has the id ${bodyId}`);
          else if (body && !isJointMeeting(body)) check.fail('bodyId', `${body.name} is a ${body.kind}: meetings are recorded for a JOINT_MEETING`);
          const record = checkMeetingRecord(check, draft, body ?? null, body ? (units.get(body.id) ?? new Map()) : null, today);
          return record && body ? { record, body } : null;
        });
        // The write scope of createMeeting, row by row.
        refuseFirstRow(records, ({ body }) => scopeRefusal(scope, tx.viewer, heldByDistrict(body), 'record meetings of bodies'));
        const meetings = records.map(({ record, body }) => ({
          record,
          row: { id: tx.ids.next(), bodyId: body.id, districtCode: body.districtCode, heldOn: record.heldOn, topic: record.topic, version: 1 },
        }));
        await this.conn.insertChunked(
          tx,
          MeetingEntity,
          meetings.map((m) => m.row),
        );
        await this.conn.insertChunked(
          tx,
          MeetingAttendanceEntity,
          meetings.flatMap((m) => m.record.attendingUnitIds.map((unitId) => ({ meetingId: m.row.id, unitId }))),
        );
        await this.conn.insertChunked(
          tx,
          MeetingDecisionEntity,
          meetings.flatMap((m) => m.record.decisions.map((d) => ({ ...d, id: tx.ids.next(), meetingId: m.row.id }))),
        );
        await this.audit.record(tx, { action: 'createMany', entityType: 'Meeting', entityId: null, detail: `${meetings.length} records` });
        return meetings.map((m) => m.row.id);
      });
    });
  }
}
