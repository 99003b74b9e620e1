import type { GraphQLResolveInfo } from 'graphql';
import { type RequestContext, selectsField } from '@tongxin/common';
import { Arg, Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
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
    @Info() info: GraphQLResolveInfo,
  ): Promise<Membership[]> {
    // With `organization` selected, the organizations of every person of the request are read at
    // once (one statement), so that Membership.organization resolves without a loader round or a
    // promise per membership.
    const { memberships, organizations } = selectsField(info, 'organization')
      ? await ctx.loaders.membershipsWithOrganizationsByPerson.load(person.id)
      : { memberships: await ctx.loaders.membershipsByPerson.load(person.id), organizations: null };
    const readable = this.services.memberships.readable(ctx, memberships);
    const shown = (activeOnly ? readable.filter((m) => m.endDate === null) : readable).map(toMembership);
    if (organizations) {
      for (const m of shown) {
        const organization = organizations.get(m.organizationId);
        if (organization) withOrganization(m, organization);
      }
    }
    return shown;
  }
}
