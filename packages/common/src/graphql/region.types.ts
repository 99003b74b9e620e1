import { Directive, Field, ObjectType } from 'type-graphql';
import { DISTRICT_KIND_LABELS, DistrictKind, DISTRICTS, STREETS } from '../regions/districts';
import { registerLabelledEnum } from './enums';

registerLabelledEnum(DistrictKind, 'DistrictKind', 'How GB/T 2260 classifies a unit of the city.', DISTRICT_KIND_LABELS);

@ObjectType({ simpleResolvers: true, description: '温州市 or one of its 12 county-level units (GB/T 2260). Fixed reference data.' })
@Directive('@shareable')
export class District {
  @Field({ description: 'GB/T 2260 code, e.g. 330302.' })
  code!: string;

  @Field({ description: 'Name, e.g. 鹿城区.' })
  name!: string;

  @Field(() => DistrictKind)
  kind!: DistrictKind;
}

@ObjectType({ simpleResolvers: true, description: 'A street (街道), town (镇) or township (乡), with its 9-digit statistical code.' })
@Directive('@shareable')
export class Street {
  @Field()
  code!: string;

  @Field()
  name!: string;

  @Field({ description: 'GB/T 2260 code of the district it lies in.' })
  districtCode!: string;
}

const districtTypes = new Map(DISTRICTS.map((d) => [d.code, Object.assign(new District(), d)]));
const streetTypes = new Map(STREETS.map((s) => [s.code, Object.assign(new Street(), s)]));

/** The shared District object of a code (codes are validated on write, so a miss is a bug). */
export function districtOf(code: string): District {
  const d = districtTypes.get(code);
  if (!d) throw new Error(`Unknown district code ${code} in stored data`);
  return d;
}

export function streetOf(code: string | null | undefined): Street | null {
  if (!code) return null;
  return streetTypes.get(code) ?? null;
}
