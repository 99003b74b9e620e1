import { DateScalar } from '@tongxin/common';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { MembershipRole } from './membership.enums';
import { Membership } from './membership.type';

@InputType()
export class AddMembershipInput {
  @Field(() => ID, { description: 'A Person of the register.' })
  personId!: string;

  @Field(() => ID)
  organizationId!: string;

  @Field(() => MembershipRole, { description: 'Officers for associations and community groups; leaders and liaisons for working bodies.' })
  role!: MembershipRole;

  @Field(() => DateScalar, { nullable: true, description: 'Defaults to today.' })
  startDate?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Start of the term of office (任期) of an officer or leader: not before startDate (the default when only termEnd is given).' })
  termStart?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'End of the term of office: after termStart. Not the end of the membership.' })
  termEnd?: string | null;
}

@InputType({ description: 'A new role in an organization: the running membership ends and a new one in the new role starts the same day, so the history of roles is kept.' })
export class ChangeMembershipRoleInput {
  @Field(() => ID, { description: 'The running membership.' })
  id!: string;

  @Field(() => Int, { description: 'The version you read; a newer one means a conflict.' })
  expectedVersion!: number;

  @Field(() => MembershipRole)
  role!: MembershipRole;

  @Field(() => DateScalar, { nullable: true, description: 'The day the new role starts (the old one ends): defaults to today; not before the membership started.' })
  changedOn?: string | null;

  @Field(() => DateScalar, { nullable: true, description: "Start of the new role's term of office." })
  termStart?: string | null;

  @Field(() => DateScalar, { nullable: true, description: "End of the new role's term of office." })
  termEnd?: string | null;
}

@InputType()
export class EndMembershipInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'The version you read; a newer one means a conflict.' })
  expectedVersion!: number;

  @Field(() => DateScalar, { nullable: true, description: 'Defaults to today; not before the start date.' })
  endDate?: string | null;

  @Field(() => String, { nullable: true, description: 'Why it ended, up to 200 characters.' })
  reason?: string | null;
}

@ObjectType()
export class MembershipPayload {
  @Field(() => Membership)
  membership!: Membership;
}
