import { Authorization, District, districtOf, DISTRICTS, InputChecker, Street, streetOf, streetsOf } from '@tongxin/common';
import { Arg, Query, Resolver } from 'type-graphql';

/** The fixed reference data: the city's districts and their streets and towns. */
@Resolver()
export class RegionResolver {
  @Authorization({ roles: { CITY_ADMIN: 'all', DISTRICT_ADMIN: 'all', ASSOCIATION_ADMIN: 'all', ANALYST: 'all', PERSON: 'all' }, note: 'any signed-in caller: reference data' })
  @Query(() => [District], { description: '温州市 and its 12 county-level units.' })
  districts(): District[] {
    return DISTRICTS.map((d) => districtOf(d.code));
  }

  @Authorization({ roles: { CITY_ADMIN: 'all', DISTRICT_ADMIN: 'all', ASSOCIATION_ADMIN: 'all', ANALYST: 'all', PERSON: 'all' }, note: 'any signed-in caller: reference data' })
  @Query(() => [Street], { description: 'The streets, towns and townships of a district.' })
  streets(@Arg('districtCode') districtCode: string): Street[] {
    const check = new InputChecker('');
    check.district('districtCode', districtCode, { required: true, countyLevel: true });
    check.throwIfInvalid();
    return streetsOf(districtCode).map((s) => streetOf(s.code)!);
  }
}
