import { emptyToNull, InputChecker, isEthnicity, parseIdNumber } from '@tongxin/common';
import { Education, Gender, PersonCategory, PersonStatus, PoliticalAffiliation, Profession, PROFESSIONS_BY_CATEGORY } from './person.enums';

/** Every field of the form, as stored. */
export interface PersonRecord {
  name: string;
  idNumber: string;
  gender: Gender;
  birthDate: string;
  ethnicity: string;
  politicalAffiliation: PoliticalAffiliation;
  education: Education | null;
  category: PersonCategory;
  profession: Profession | null;
  employer: string | null;
  position: string | null;
  returnee: boolean;
  returneeCountry: string | null;
  districtCode: string;
  streetCode: string | null;
  community: string | null;
  mobile: string | null;
  status: PersonStatus;
  registeredOn: string;
}

/** The form as a user sends it: anything may be missing or wrong. */
export type PersonDraft = { [K in keyof PersonRecord]?: PersonRecord[K] | string | null };

const NAME = /^[\p{L}\p{M}·•.\- ]+$/u;
const MOBILE = /^1[3-9]\d{9}$/;

/** The defaults of a new registration (ethnicity 汉族, status ACTIVE, registered today): for register and imports only, never for an update. */
export function withRegistrationDefaults(draft: PersonDraft, today: string): PersonDraft {
  return {
    ...draft,
    ethnicity: draft.ethnicity ?? '汉族',
    status: draft.status ?? PersonStatus.ACTIVE,
    registeredOn: draft.registeredOn === undefined || draft.registeredOn === null || draft.registeredOn === '' ? today : draft.registeredOn,
  };
}

/**
 * Checks a whole form and returns the record to store, or null with every problem recorded in
 * `check`. The same rules serve the form, updates (on the merged record) and imports. Nothing
 * is defaulted here except gender and birth date, which come from the ID number: a new
 * registration gets its defaults from `withRegistrationDefaults` first.
 */
export function checkPersonRecord(check: InputChecker, draft: PersonDraft, today: string): PersonRecord | null {
  const name = check.text('name', draft.name as string | null, { required: true, max: 50, pattern: NAME, patternMessage: 'may contain only letters, spaces and the dot ·' });

  let idNumber: string | undefined;
  let idGender: Gender | undefined;
  let idBirthDate: string | undefined;
  const rawId = check.text('idNumber', draft.idNumber as string | null, { required: true, max: 18 });
  if (rawId) {
    const parsed = parseIdNumber(rawId, today);
    if ('error' in parsed) check.fail('idNumber', parsed.error);
    else {
      idNumber = parsed.idNumber;
      idGender = parsed.gender as Gender;
      idBirthDate = parsed.birthDate;
    }
  }

  let gender = check.oneOf('gender', draft.gender as string | null, Gender);
  if (gender && idGender && gender !== idGender) {
    check.fail('gender', `is ${gender}, but the ID number is that of a ${idGender === Gender.MALE ? 'man' : 'woman'}`);
  }
  gender ??= idGender;

  let birthDate = check.date('birthDate', draft.birthDate as string | null, { notAfter: today });
  if (birthDate && idBirthDate && birthDate !== idBirthDate) {
    check.fail('birthDate', `is ${birthDate}, but the ID number gives ${idBirthDate}`);
  }
  birthDate ??= idBirthDate;

  const ethnicity = check.text('ethnicity', draft.ethnicity as string | null, { required: true, max: 20 });
  if (ethnicity && !isEthnicity(ethnicity)) check.fail('ethnicity', `"${ethnicity}" is not one of the 56 ethnic groups (write it as on the ID card, e.g. 汉族)`);

  const politicalAffiliation = check.oneOf('politicalAffiliation', draft.politicalAffiliation as string | null, PoliticalAffiliation, { required: true });
  const education = check.oneOf('education', draft.education as string | null, Education);
  const category = check.oneOf('category', draft.category as string | null, PersonCategory, { required: true });
  const profession = check.oneOf('profession', draft.profession as string | null, Profession);
  if (category && profession && !PROFESSIONS_BY_CATEGORY[category].includes(profession)) {
    check.fail('profession', `${profession} does not belong to category ${category} (allowed: ${PROFESSIONS_BY_CATEGORY[category].join(', ')})`);
  }
  const employer = check.text('employer', draft.employer as string | null, { max: 100 });
  const position = check.text('position', draft.position as string | null, { max: 50 });

  const returnee = draft.returnee === true || draft.returnee === 'true';
  const returneeCountry = check.text('returneeCountry', draft.returneeCountry as string | null, { max: 50 });
  if (returnee && !returneeCountry) check.fail('returneeCountry', 'is required for a returnee: name the country they returned from');
  if (returneeCountry && /^(中国|中华人民共和国|China|PRC)$/i.test(returneeCountry)) check.fail('returneeCountry', 'names the country studied or worked in abroad, not China');
  if (!returnee && returneeCountry) check.fail('returneeCountry', 'is only for returnees (set returnee to true, or leave it empty)');

  const districtCode = check.district('districtCode', draft.districtCode as string | null, { required: true, countyLevel: true });
  const streetCode = check.street('streetCode', draft.streetCode as string | null, districtCode);
  const community = check.text('community', draft.community as string | null, { max: 50 });
  // Communities are not reference data (no official list with codes): a community is recorded
  // under the street or town it belongs to, so it needs one (龙港市's: its one row 330383198).
  if (community && !draft.streetCode && districtCode) check.fail('community', 'needs the street or town (街道/乡镇) it belongs to: give streetCode as well');
  const mobile = check.text('mobile', draft.mobile as string | null, { max: 11, pattern: MOBILE, patternMessage: 'must be an 11-digit mainland mobile number starting with 1' });
  const status = check.oneOf('status', draft.status as string | null, PersonStatus, { required: true });
  const registeredOn = check.date('registeredOn', draft.registeredOn as string | null, { required: true, notAfter: today, notBefore: '2000-01-01' });

  if (registeredOn && birthDate && registeredOn < birthDate) check.fail('registeredOn', `is before the birth date (${birthDate})`);

  if (!check.ok) return null;
  return {
    name: name!,
    idNumber: idNumber!,
    gender: gender!,
    birthDate: birthDate!,
    ethnicity: ethnicity!,
    politicalAffiliation: politicalAffiliation!,
    education: emptyToNull(education),
    category: category!,
    profession: emptyToNull(profession),
    employer: emptyToNull(employer),
    position: emptyToNull(position),
    returnee,
    returneeCountry: returnee ? emptyToNull(returneeCountry) : null,
    districtCode: districtCode!,
    streetCode: emptyToNull(streetCode),
    community: emptyToNull(community),
    mobile: emptyToNull(mobile),
    status: status!,
    registeredOn: registeredOn!,
  };
}
