import type { GraphQLResolveInfo } from 'graphql';
import { ChildPageFamily, childPageFamily, chunksOf, countLoader, loadChildPage, loaderMaxBatchSize, Page, RequestContext, rowLoader } from '@tongxin/common';
import DataLoader from 'dataloader';
import type { OrganizationEntity } from '../organization/organization.entity';
import { MeetingDecisionEntity, MeetingEntity } from './meeting.entity';
import type { MeetingService } from './meeting.service';

export interface MeetingLoaders {
  /** A meeting, or null; one the viewer may not read rejects its own load with FORBIDDEN. */
  readonly meetingById: DataLoader<string, MeetingEntity | null>;
  /** One page of a body's meetings, per page size and cursor. */
  readonly meetingPages: ChildPageFamily<MeetingEntity>;
  /** The number of meetings of each body, for meetings.totalCount. */
  readonly meetingCounts: DataLoader<string, number>;
  /** The attending units and the decisions of each meeting, with the units they name. */
  readonly meetingDetails: DataLoader<string, MeetingDetails>;
}

export interface MeetingDetails {
  readonly attendingUnits: readonly OrganizationEntity[];
  readonly decisions: readonly MeetingDecisionEntity[];
  /** The units the decisions name, by id. */
  readonly units: ReadonlyMap<string, OrganizationEntity>;
}

export function createMeetingLoaders(meetings: MeetingService, ctx: RequestContext<unknown>): MeetingLoaders {
  return {
    meetingById: rowLoader(
      (ids) => meetings.findByIds(ctx, ids),
      (m) => m.id,
      (m) => meetings.readRefusal(ctx, m),
    ),
    meetingPages: childPageFamily(
      (bodyIds, key) => meetings.meetingIdPages(ctx, bodyIds, key),
      (ids) => meetings.findByIds(ctx, ids),
    ),
    meetingCounts: countLoader((bodyIds: readonly string[]) => meetings.countByBody(ctx, bodyIds)),
    // Attendance, decisions and the units both name in one batch function, so that the number of
    // statements never depends on how the resolvers' promises interleave.
    meetingDetails: new DataLoader<string, MeetingDetails>(
      async (ids) => {
        const [attendance, decisions] = [await meetings.attendanceOf(ctx, ids), await meetings.decisionsOf(ctx, ids)];
        const unitIds = [...new Set([...attendance.map((a) => a.unitId), ...decisions.map((d) => d.responsibleUnitId).filter((u): u is string => u !== null)])];
        const units = new Map<string, OrganizationEntity>();
        for (const chunk of chunksOf(unitIds, loaderMaxBatchSize())) for (const u of await meetings.unitsByIds(ctx, chunk)) units.set(u.id, u);
        return ids.map((id) => ({
          attendingUnits: attendance
            .filter((a) => a.meetingId === id)
            .map((a) => units.get(a.unitId))
            .filter((u): u is OrganizationEntity => u !== undefined),
          decisions: decisions.filter((d) => d.meetingId === id),
          units,
        }));
      },
      { maxBatchSize: loaderMaxBatchSize() },
    ),
  };
}

/** One page of a body's meetings, batched with every other body asking for the same page; COUNT only for totalCount. */
export function loadMeetingPage(loaders: MeetingLoaders, bodyId: string, args: { first?: number | null; after?: string | null }, info: GraphQLResolveInfo): Promise<Page<MeetingEntity>> {
  return loadChildPage(loaders.meetingPages, bodyId, args, {}, () => loaders.meetingCounts.load(bodyId), info);
}
