import { Authorization, loadById, PageArgs, RequestContext, toConnection } from '@tongxin/common';
import { Arg, Args, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { EvaluationServices } from '../services';
import {
  AddToTalentPoolInput,
  ConfirmTalentPoolEntryInput,
  RemoveFromTalentPoolInput,
  RenewTalentPoolInput,
  RenewTalentPoolPayload,
  SetTalentPoolQuotaInput,
  TalentPoolEntryPayload,
  TalentPoolFilter,
  TalentPoolQuotaPayload,
} from './talent-pool.inputs';
import { PoolLoaders } from './talent-pool.loader';
import { PoolCompliance, TalentPoolCandidateConnection, TalentPoolEntry, TalentPoolEntryConnection, toTalentPoolEntry } from './talent-pool.type';

type Ctx = RequestContext<PoolLoaders>;
const entryPayload = (e: Parameters<typeof toTalentPoolEntry>[0]) => Object.assign(new TalentPoolEntryPayload(), { entry: toTalentPoolEntry(e) });

@Resolver(() => TalentPoolEntry)
export class TalentPoolResolver {
  constructor(private readonly services: EvaluationServices) {}

  @Authorization({ roles: { CITY_ADMIN: 'all', DISTRICT_ADMIN: "own district's", ANALYST: 'read' } })
  @Query(() => TalentPoolEntry, { nullable: true })
  async talentPoolEntry(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx): Promise<TalentPoolEntry | null> {
    const e = await loadById(ctx.loaders.talentPoolEntryById, id);
    return e ? toTalentPoolEntry(e) : null;
  }

  @Authorization({ roles: { CITY_ADMIN: 'all', DISTRICT_ADMIN: "own district's", ANALYST: 'read' } })
  @Query(() => TalentPoolEntryConnection, { description: 'Talent pool entries, filtered, in the order they were added: by default those of registered persons only (filter.registeredOnly).' })
  async talentPool(@Arg('filter', () => TalentPoolFilter, { nullable: true }) filter: TalentPoolFilter | null, @Args() page: PageArgs, @Ctx() ctx: Ctx): Promise<TalentPoolEntryConnection> {
    const result = await this.services.talentPool.list(ctx, filter, page);
    for (const e of result.nodes) ctx.loaders.talentPoolEntryById.prime(e.id, e);
    return toConnection(TalentPoolEntryConnection, result, toTalentPoolEntry);
  }

  @Authorization({ roles: { CITY_ADMIN: 'all', DISTRICT_ADMIN: "own district's", ANALYST: 'read' } })
  @Query(() => TalentPoolCandidateConnection, {
    description:
      "Persons registered now and evaluated in the year by the district's department (330300: the city's), best first: by the mean composite of those evaluations (rounded half up to 2 decimals), then by more evaluations, then by person id.",
  })
  async talentPoolCandidates(@Arg('year', () => Int) year: number, @Arg('districtCode') districtCode: string, @Args() page: PageArgs, @Ctx() ctx: Ctx): Promise<TalentPoolCandidateConnection> {
    const result = await this.services.poolCandidates.candidates(ctx, year, districtCode, page);
    return toConnection(TalentPoolCandidateConnection, result, (c) => c);
  }

  @Authorization({ roles: { CITY_ADMIN: 'exact', DISTRICT_ADMIN: "own district's (the city pool's size only)", ANALYST: 'controlled' } })
  @Query(() => [PoolCompliance], {
    description: 'The city pool and each of the 12 district pools of a year against their quotas (§7), counting registered persons only: archived and moved-away persons are not counted.',
  })
  talentPoolCompliance(@Arg('year', () => Int) year: number, @Ctx() ctx: Ctx): Promise<PoolCompliance[]> {
    return this.services.poolQuotas.compliance(ctx, year);
  }

  @Authorization({ roles: { CITY_ADMIN: 'all', DISTRICT_ADMIN: "own district's pool" } })
  @Mutation(() => TalentPoolEntryPayload)
  async addToTalentPool(@Arg('input') input: AddToTalentPoolInput, @Ctx() ctx: Ctx): Promise<TalentPoolEntryPayload> {
    return entryPayload(await this.services.talentPool.add(ctx, input));
  }

  @Authorization({ roles: { CITY_ADMIN: 'all', DISTRICT_ADMIN: "own district's pool" } })
  @Mutation(() => TalentPoolEntryPayload)
  async removeFromTalentPool(@Arg('input') input: RemoveFromTalentPoolInput, @Ctx() ctx: Ctx): Promise<TalentPoolEntryPayload> {
    return entryPayload(await this.services.talentPool.remove(ctx, input));
  }

  @Authorization({ roles: { CITY_ADMIN: 'all', DISTRICT_ADMIN: "own district's pool" } })
  @Mutation(() => TalentPoolEntryPayload)
  async confirmTalentPoolEntry(@Arg('input') input: ConfirmTalentPoolEntryInput, @Ctx() ctx: Ctx): Promise<TalentPoolEntryPayload> {
    return entryPayload(await this.services.talentPool.confirm(ctx, input));
  }

  @Authorization({ roles: { CITY_ADMIN: 'all', DISTRICT_ADMIN: "own district's pool" } })
  @Mutation(() => RenewTalentPoolPayload, {
    description: "Rolls a year's ACTIVE entries of registered persons into the next year as UNDER_REVIEW (archived and moved-away persons are not carried over).",
  })
  async renewTalentPool(@Arg('input') input: RenewTalentPoolInput, @Ctx() ctx: Ctx): Promise<RenewTalentPoolPayload> {
    return Object.assign(new RenewTalentPoolPayload(), await this.services.talentPool.renew(ctx, input));
  }

  @Authorization({ roles: { CITY_ADMIN: 'all' } })
  @Mutation(() => TalentPoolQuotaPayload, { description: "Sets a pool's quota for a year (city administrators)." })
  async setTalentPoolQuota(@Arg('input') input: SetTalentPoolQuotaInput, @Ctx() ctx: Ctx): Promise<TalentPoolQuotaPayload> {
    return Object.assign(new TalentPoolQuotaPayload(), { compliance: await this.services.poolQuotas.setQuota(ctx, input) });
  }
}
