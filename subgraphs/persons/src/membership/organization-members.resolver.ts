import { Authorization, RequestContext } from '@tongxin/common';
import { Arg, Ctx, Directive, Field, ID, InputType, Int, Mutation, Resolver } from 'type-graphql';
import type { PersonsServices } from '../services';

@InputType({ description: 'A membership started or ended, published by the organizations subgraph (internal).' })
export class MembershipChangeInput {
  @Field(() => ID)
  membershipId!: string;

  @Field(() => ID)
  personId!: string;

  @Field(() => ID)
  organizationId!: string;

  @Field(() => Boolean, { description: 'True while the membership runs.' })
  active!: boolean;

  @Field(() => Int, { description: "The membership's version after the change." })
  version!: number;
}

@Resolver()
export class OrganizationMembersResolver {
  constructor(private readonly services: PersonsServices) {}

  @Authorization({ roles: {}, services: ['organizations'] })
  @Mutation(() => Int, { description: 'Internal: the organizations subgraph publishes who belongs to which organization. Returns how many rows changed.' })
  @Directive('@inaccessible')
  applyMembershipChanges(@Arg('changes', () => [MembershipChangeInput]) changes: MembershipChangeInput[], @Ctx() ctx: RequestContext<unknown>): Promise<number> {
    return this.services.organizationMembers.apply(ctx, changes);
  }
}
