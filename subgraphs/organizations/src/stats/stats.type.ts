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

const SUPPRESSED_COUNT = 'Null when suppressed: see suppressed.';
const SUPPRESSED_FLAG =
  'True when this count is withheld: fewer members than the configured minimum (default 5), or withheld with such a group so that it cannot be computed back. Only roles that may not read the memberships themselves meet it; their counts are rounded to a multiple of that minimum.';

@ObjectType({ simpleResolvers: true })
export class RoleCount {
  @Field(() => MembershipRole)
  role!: MembershipRole;

  @Field(() => Int, { nullable: true, description: SUPPRESSED_COUNT })
  count!: number | null;

  @Field(() => Boolean, { description: SUPPRESSED_FLAG })
  suppressed!: boolean;
}

@ObjectType({ simpleResolvers: true })
export class YearCount {
  @Field(() => Int)
  year!: number;

  @Field(() => Int, { nullable: true, description: SUPPRESSED_COUNT })
  count!: number | null;

  @Field(() => Boolean, { description: SUPPRESSED_FLAG })
  suppressed!: boolean;
}

@ObjectType({
  simpleResolvers: true,
  description:
    "An organization's members in numbers, counting the memberships of registered persons only (archived and moved-away persons are history, not counted). A change of role ends one membership and starts another (changeMembershipRole): it counts as neither a join nor a departure here.",
})
export class MemberStats {
  @Field(() => Int, { nullable: true, description: 'Running memberships: the members today (null when suppressed).' })
  running!: number | null;

  @Field(() => Int, { nullable: true, description: 'Memberships that ended with the person leaving, not with a change of role (null when suppressed).' })
  left!: number | null;

  @Field(() => Int, { nullable: true, description: 'Changes of role recorded (null when suppressed).' })
  roleChanges!: number | null;

  @Field(() => Boolean, {
    description:
      "True when any number here is withheld (see RoleCount.suppressed): the roles that may not read the organization's memberships see groups under the configured minimum (default 5) suppressed and the rest rounded to a multiple of it.",
  })
  suppressed!: boolean;

  @Field(() => [RoleCount], { description: 'Running memberships by role, in the order of MembershipRole; roles nobody holds are left out.' })
  byRole!: RoleCount[];

  @Field(() => [YearCount], { description: 'Persons who joined, by the year they joined, oldest first.' })
  joinedPerYear!: YearCount[];

  @Field(() => [YearCount], { description: 'Persons who left, by the year they left, oldest first.' })
  leftPerYear!: YearCount[];
}
