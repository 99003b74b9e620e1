import { makeIdNumber, SeededRandom, streetsOf } from '@tongxin/common';
import { Education, Gender, PersonCategory, PoliticalAffiliation, PersonDraft, PROFESSIONS_BY_CATEGORY } from '@tongxin/persons';
import {
  COMMUNITY_WORDS,
  DISTRICT_WEIGHTS,
  FIRM_PREFIXES,
  FIRM_SUFFIX_BY_CATEGORY,
  FIRM_SUFFIX_BY_PROFESSION,
  FOREIGN_REGION_CODES,
  GIVEN_FEMALE,
  GIVEN_MALE,
  isoDate,
  POSITIONS_BY_PROFESSION,
  RETURNEE_COUNTRIES,
  SURNAMES,
} from './vocabulary';

/** What later steps need to know of a generated person (kept small: 100,000 of them fit easily). */
export interface DemoPerson {
  id: string;
  districtCode: string;
  streetCode: string | null;
  community: string | null;
  category: PersonCategory;
  profession: string | null;
  politicalAffiliation: string;
}

const CATEGORY_WEIGHTS: ReadonlyArray<readonly [PersonCategory, number]> = [
  [PersonCategory.PRIVATE_TECH, 22],
  [PersonCategory.FOREIGN_ENTERPRISE, 8],
  [PersonCategory.SELF_EMPLOYED, 20],
  [PersonCategory.PRIVATE_BUSINESS_OWNER, 25],
  [PersonCategory.INTERMEDIARY, 15],
  [PersonCategory.FREELANCER, 10],
];

const AFFILIATION_WEIGHTS: ReadonlyArray<readonly [PoliticalAffiliation, number]> = [
  [PoliticalAffiliation.MASSES, 40],
  [PoliticalAffiliation.NON_PARTY, 22],
  [PoliticalAffiliation.CPC_MEMBER, 18],
  [PoliticalAffiliation.CNDCA, 5],
  [PoliticalAffiliation.CDL, 4],
  [PoliticalAffiliation.CAPD, 3],
  [PoliticalAffiliation.RCCK, 2],
  [PoliticalAffiliation.JIUSAN, 2],
  [PoliticalAffiliation.CPWDP, 1.5],
  [PoliticalAffiliation.CZGP, 2],
  [PoliticalAffiliation.TDSGL, 0.5],
];

const EDUCATION_WEIGHTS: ReadonlyArray<readonly [Education, number]> = [
  [Education.JUNIOR_HIGH_OR_BELOW, 8],
  [Education.SENIOR_HIGH, 17],
  [Education.JUNIOR_COLLEGE, 25],
  [Education.BACHELOR, 35],
  [Education.MASTER, 12],
  [Education.DOCTORATE, 3],
];

/** Communities invented under each real street: a few per street, the same for the same seed. */
export function communitiesOf(streetCode: string): string[] {
  const n = Number(streetCode.slice(-3));
  return [0, 1, 2].map((k) => `${COMMUNITY_WORDS[(n + k * 5) % COMMUNITY_WORDS.length]}社区`);
}

function chineseName(rng: SeededRandom, gender: Gender): string {
  const surname = rng.weighted(SURNAMES);
  const pool = gender === Gender.MALE ? GIVEN_MALE : GIVEN_FEMALE;
  const given = rng.chance(0.7) ? rng.pick([...pool]) + rng.pick([...pool]) : rng.pick([...pool]);
  return surname + given;
}

/**
 * One registration form of a plausible person. `usedIdNumbers` keeps ID numbers unique: on a
 * collision the sequence steps to the next free one of the same gender.
 */
export function personDraft(rng: SeededRandom, usedIdNumbers: Set<string>, today: string): PersonDraft {
  const districtCode = rng.weighted(DISTRICT_WEIGHTS);
  const gender = rng.chance(0.62) ? Gender.MALE : Gender.FEMALE;
  const year = rng.int(1958, 2001);
  const birthDate = isoDate(year, rng.int(1, 12), rng.int(1, 28));
  const region = rng.chance(0.85) ? districtCode : rng.pick(FOREIGN_REGION_CODES);
  let slot = rng.int(0, 499);
  let idNumber = makeIdNumber(region, birthDate, slot * 2 + (gender === Gender.MALE ? 1 : 0));
  while (usedIdNumbers.has(idNumber)) {
    slot = (slot + 1) % 500;
    idNumber = makeIdNumber(region, birthDate, slot * 2 + (gender === Gender.MALE ? 1 : 0));
  }
  usedIdNumbers.add(idNumber);
  const category = rng.weighted(CATEGORY_WEIGHTS);
  const profession = rng.pick(PROFESSIONS_BY_CATEGORY[category].filter((p) => p !== 'OTHER' || rng.chance(0.1)));
  const streets = streetsOf(districtCode);
  const street = streets.length ? rng.pick(streets) : null;
  const returnee = category === PersonCategory.PRIVATE_TECH ? rng.chance(0.2) : rng.chance(0.03);
  const registeredYear = rng.int(2012, Number(today.slice(0, 4)));
  const registeredOn = isoDate(registeredYear, rng.int(1, 12), rng.int(1, 28));
  return {
    name: chineseName(rng, gender),
    idNumber,
    gender,
    birthDate,
    ethnicity: rng.chance(0.97) ? '汉族' : rng.pick(['畲族', '回族', '苗族', '土家族', '满族']),
    politicalAffiliation: rng.weighted(AFFILIATION_WEIGHTS),
    education: rng.weighted(EDUCATION_WEIGHTS),
    category,
    profession,
    employer: rng.pick(FIRM_PREFIXES) + (FIRM_SUFFIX_BY_PROFESSION[profession] ?? rng.pick(FIRM_SUFFIX_BY_CATEGORY[category]!)),
    position: rng.pick(POSITIONS_BY_PROFESSION[profession] ?? ['职员']),
    returnee,
    returneeCountry: returnee ? rng.pick(RETURNEE_COUNTRIES) : null,
    districtCode,
    streetCode: street?.code ?? null,
    community: street && rng.chance(0.8) ? rng.pick(communitiesOf(street.code)) : null,
    mobile: `1${rng.pick(['3', '5', '7', '8', '9'])}${String(rng.int(0, 999_999_999)).padStart(9, '0')}`,
    registeredOn: registeredOn > today ? today : registeredOn,
  };
}
