import { AuditLog, TransactionalConnection } from '@tongxin/common';
import { ActivityService } from './activity/activity.service';
import { FeedbackService } from './feedback/feedback.service';
import { ParticipationService } from './participation/participation.service';

export interface ActivitiesServices {
  readonly activities: ActivityService;
  readonly participations: ParticipationService;
  readonly feedback: FeedbackService;
  /** The subgraph's append-only log of mutations, refusals and failures. */
  readonly audit: AuditLog;
}

/** The subgraph's services; it asks no other subgraph, so the peers are not used. */
export function createActivitiesServices(conn: TransactionalConnection): ActivitiesServices {
  const audit = new AuditLog(conn, 'activities');
  const activities = new ActivityService(conn, audit);
  return {
    activities,
    participations: new ParticipationService(conn, activities, audit),
    feedback: new FeedbackService(conn, activities, audit),
    audit,
  };
}
