import { ConnectionType, District, districtOf } from '@tongxin/common';
import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { PersonRef, personRef } from '../person/person.ref';
import { TalentPoolEntryEntity } from './talent-pool.entity';
import { PoolEntryStatus, PoolLevel } from './talent-pool.enums';

@ObjectType({ simpleResolvers: true, description: 'A person in the talent pool (代表人士人才库) of the city or a district for a year (§7).' })
@Directive('@key(fields: "id")')
export class TalentPoolEntry {
  @Field(() => ID)
  id!: string;

  @Field(() => PersonRef, { nullable: true, description: 'Null when the person is not (or no longer) in the register.' })
  person!: PersonRef;

  @Field(() => PoolLevel)
  level!: PoolLevel;

  @Field(() => District, { description: 'The district whose pool it is (温州市 for the city pool).' })
  district!: District;

  @Field(() => Int)
  year!: number;

  @Field(() => PoolEntryStatus)
  status!: PoolEntryStatus;

  @Field({ description: 'Why the person was added (or "renewed from <year>").' })
  reason!: string;

  @Field({ description: 'Who added it (token subject).' })
  addedBy!: string;

  @Field(() => Date)
  addedAt!: Date;

  @Field(() => ID, { nullable: true, description: 'The entry of an earlier year it was renewed from.' })
  renewedFromId!: string | null;

  @Field(() => String, { nullable: true })
  removedBy!: string | null;

  @Field(() => Date, { nullable: true })
  removedAt!: Date | null;

  @Field(() => String, { nullable: true })
  removalReason!: string | null;

  @Field(() => Int)
  version!: number;
}

@ObjectType()
export class TalentPoolEntryConnection extends ConnectionType(TalentPoolEntry, 'TalentPoolEntry') {}

export function toTalentPoolEntry(e: TalentPoolEntryEntity): TalentPoolEntry {
  const v = new TalentPoolEntry();
  v.id = e.id;
  v.person = personRef(e.personId);
  v.level = e.level as PoolLevel;
  v.district = districtOf(e.districtCode);
  v.year = e.year;
  v.status = e.status as PoolEntryStatus;
  v.reason = e.reason;
  v.addedBy = e.addedBy;
  v.addedAt = e.createdAt;
  v.renewedFromId = e.renewedFromId;
  v.removedBy = e.removedBy;
  v.removedAt = e.removedAt;
  v.removalReason = e.removalReason;
  v.version = e.version;
  return v;
}

@ObjectType({ simpleResolvers: true, description: 'A person evaluated in a year, ranked for a pool by their evaluations of that year.' })
export class TalentPoolCandidate {
  @Field(() => Int, { description: '1 for the best; ties are broken (see talentPoolCandidates), so ranks are distinct.' })
  rank!: number;

  @Field(() => PersonRef, { nullable: true })
  person!: PersonRef;

  @Field(() => Float, { description: "The mean composite of the person's evaluations of the year held by the district, rounded half up to 2 decimals." })
  meanComposite!: number;

  @Field(() => Int)
  evaluationCount!: number;
}

@ObjectType()
export class TalentPoolCandidateConnection extends ConnectionType(TalentPoolCandidate, 'TalentPoolCandidate') {}

@ObjectType({ simpleResolvers: true, description: "A pool's size for a year against its quota." })
export class PoolCompliance {
  @Field(() => PoolLevel)
  level!: PoolLevel;

  @Field(() => District, { description: '温州市 for the city pool.' })
  district!: District;

  @Field(() => Int)
  year!: number;

  @Field(() => Int, { nullable: true, description: 'ACTIVE entries of registered persons: what the quota counts (archived and moved-away persons are not counted; null when suppressed).' })
  count!: number | null;

  @Field(() => Int, { nullable: true, description: 'Entries of registered persons renewed and not yet confirmed, not counted (null when suppressed).' })
  underReview!: number | null;

  @Field(() => Int)
  minimum!: number;

  @Field(() => Int, { nullable: true, description: 'Null: no upper bound.' })
  maximum!: number | null;

  @Field({ description: 'minimum ≤ count (≤ maximum when there is one).' })
  compliant!: boolean;

  @Field(() => Int, { nullable: true, description: 'How many are missing to reach the minimum (0 when reached; null when the size is suppressed).' })
  shortfall!: number | null;

  @Field(() => Int, { nullable: true, description: 'How many are over the maximum (0 when within it or without one; null when the size is suppressed).' })
  excess!: number | null;

  @Field(() => Boolean, {
    description:
      "True when count or underReview is withheld: fewer than the configured minimum (default 5). Exact for city administrators and for a district's administrators on their own pool; for the others counts, shortfall and excess are rounded to a multiple of that minimum.",
  })
  suppressed!: boolean;

  @Field({ description: 'True when the quota is the default one, not one set for this pool and year.' })
  defaultQuota!: boolean;
}
