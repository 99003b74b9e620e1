import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { PoolEntryStatus, PoolLevel } from './talent-pool.enums';
import { PoolCompliance, TalentPoolEntry } from './talent-pool.type';

const DISTRICT_DOC = 'For a DISTRICT pool: one of the 12 county-level codes (required). For the CITY pool: omit it or give 330300.';

@InputType({ description: 'Adds a person to a pool of a year (status ACTIVE).' })
export class AddToTalentPoolInput {
  @Field(() => ID)
  personId!: string;

  @Field(() => PoolLevel)
  level!: PoolLevel;

  @Field(() => String, { nullable: true, description: DISTRICT_DOC })
  districtCode?: string | null;

  @Field(() => Int, { description: 'From 2011 to next year.' })
  year!: number;

  @Field({ description: 'Why the person is in the pool, 2 to 500 characters.' })
  reason!: string;
}

@InputType({ description: 'Takes an entry out of its pool; it stays as history (status REMOVED, with who, when and why).' })
export class RemoveFromTalentPoolInput {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'Why, 2 to 500 characters.' })
  reason!: string;

  @Field(() => Int, { description: 'The version read (optimistic lock).' })
  expectedVersion!: number;
}

@InputType({ description: 'Confirms an entry that the annual renewal put UNDER_REVIEW (it becomes ACTIVE).' })
export class ConfirmTalentPoolEntryInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'The version read (optimistic lock).' })
  expectedVersion!: number;
}

@InputType({ description: "Rolls a year's ACTIVE entries into a later year as UNDER_REVIEW; the earlier year stays as it is. Running it again adds nothing twice." })
export class RenewTalentPoolInput {
  @Field(() => Int)
  fromYear!: number;

  @Field(() => Int, { description: 'After fromYear, at most next year.' })
  toYear!: number;

  @Field(() => PoolLevel)
  level!: PoolLevel;

  @Field(() => String, {
    nullable: true,
    description: 'For DISTRICT: one district, or every district when omitted (a district administrator: their own). For CITY: omit it or give 330300.',
  })
  districtCode?: string | null;
}

@InputType({ description: "A pool's quota for a year, replacing the default (district: at least 50; city: 180 to 220)." })
export class SetTalentPoolQuotaInput {
  @Field(() => Int)
  year!: number;

  @Field(() => PoolLevel)
  level!: PoolLevel;

  @Field(() => String, { nullable: true, description: DISTRICT_DOC })
  districtCode?: string | null;

  @Field(() => Int, { description: '0 to 10000.' })
  minimum!: number;

  @Field(() => Int, { nullable: true, description: 'At least the minimum; null for no upper bound.' })
  maximum?: number | null;
}

@InputType({ description: 'Every given condition must hold.' })
export class TalentPoolFilter {
  @Field(() => Int, { nullable: true })
  year?: number | null;

  @Field(() => PoolLevel, { nullable: true })
  level?: PoolLevel | null;

  @Field(() => String, { nullable: true, description: 'The pool (330300: the city pool). A district administrator: their own only.' })
  districtCode?: string | null;

  @Field(() => PoolEntryStatus, { nullable: true })
  status?: PoolEntryStatus | null;

  @Field(() => ID, { nullable: true })
  personId?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: true,
    description: "Only entries of persons registered now (default): archived and moved-away persons' entries are history, listed with false.",
  })
  registeredOnly?: boolean | null;
}

@ObjectType()
export class TalentPoolEntryPayload {
  @Field(() => TalentPoolEntry)
  entry!: TalentPoolEntry;
}

@ObjectType()
export class RenewTalentPoolPayload {
  @Field(() => Int, { description: 'Entries created UNDER_REVIEW in toYear.' })
  created!: number;

  @Field(() => Int, { description: 'ACTIVE entries of fromYear whose person has an entry in the same pool of toYear already (any status): left alone.' })
  alreadyPresent!: number;

  @Field(() => Int, { description: 'ACTIVE entries of fromYear whose person is no longer registered (archived or moved away): not carried over.' })
  notRegistered!: number;
}

@ObjectType()
export class TalentPoolQuotaPayload {
  @Field(() => PoolCompliance, { description: 'The pool with its new quota.' })
  compliance!: PoolCompliance;
}
