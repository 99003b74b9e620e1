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
    const readable = this.services.memberships.readable(ctx, await ctx.loaders.membershipsByPerson.load(person.id));
    const shown = (activeOnly ? readable.filter((m) => m.endDate === null) : readable).map(toMembership);
    if (shown.length > 0 && selectsField(info, 'organization')) {
      // Their organizations at once (one statement for every person of the request), so that
      // Membership.organization resolves without a loader round or a promise per membership.
      const organizations = await ctx.loaders.organizationById.loadMany([...new Set(shown.map((m) => m.organizationId))]);
      const byId = new Map(organizations.flatMap((o) => (o && !(o instanceof Error) ? [[o.id, o] as const] : [])));
      for (const m of shown) {
        const organization = byId.get(m.organizationId);
        if (organization) withOrganization(m, organization);
      }
    }
    return shown;
  }
}
