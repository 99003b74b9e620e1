import type { RequestContext } from '@tongxin/common';
import { ActivityLoaders, createActivityLoaders } from './activity/activity.loader';
import { createFeedbackLoaders, FeedbackLoaders } from './feedback/feedback.loader';
import { createParticipationLoaders, ParticipationLoaders } from './participation/participation.loader';
import type { ActivitiesServices } from './services';

/** One set per request: every relation field of this subgraph resolves through these. */
export type ActivitiesLoaders = ActivityLoaders & ParticipationLoaders & FeedbackLoaders;

export function createActivitiesLoaders(services: ActivitiesServices, ctx: RequestContext<ActivitiesLoaders>): ActivitiesLoaders {
  const activityLoaders = createActivityLoaders(services.activities, ctx);
  return {
    ...activityLoaders,
    ...createParticipationLoaders(services.participations, ctx, activityLoaders.activityById),
    ...createFeedbackLoaders(services.feedback, ctx, activityLoaders.activityById),
  };
}
