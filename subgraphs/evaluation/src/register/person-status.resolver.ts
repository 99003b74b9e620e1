import { Authorization, RequestContext } from '@tongxin/common';
import { Arg, Ctx, Directive, Field, ID, InputType, Int, Mutation, Resolver } from 'type-graphql';
import type { EvaluationServices } from '../services';

@InputType({ description: "A change of a person's status in the register, published by the persons subgraph (internal)." })
export class PersonStatusChangeInput {
  @Field(() => ID)
  personId!: string;

  @Field(() => String, { description: 'ACTIVE, MOVED_AWAY or ARCHIVED: only ACTIVE persons count in the talent pool.' })
  status!: string;

  @Field(() => Int)
  version!: number;
}

@Resolver()
export class PersonStatusResolver {
  constructor(private readonly services: EvaluationServices) {}

  @Authorization({ roles: {}, services: ['persons'] })
  @Mutation(() => Int, { description: "Internal: the persons subgraph publishes persons' statuses. Returns how many rows changed." })
  @Directive('@inaccessible')
  async applyPersonStatuses(@Arg('changes', () => [PersonStatusChangeInput]) changes: PersonStatusChangeInput[], @Ctx() ctx: RequestContext<unknown>): Promise<number> {
    return this.services.personStatuses.apply(ctx, changes);
  }
}
