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
