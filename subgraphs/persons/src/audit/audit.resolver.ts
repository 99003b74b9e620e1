import { Authorization, AuditEvent, AuditEventFilter, PageArgs, PageInfo, RequestContext } from '@tongxin/common';
import { Arg, Args, Ctx, Field, ObjectType, Query, Resolver } from 'type-graphql';
import type { PersonsServices } from '../services';

@ObjectType('AuditEventEdge', { simpleResolvers: true })
class AuditEventEdge {
  @Field()
  cursor!: string;

  @Field(() => AuditEvent)
  node!: AuditEvent;
}

@ObjectType({ simpleResolvers: true, description: 'A page of the audit log of the whole platform, newest first.' })
export class AuditEventConnection {
  @Field(() => [AuditEventEdge])
  edges!: AuditEventEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@Resolver()
export class AuditResolver {
  constructor(private readonly services: PersonsServices) {}

  @Authorization({ roles: { CITY_ADMIN: 'all' } })
  @Query(() => AuditEventConnection, {
    description: 'The audit log of every subgraph (mutations, full reads of ID and mobile numbers, refusals), newest first. City administrators only.',
  })
  async auditEvents(
    @Arg('filter', () => AuditEventFilter, { nullable: true }) filter: AuditEventFilter | null,
    @Args() page: PageArgs,
    @Ctx() ctx: RequestContext<unknown>,
  ): Promise<AuditEventConnection> {
    const result = await this.services.audit.list(ctx, filter, page);
    const edges = result.edges.map((e) => Object.assign(new AuditEventEdge(), e));
    return Object.assign(new AuditEventConnection(), {
      edges,
      pageInfo: Object.assign(new PageInfo(), {
        hasNextPage: result.hasNextPage,
        hasPreviousPage: false,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges[edges.length - 1]?.cursor ?? null,
      }),
    });
  }
}
