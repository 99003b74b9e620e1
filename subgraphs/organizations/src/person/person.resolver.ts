import type { RequestContext } from '@tongxin/common';
import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { OrganizationsLoaders } from '../loaders';
import type { OrganizationsServices } from '../services';
import { Membership, toMembership, withOrganization } from '../membership/membership.type';
import { PersonRef } from './person.ref';

/** The fields this subgraph contributes to Person. */
@Resolver(() => PersonRef)
export class PersonRefResolver {
  constructor(private readonly services: OrganizationsServices) {}

  @FieldResolver(() => [Membership], {
    description:
      "The organizations this person belongs or belonged to, oldest membership first: those the caller may read (a district administrator's district's organizations, an association administrator's own organization, a person's own).",
  })
  async memberships(
    @Root() person: PersonRef,
    @Arg('activeOnly', () => Boolean, { nullable: true, defaultValue: false, description: 'Only running memberships.' }) activeOnly: boolean | null,
    @Ctx() ctx: RequestContext<OrganizationsLoaders>,
  ): Promise<Membership[]> {
    const rows = await ctx.loaders.membershipsByPerson.load(person.id);
    const organizations = new Map(rows.map((r) => [r.membership.id, r.organization]));
    const readable = this.services.memberships.readable(
      ctx,
      rows.map((r) => r.membership),
    );
    return (activeOnly ? readable.filter((m) => m.endDate === null) : readable).map((m) => withOrganization(toMembership(m), organizations.get(m.id)!));
  }
}
