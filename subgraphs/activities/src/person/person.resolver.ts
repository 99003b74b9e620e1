import { loadChildPage, PageArgs, RequestContext, toConnection } from '@tongxin/common';
import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { ActivitiesLoaders } from '../loaders';
import { ParticipationConnection, toParticipation } from '../participation/participation.type';
import { PersonRef } from './person.ref';

/** What this subgraph adds to Person: the activities they take part in. */
@Resolver(() => PersonRef)
export class PersonParticipationsResolver {
  @FieldResolver(() => ParticipationConnection, {
    description:
      'The activities this person takes part in, in the order recorded: those the caller may read (a district administrator those in activities of their district, an association administrator those its organization organizes, a person their own).',
  })
  async participations(@Root() person: PersonRef, @Args() page: PageArgs, @Ctx() ctx: RequestContext<ActivitiesLoaders>): Promise<ParticipationConnection> {
    const result = await loadChildPage(ctx.loaders.participationsByPerson, person.id, page, {}, () =>
      ctx.loaders.participationCountByPerson.load(person.id),
    );
    return toConnection(ParticipationConnection, result, toParticipation);
  }
}
