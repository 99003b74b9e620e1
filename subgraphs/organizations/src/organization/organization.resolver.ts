import type { GraphQLResolveInfo } from 'graphql';
import { Authorization, loadById, PageArgs, RequestContext, toConnection } from '@tongxin/common';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { OrganizationsLoaders } from '../loaders';
import { loadMemberPage } from '../membership/membership.loader';
import { MembershipConnection, toMembership } from '../membership/membership.type';
import type { OrganizationsServices } from '../services';
import { CreateOrganizationInput, OrganizationFilter, OrganizationPayload } from './organization.inputs';
import { Organization, OrganizationConnection, toOrganization } from './organization.type';

type Ctx = RequestContext<OrganizationsLoaders>;

@Resolver(() => Organization)
export class OrganizationResolver {
  constructor(private readonly services: OrganizationsServices) {}

  @Authorization({ roles: { CITY_ADMIN: 'read', DISTRICT_ADMIN: 'read', ASSOCIATION_ADMIN: 'read', ANALYST: 'read', PERSON: 'read' } })
  @Query(() => Organization, { nullable: true, description: 'An organization, or null when there is none with this id.' })
  async organization(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx): Promise<Organization | null> {
    const entity = await loadById(ctx.loaders.organizationById, id);
    return entity ? toOrganization(entity) : null;
  }

  @Authorization({ roles: { CITY_ADMIN: 'read', DISTRICT_ADMIN: 'read', ASSOCIATION_ADMIN: 'read', ANALYST: 'read', PERSON: 'read' } })
  @Query(() => OrganizationConnection, { description: 'Organizations, filtered, in creation order.' })
  async organizations(@Args() page: PageArgs, @Arg('filter', () => OrganizationFilter, { nullable: true }) filter: OrganizationFilter | null, @Ctx() ctx: Ctx): Promise<OrganizationConnection> {
    const result = await this.services.organizations.list(ctx, filter, page);
    for (const o of result.nodes) ctx.loaders.organizationById.prime(o.id, o);
    return toConnection(OrganizationConnection, result, toOrganization);
  }

  @Authorization({ roles: { CITY_ADMIN: 'all', DISTRICT_ADMIN: 'own district, below city level' } })
  @Mutation(() => OrganizationPayload, { description: 'Sets up an association or working body.' })
  async createOrganization(@Arg('input') input: CreateOrganizationInput, @Ctx() ctx: Ctx): Promise<OrganizationPayload> {
    const organization = toOrganization(await this.services.organizations.create(ctx, input));
    return Object.assign(new OrganizationPayload(), { organization });
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      "A member unit's contact phone (personal data): whole for city administrators and the unit's district administrators (each such read is audited as readContactPhone), masked (138******78, 0577-******00: six digits or more hidden) for every other role.",
  })
  async contactPhone(@Root() organization: Organization, @Ctx() ctx: Ctx): Promise<string | null> {
    if (organization.contactPhoneEnc === null) return null;
    return ctx.loaders.contactPhones.load(organization);
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'The body this one belongs to.' })
  async parent(@Root() organization: Organization, @Ctx() ctx: Ctx): Promise<Organization | null> {
    if (!organization.parentId) return null;
    const entity = await ctx.loaders.organizationById.load(organization.parentId);
    return entity ? toOrganization(entity) : null;
  }

  @FieldResolver(() => [Organization], { description: 'The bodies that belong to this one, in creation order.' })
  async children(@Root() organization: Organization, @Ctx() ctx: Ctx): Promise<Organization[]> {
    const entities = await ctx.loaders.organizationsByParent.load(organization.id);
    return entities.map(toOrganization);
  }

  @FieldResolver(() => MembershipConnection, {
    nullable: true,
    description:
      "Its members, in the order they joined: by default the running memberships of registered persons; with activeOnly: false the whole history, ended memberships and archived or moved-away persons included (Person.status says which). Personal data: city administrators and analysts read every organization's, a district administrator those of their district, an association administrator their own organization's; otherwise FORBIDDEN on this field alone.",
  })
  async members(
    @Root() organization: Organization,
    @Arg('activeOnly', () => Boolean, {
      nullable: true,
      defaultValue: true,
      description: 'Only running memberships of registered persons (default); false lists the whole history, ended memberships and persons no longer registered included.',
    })
    activeOnly: boolean | null,
    @Args() page: PageArgs,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ): Promise<MembershipConnection> {
    this.services.memberships.assertCanReadMembers(ctx, organization);
    const result = await loadMemberPage(ctx.loaders, organization.id, page, activeOnly ?? true, info);
    return toConnection(MembershipConnection, result, toMembership);
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description:
      "How many members it has, counting registered persons only (archived and moved-away persons are history, not counted; members(activeOnly: false) lists them). An aggregate: every role but a person, who gets FORBIDDEN on this field alone. Exact for those who may read its memberships (city administrators, its district's, its own association administrator); for the other roles null, with no error, when under the configured minimum (default 5), and otherwise rounded to a multiple of it (memberStats says suppressed).",
  })
  async memberCount(
    @Root() organization: Organization,
    @Arg('activeOnly', () => Boolean, { nullable: true, defaultValue: true, description: 'Only running memberships (default); false counts ended ones too, of registered persons still.' })
    activeOnly: boolean | null,
    @Ctx() ctx: Ctx,
  ): Promise<number | null> {
    this.services.memberships.assertCanReadMemberCounts(ctx);
    return this.services.stats.memberCount(ctx, organization, await ctx.loaders.memberCounts.get({ activeOnly: activeOnly ?? true, registeredOnly: true }).load(organization.id));
  }
}
