import { ChildPageFamily, childPageFamily, countLoader, RequestContext, rowLoader } from '@tongxin/common';
import type DataLoader from 'dataloader';
import type { ActivityEntity } from '../activity/activity.entity';
import { withTheirActivities } from '../activity/activity.loader';
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

export function createFeedbackLoaders(feedback: FeedbackService, ctx: RequestContext<unknown>, activityById: DataLoader<string, ActivityEntity | null>): FeedbackLoaders {
  // Their activities (if any), for the association administrators' rule.
  const withActivities = withTheirActivities(
    (ids) => feedback.findByIds(ctx, ids),
    (f) => f.activityId,
    activityById,
  );
  return {
    feedbackById: rowLoader(
      withActivities.load,
      (f) => f.id,
      (f) => feedback.readRefusal(ctx, f, withActivities.activityOf(f)),
    ),
    feedbackByPerson: childPageFamily(
      (personIds, key) => feedback.pagesByPerson(ctx, personIds, key),
      (ids) => feedback.findByIds(ctx, ids),
    ),
    feedbackCountByPerson: countLoader((personIds) => feedback.countByPersons(ctx, personIds)),
    stepsByFeedback: childPageFamily(
      (ids, key) => feedback.stepPages(ctx, ids, key),
      (ids) => feedback.findStepsByIds(ctx, ids),
    ),
    stepCountByFeedback: countLoader((ids) => feedback.stepCounts(ctx, ids)),
  };
}
