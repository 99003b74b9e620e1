import { Authorization, District, districtOf, PageArgs, RequestContext, toConnection } from '@tongxin/common';
import { Arg, Args, Ctx, Directive, Field, ID, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { MembershipConnection, toMembership } from '../membership/membership.type';
import type { OrganizationsServices } from '../services';

@ObjectType({
  simpleResolvers: true,
  description:
    'One cell of crossDistrictMatrix: the persons registered (now) in one district with memberships (running ones unless activeOnly is false) in organizations of another district or the same one.',
})
export class CrossDistrictCell {
  @Field(() => District, { description: 'Where the persons are registered: only registered (ACTIVE) persons count, archived and moved-away persons in no cell.' })
  personDistrict!: District;

  @Field(() => District, { description: "The organizations' district (温州市 for city-level ones)." })
  organizationDistrict!: District;

  @Field(() => Int, { nullable: true, description: 'Distinct persons (null when suppressed); a person with several memberships in the cell counts once.' })
  persons!: number | null;

  @Field(() => Int, { nullable: true, description: 'Memberships, a person may belong to several organizations there (null when suppressed).' })
  memberships!: number | null;

  @Field(() => Boolean, {
    description:
      "True when the cell's counts are withheld: fewer persons than the configured minimum (default 5), or withheld with such a cell. Exact for city administrators and, for the cells of their own district's organizations, its district administrators; for the others small cells are suppressed and counts rounded to a multiple of that minimum.",
  })
  suppressed!: boolean;
}

@InputType({ description: "A change of a person's district, published by the persons subgraph (internal)." })
export class PersonDistrictChangeInput {
  @Field(() => ID)
  personId!: string;

  @Field(() => String, { nullable: true, description: 'Null when the person left the register (archived).' })
  districtCode!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'ACTIVE, MOVED_AWAY or ARCHIVED (only ACTIVE persons count); absent in events published before statuses were: ARCHIVED when districtCode is null, else ACTIVE.',
  })
  status?: string | null;

  @Field(() => Int)
  version!: number;
}

@Resolver()
export class RelationsResolver {
  constructor(private readonly services: OrganizationsServices) {}

  @Authorization({ roles: { CITY_ADMIN: 'all', DISTRICT_ADMIN: 'rows and columns of own district', ANALYST: 'all' } })
  @Query(() => [CrossDistrictCell], {
    description:
      'The district × district matrix of memberships (docs/CROSS-DISTRICT.md): persons registered in one district who belong to organizations of another or the same. Rows (personDistrict) are the 12 county-level units, where persons are registered; columns (organizationDistrict) are those 12 and 温州市 for city-level organizations: 12 × 13 = 156 cells, the diagonal (same district) included, ordered by personDistrict and then organizationDistrict code. Cells without memberships are left out unless zeroFilled. District administrators get the row and the column of their district (24 cells when zero-filled). A membership is filed under the district its person is registered in now, ended memberships too: the matrix keeps no history of moves.',
  })
  async crossDistrictMatrix(
    @Arg('activeOnly', () => Boolean, {
      nullable: true,
      defaultValue: true,
      description: 'Only running memberships (default); false counts ended ones too, each under the district its person is registered in now (not where they were when it ended).',
    })
    activeOnly: boolean | null,
    @Arg('zeroFilled', () => Boolean, {
      nullable: true,
      defaultValue: false,
      description:
        "Every cell the caller may see, the empty ones with 0 (156 cells, or a district administrator's 24), for dashboards that draw the whole grid. A zero is a group below the configured minimum like any other: suppressed (null) for the roles that see the cell under disclosure control, exact for the others.",
    })
    zeroFilled: boolean | null,
    @Ctx() ctx: RequestContext<unknown>,
  ): Promise<CrossDistrictCell[]> {
    const cells = await this.services.relations.matrix(ctx, activeOnly ?? true, zeroFilled ?? false);
    return cells.map((c) =>
      Object.assign(new CrossDistrictCell(), {
        personDistrict: districtOf(c.personDistrict!),
        organizationDistrict: districtOf(c.organizationDistrict),
        persons: c.persons,
        memberships: c.memberships,
        suppressed: c.suppressed,
      }),
    );
  }

  @Authorization({ roles: { CITY_ADMIN: 'all', DISTRICT_ADMIN: "own district's organizations only", ANALYST: 'all' } })
  @Query(() => MembershipConnection, {
    description:
      "The running memberships of persons registered in one district in organizations of another, in creation order. Its rows are memberships as membership(id) reads them: a district administrator lists those in their own district's organizations only (FORBIDDEN otherwise; the matrix counts the rest).",
  })
  async crossDistrictMembers(
    @Arg('personDistrictCode') personDistrictCode: string,
    @Arg('organizationDistrictCode') organizationDistrictCode: string,
    @Args() page: PageArgs,
    @Ctx() ctx: RequestContext<unknown>,
  ): Promise<MembershipConnection> {
    const result = await this.services.relations.members(ctx, personDistrictCode, organizationDistrictCode, page);
    return toConnection(MembershipConnection, result, toMembership);
  }

  @Authorization({ roles: {}, services: ['persons'] })
  @Mutation(() => Int, { description: 'Internal: the persons subgraph publishes where persons are registered. Returns how many rows changed.' })
  @Directive('@inaccessible')
  async applyPersonDistricts(@Arg('changes', () => [PersonDistrictChangeInput]) changes: PersonDistrictChangeInput[], @Ctx() ctx: RequestContext<unknown>): Promise<number> {
    return this.services.relations.applyPersonDistricts(ctx, changes);
  }
}
