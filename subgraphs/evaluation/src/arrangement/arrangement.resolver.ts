import { Authorization, loadById, PageArgs, RequestContext, toConnection } from '@tongxin/common';
import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { EvaluationServices } from '../services';
import { PoolLoaders } from '../talent-pool/talent-pool.loader';
import { ChangePoliticalArrangementStatusInput, PoliticalArrangementFilter, PoliticalArrangementPayload, RecordPoliticalArrangementInput } from './arrangement.inputs';
import { PoliticalArrangement, PoliticalArrangementConnection, toPoliticalArrangement } from './arrangement.type';

type Ctx = RequestContext<PoolLoaders>;
const payload = (e: Parameters<typeof toPoliticalArrangement>[0]) => Object.assign(new PoliticalArrangementPayload(), { arrangement: toPoliticalArrangement(e) });

@Resolver(() => PoliticalArrangement)
export class ArrangementResolver {
  constructor(private readonly services: EvaluationServices) {}

  @Authorization({ roles: { CITY_ADMIN: 'all', DISTRICT_ADMIN: "own district's", ANALYST: 'read' } })
  @Query(() => PoliticalArrangement, { nullable: true })
  async politicalArrangement(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx): Promise<PoliticalArrangement | null> {
    const e = await loadById(ctx.loaders.arrangementById, id);
    return e ? toPoliticalArrangement(e) : null;
  }

  @Authorization({ roles: { CITY_ADMIN: 'all', DISTRICT_ADMIN: "own district's", ANALYST: 'read' } })
  @Query(() => PoliticalArrangementConnection, { description: 'Political arrangements, filtered, in the order they were recorded.' })
  async politicalArrangements(
    @Arg('filter', () => PoliticalArrangementFilter, { nullable: true }) filter: PoliticalArrangementFilter | null,
    @Args() page: PageArgs,
    @Ctx() ctx: Ctx,
  ): Promise<PoliticalArrangementConnection> {
    const result = await this.services.arrangements.list(ctx, filter, page);
    for (const e of result.nodes) ctx.loaders.arrangementById.prime(e.id, e);
    return toConnection(PoliticalArrangementConnection, result, toPoliticalArrangement);
  }

  @Authorization({ roles: { CITY_ADMIN: 'all', DISTRICT_ADMIN: "own district's" } })
  @Mutation(() => PoliticalArrangementPayload, { description: 'Records a recommendation (RECOMMENDED) or an appointment (APPOINTED).' })
  async recordPoliticalArrangement(@Arg('input') input: RecordPoliticalArrangementInput, @Ctx() ctx: Ctx): Promise<PoliticalArrangementPayload> {
    return payload(await this.services.arrangements.record(ctx, input));
  }

  @Authorization({ roles: { CITY_ADMIN: 'all', DISTRICT_ADMIN: "own district's" } })
  @Mutation(() => PoliticalArrangementPayload, {
    description: "RECOMMENDED → APPOINTED or WITHDRAWN; APPOINTED → ENDED. Anything else is a CONFLICT (the arrangement's status refuses it) naming input.status.",
  })
  async changePoliticalArrangementStatus(@Arg('input') input: ChangePoliticalArrangementStatusInput, @Ctx() ctx: Ctx): Promise<PoliticalArrangementPayload> {
    return payload(await this.services.arrangements.changeStatus(ctx, input));
  }
}
