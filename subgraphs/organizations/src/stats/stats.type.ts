import { District } from '@tongxin/common';
import { Field, Int, ObjectType } from 'type-graphql';
import { MembershipRole } from '../membership/membership.enums';
import { OrganizationKind, OrganizationLevel } from '../organization/organization.enums';

@ObjectType({ simpleResolvers: true, description: 'The number of organizations of one group; a dimension not grouped by is null.' })
export class OrganizationStatsRow {
  @Field(() => District, { nullable: true })
  district!: District | null;

  @Field(() => OrganizationKind, { nullable: true })
  kind!: OrganizationKind | null;

  @Field(() => OrganizationLevel, { nullable: true })
  level!: OrganizationLevel | null;

  @Field(() => Int)
  count!: number;
}

@ObjectType({ simpleResolvers: true })
export class RoleCount {
  @Field(() => MembershipRole)
  role!: MembershipRole;

  @Field(() => Int)
  count!: number;
}

@ObjectType({ simpleResolvers: true })
export class YearCount {
  @Field(() => Int)
  year!: number;

  @Field(() => Int)
  count!: number;
}

@ObjectType({
  simpleResolvers: true,
  description:
    "An organization's members in numbers. A change of role ends one membership and starts another (changeMembershipRole): it counts as neither a join nor a departure here.",
})
export class MemberStats {
  @Field(() => Int, { description: 'Running memberships: the members today.' })
  running!: number;

  @Field(() => Int, { description: 'Memberships that ended with the person leaving (not with a change of role).' })
  left!: number;

  @Field(() => Int, { description: 'Changes of role recorded.' })
  roleChanges!: number;

  @Field(() => [RoleCount], { description: 'Running memberships by role, in the order of MembershipRole; roles nobody holds are left out.' })
  byRole!: RoleCount[];

  @Field(() => [YearCount], { description: 'Persons who joined, by the year they joined, oldest first.' })
  joinedPerYear!: YearCount[];

  @Field(() => [YearCount], { description: 'Persons who left, by the year they left, oldest first.' })
  leftPerYear!: YearCount[];
}
