import { District, districtOf, PageArgs, RequestContext, toConnection } from '@tongxin/common';
import { Arg, Args, Ctx, Directive, Field, ID, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { MembershipConnection, toMembership } from '../membership/membership.type';
import type { OrganizationsServices } from '../services';

@ObjectType({ simpleResolvers: true, description: 'Persons registered in one district with running memberships in organizations of another (or the same).' })
export class CrossDistrictCell {
  @Field(() => District, { description: 'Where the persons are registered (persons no longer in the register count nowhere).' })
  personDistrict!: District;

  @Field(() => District, { description: "The organizations' district (温州市 for city-level ones)." })
  organizationDistrict!: District;

  @Field(() => Int, { nullable: true, description: 'Distinct persons (null when suppressed).' })
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

  @Field(() => Int)
  version!: number;
}

@Resolver()
export class RelationsResolver {
  constructor(private readonly services: OrganizationsServices) {}

  @Query(() => [CrossDistrictCell], {
    description:
      'The district × district matrix of memberships: persons registered in one district who belong to organizations of another (docs/CROSS-DISTRICT.md). District administrators see the rows and columns of their district.',
  })
  async crossDistrictMatrix(
    @Arg('activeOnly', () => Boolean, { nullable: true, defaultValue: true, description: 'Only running memberships (default).' }) activeOnly: boolean | null,
    @Ctx() ctx: RequestContext<unknown>,
  ): Promise<CrossDistrictCell[]> {
    const cells = await this.services.relations.matrix(ctx, activeOnly ?? true);
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

  @Mutation(() => Int, { description: 'Internal: the persons subgraph publishes where persons are registered. Returns how many rows changed.' })
  @Directive('@inaccessible')
  async applyPersonDistricts(
    @Arg('changes', () => [PersonDistrictChangeInput]) changes: PersonDistrictChangeInput[],
    @Ctx() ctx: RequestContext<unknown>,
  ): Promise<number> {
    return this.services.relations.applyPersonDistricts(ctx, changes);
  }
}
