import { AuditLog, Peers, TransactionalConnection } from '@tongxin/common';
import { ActivityService } from './activity/activity.service';
import { FeedbackStatsService } from './feedback/feedback-stats.service';
import { FeedbackService } from './feedback/feedback.service';
import { Organizers } from './organization/organizers';
import { ParticipationService } from './participation/participation.service';

export interface ActivitiesServices {
  readonly activities: ActivityService;
  readonly participations: ParticipationService;
  readonly feedback: FeedbackService;
  readonly feedbackStats: FeedbackStatsService;
  /** The subgraph's append-only log of mutations, refusals and failures. */
  readonly audit: AuditLog;
}

/**
 * The subgraph's services. It asks one peer: the organizations subgraph, whether an activity's
 * organizer exists and whether the caller may manage it (`organizationScopes`, with the caller's token).
 */
export function createActivitiesServices(conn: TransactionalConnection, peers: Peers): ActivitiesServices {
  const audit = new AuditLog(conn, 'activities');
  const activities = new ActivityService(conn, audit, new Organizers(peers));
  const feedback = new FeedbackService(conn, activities, audit);
  return {
    activities,
    participations: new ParticipationService(conn, activities, audit),
    feedback,
    feedbackStats: new FeedbackStatsService(conn, () => feedback.today()),
    audit,
  };
}
