import { Authorization, RequestContext } from '@tongxin/common';
import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { PersonsServices } from '../services';
import { PersonFilter } from '../person/person.inputs';
import { PersonStatsDimension, PersonStatsGroup } from './person-stats.types';

@Resolver()
export class PersonStatsResolver {
  constructor(private readonly services: PersonsServices) {}

  @Authorization({
    roles: {
      CITY_ADMIN: 'exact',
      DISTRICT_ADMIN: 'exact within own district, disclosure-controlled elsewhere',
      ASSOCIATION_ADMIN: 'exact for own organization, controlled elsewhere',
      ANALYST: 'controlled',
    },
  })
  @Query(() => [PersonStatsGroup], {
    description:
      'Counts of the register for dashboards, grouped by the given dimensions (none: the total), filtered as persons. Counts registered persons (status ACTIVE) unless filter.statuses names others: moved-away and archived persons are history, not counted. Every role but a person; a district administrator counts their own district.',
  })
  personStats(
    @Arg('groupBy', () => [PersonStatsDimension]) groupBy: PersonStatsDimension[],
    @Arg('filter', () => PersonFilter, { nullable: true }) filter: PersonFilter | null,
    @Ctx() ctx: RequestContext,
  ): Promise<PersonStatsGroup[]> {
    return this.services.personStats.stats(ctx, groupBy, filter);
  }
}
