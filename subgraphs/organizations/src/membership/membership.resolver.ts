import { Authorization, loadById, RequestContext } from '@tongxin/common';
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { OrganizationsLoaders } from '../loaders';
import { Organization, toOrganization } from '../organization/organization.type';
import type { OrganizationsServices } from '../services';
import { AddMembershipInput, ChangeMembershipRoleInput, EndMembershipInput, MembershipPayload } from './membership.inputs';
import { Membership, toMembership } from './membership.type';

type Ctx = RequestContext<OrganizationsLoaders>;

const payload = (membership: Membership) => Object.assign(new MembershipPayload(), { membership });

@Resolver(() => Membership)
export class MembershipResolver {
  constructor(private readonly services: OrganizationsServices) {}

  @Authorization({ roles: { CITY_ADMIN: 'all', DISTRICT_ADMIN: 'organizations of own district', ASSOCIATION_ADMIN: 'own organization', ANALYST: 'all', PERSON: 'own' } })
  @Query(() => Membership, { nullable: true, description: 'A membership, or null when there is none with this id.' })
  async membership(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx): Promise<Membership | null> {
    const entity = await loadById(ctx.loaders.membershipById, id);
    return entity ? toMembership(entity) : null;
  }

  @Authorization({ roles: { CITY_ADMIN: 'all', DISTRICT_ADMIN: 'organizations of own district', ASSOCIATION_ADMIN: 'own organization' } })
  @Mutation(() => MembershipPayload, { description: 'Adds a person to an organization in a role.' })
  async addMembership(@Arg('input') input: AddMembershipInput, @Ctx() ctx: Ctx): Promise<MembershipPayload> {
    return payload(toMembership(await this.services.memberships.add(ctx, input)));
  }

  @Authorization({ roles: { CITY_ADMIN: 'all', DISTRICT_ADMIN: 'organizations of own district', ASSOCIATION_ADMIN: 'own organization' } })
  @Mutation(() => MembershipPayload, { description: 'Ends a membership; it stays as history.' })
  async endMembership(@Arg('input') input: EndMembershipInput, @Ctx() ctx: Ctx): Promise<MembershipPayload> {
    return payload(toMembership(await this.services.memberships.end(ctx, input)));
  }

  @Authorization({ roles: { CITY_ADMIN: 'all', DISTRICT_ADMIN: 'organizations of own district', ASSOCIATION_ADMIN: 'own organization' } })
  @Mutation(() => MembershipPayload, {
    description: 'Changes the role of a running membership: it ends (职务变更) and a new membership in the new role starts the same day; returns the new one, whose `previous` is the old.',
  })
  async changeMembershipRole(@Arg('input') input: ChangeMembershipRoleInput, @Ctx() ctx: Ctx): Promise<MembershipPayload> {
    return payload(toMembership(await this.services.memberships.changeRole(ctx, input)));
  }

  @FieldResolver(() => Membership, { nullable: true, description: 'The membership in the role held before, when this one began with a change of role.' })
  async previous(@Root() membership: Membership, @Ctx() ctx: Ctx): Promise<Membership | null> {
    if (!membership.previousId) return null;
    const entity = await ctx.loaders.membershipById.load(membership.previousId);
    return entity ? toMembership(entity) : null;
  }

  @FieldResolver(() => Membership, { nullable: true, description: 'The membership in the role held after, when this one ended with a change of role.' })
  async next(@Root() membership: Membership, @Ctx() ctx: Ctx): Promise<Membership | null> {
    if (!membership.nextId) return null;
    const entity = await ctx.loaders.membershipById.load(membership.nextId);
    return entity ? toMembership(entity) : null;
  }

  @FieldResolver(() => Organization)
  organization(@Root() membership: Membership, @Ctx() ctx: Ctx): Organization | Promise<Organization> {
    // Synchronous when read with the membership (Person.memberships): no promise per row.
    if (membership.preloadedOrganization) return membership.preloadedOrganization;
    return this.loadOrganization(membership, ctx);
  }

  private async loadOrganization(membership: Membership, ctx: Ctx): Promise<Organization> {
    const entity = await ctx.loaders.organizationById.load(membership.organizationId);
    if (!entity) throw new Error(`Membership ${membership.id} points to a missing organization ${membership.organizationId}`);
    return toOrganization(entity);
  }
}
