import { ChildPageFamily, childPageFamily, countLoader, RequestContext, rowLoader } from '@tongxin/common';
import type DataLoader from 'dataloader';
import type { ActivityEntity } from '../activity/activity.entity';
import { FeedbackEntity, FeedbackStepEntity } from './feedback.entity';
import type { FeedbackService } from './feedback.service';

export interface FeedbackLoaders {
  /** A feedback the viewer may read, or null; one they may not rejects its own load with FORBIDDEN. */
  readonly feedbackById: DataLoader<string, FeedbackEntity | null>;
  /** Pages of a person's feedback that the viewer may read. */
  readonly feedbackByPerson: ChildPageFamily<FeedbackEntity>;
  readonly feedbackCountByPerson: DataLoader<string, number>;
  /** Pages of a feedback's steps (unchecked: the feedback was). */
  readonly stepsByFeedback: ChildPageFamily<FeedbackStepEntity>;
  readonly stepCountByFeedback: DataLoader<string, number>;
}

export function createFeedbackLoaders(
  feedback: FeedbackService,
  ctx: RequestContext<unknown>,
  activityById: DataLoader<string, ActivityEntity | null>,
): FeedbackLoaders {
  // The activities of the feedback loaded by id, for the association administrators' rule: one
  // statement per batch through the request's activity loader (which then serves Feedback.activity).
  const activitiesOfLoaded = new Map<string, ActivityEntity>();
  const byIdsWithActivities = async (ids: readonly string[]): Promise<FeedbackEntity[]> => {
    const rows = await feedback.findByIds(ctx, ids);
    const activityIds = [...new Set(rows.map((f) => f.activityId).filter((x): x is string => !!x))];
    for (const a of await activityById.loadMany(activityIds)) {
      if (a instanceof Error) throw a;
      if (a) activitiesOfLoaded.set(a.id, a);
    }
    return rows;
  };
  return {
    feedbackById: rowLoader(
      byIdsWithActivities,
      (f) => f.id,
      (f) => feedback.readRefusal(ctx, f, f.activityId ? activitiesOfLoaded.get(f.activityId) : null),
    ),
    feedbackByPerson: childPageFamily((personIds, key) => feedback.pagesByPerson(ctx, personIds, key), (ids) => feedback.findByIds(ctx, ids)),
    feedbackCountByPerson: countLoader((personIds) => feedback.countByPersons(ctx, personIds)),
    stepsByFeedback: childPageFamily((ids, key) => feedback.stepPages(ctx, ids, key), (ids) => feedback.findStepsByIds(ctx, ids)),
    stepCountByFeedback: countLoader((ids) => feedback.stepCounts(ctx, ids)),
  };
}
