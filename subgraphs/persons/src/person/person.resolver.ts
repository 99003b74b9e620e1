import { Authorization, DateScalar, ForbiddenError, loadById, PageArgs, RequestContext, toConnection } from '@tongxin/common';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { PersonsServices } from '../services';
import { PersonLoaders } from './person.loader';
import { ArchivePersonInput, PersonFilter, PersonPayload, RegisterPersonInput, UpdatePersonInput } from './person.inputs';
import { Person, PersonConnection, toPerson } from './person.type';

type Ctx = RequestContext<PersonLoaders>;

const payload = (person: Person) => Object.assign(new PersonPayload(), { person });

@Resolver(() => Person)
export class PersonResolver {
  constructor(private readonly services: PersonsServices) {}

  @Authorization({ roles: { CITY_ADMIN: 'all', DISTRICT_ADMIN: 'own district', ASSOCIATION_ADMIN: 'running members of own organization', ANALYST: 'all', PERSON: 'self' } })
  @Query(() => Person, { nullable: true, description: 'A person of the register, or null when there is none with this id.' })
  async person(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx): Promise<Person | null> {
    const entity = await loadById(ctx.loaders.personById, id);
    return entity ? toPerson(entity) : null;
  }

  @Authorization({ roles: { CITY_ADMIN: 'all', DISTRICT_ADMIN: 'own district', ASSOCIATION_ADMIN: 'running members of own organization', ANALYST: 'all', PERSON: 'self' } })
  @Query(() => PersonConnection, {
    description:
      'The register, filtered, in the order the records were entered, oldest first (an import in the order of its rows). The order is that of the id, a UUIDv7 that begins with the moment the record was made, so pages never shift when a record changes. Not by registeredOn, the date on the form, which may be earlier than its entry.',
  })
  async persons(@Arg('filter', () => PersonFilter, { nullable: true }) filter: PersonFilter | null, @Args() page: PageArgs, @Ctx() ctx: Ctx): Promise<PersonConnection> {
    const result = await this.services.persons.list(ctx, filter, page);
    for (const p of result.nodes) ctx.loaders.personById.prime(p.id, p);
    return toConnection(PersonConnection, result, toPerson);
  }

  @Authorization({ roles: { CITY_ADMIN: 'all', DISTRICT_ADMIN: 'own district' } })
  @Mutation(() => PersonPayload, { description: 'Adds a person to the register (the registration form).' })
  async registerPerson(@Arg('input') input: RegisterPersonInput, @Ctx() ctx: Ctx): Promise<PersonPayload> {
    return payload(toPerson(await this.services.persons.register(ctx, input)));
  }

  @Authorization({ roles: { CITY_ADMIN: 'all', DISTRICT_ADMIN: 'own district (also the district moved to)' } })
  @Mutation(() => PersonPayload, { description: 'Changes a person; refused with CONFLICT if someone changed them since you read them.' })
  async updatePerson(@Arg('input') input: UpdatePersonInput, @Ctx() ctx: Ctx): Promise<PersonPayload> {
    return payload(toPerson(await this.services.persons.update(ctx, input)));
  }

  @Authorization({ roles: { CITY_ADMIN: 'all', DISTRICT_ADMIN: 'own district' } })
  @Mutation(() => PersonPayload, { description: 'Archives a person: kept for the record, hidden from default lists.' })
  async archivePerson(@Arg('input') input: ArchivePersonInput, @Ctx() ctx: Ctx): Promise<PersonPayload> {
    return payload(toPerson(await this.services.persons.archive(ctx, input)));
  }

  @FieldResolver(() => DateScalar, {
    nullable: true,
    description: '出生日期: for the roles that may see the full ID number, whose middle it is (FORBIDDEN for others, who have birthYear).',
  })
  birthDate(@Root() person: Person, @Ctx() ctx: Ctx): string {
    // The birth date is the ID number's middle: a role that may not read the number may not read it either.
    const birthDate = this.services.persons.birthDateFor(ctx, person.entity);
    if (birthDate instanceof ForbiddenError) throw birthDate;
    return birthDate;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'The full ID number: for city administrators, the district administrators of the district and the person themself (FORBIDDEN for others). Every read is recorded in the audit log.',
  })
  idNumberFull(@Root() person: Person, @Ctx() ctx: Ctx): Promise<string | null> {
    return ctx.loaders.sensitiveRead.load({ person: person.entity, field: 'idNumber' });
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'The full mobile number (null when none is recorded), for the same roles as idNumberFull; every read is recorded in the audit log.',
  })
  mobileFull(@Root() person: Person, @Ctx() ctx: Ctx): Promise<string | null> {
    return ctx.loaders.sensitiveRead.load({ person: person.entity, field: 'mobile' });
  }
}
