import type { TransactionalConnection } from '@tongxin/common';
import { ActivityService } from './activity/activity.service';
import { ParticipationService } from './participation/participation.service';

export interface ActivitiesServices {
  readonly activities: ActivityService;
  readonly participations: ParticipationService;
}

export function createActivitiesServices(conn: TransactionalConnection): ActivitiesServices {
  const activities = new ActivityService(conn);
  return { activities, participations: new ParticipationService(conn, activities) };
}
