import { ChildPageFamily, childPageFamily, countLoader, groupLoader, loadChildPage, Page, RequestContext, rowLoader } from '@tongxin/common';
import type DataLoader from 'dataloader';
import { MeetingAttendanceEntity, MeetingDecisionEntity, MeetingEntity } from './meeting.entity';
import type { MeetingService } from './meeting.service';

export interface MeetingLoaders {
  /** A meeting, or null; one the viewer may not read rejects its own load with FORBIDDEN. */
  readonly meetingById: DataLoader<string, MeetingEntity | null>;
  /** One page of a body's meetings, per page size and cursor. */
  readonly meetingPages: ChildPageFamily<MeetingEntity>;
  /** The number of meetings of each body, for meetings.totalCount. */
  readonly meetingCounts: DataLoader<string, number>;
  /** The attending units of each meeting. */
  readonly attendanceByMeeting: DataLoader<string, MeetingAttendanceEntity[]>;
  /** The decisions of each meeting, in order. */
  readonly decisionsByMeeting: DataLoader<string, MeetingDecisionEntity[]>;
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
    attendanceByMeeting: groupLoader((ids) => meetings.attendanceOf(ctx, ids), (a) => a.meetingId),
    decisionsByMeeting: groupLoader((ids) => meetings.decisionsOf(ctx, ids), (d) => d.meetingId),
  };
}

/** One page of a body's meetings, batched with every other body asking for the same page; COUNT only for totalCount. */
export function loadMeetingPage(loaders: MeetingLoaders, bodyId: string, args: { first?: number | null; after?: string | null }): Promise<Page<MeetingEntity>> {
  return loadChildPage(loaders.meetingPages, bodyId, args, {}, () => loaders.meetingCounts.load(bodyId));
}
